import type { App } from '@slack/bolt';
import { insertFeedback, readAnswer, type FeedbackValue } from '../../../db/slack-store.js';
import { FEEDBACK_ACTIONS } from '../../blocks/build-answer-messages.js';
import { buildFeedbackModal } from '../../blocks/build-modals.js';
import { BlockActionBody } from '../../slack-payloads.js';
import type { SlackDeps } from '../../slack-deps.js';

/** Said when the feedback could not be stored (SQLITE_BUSY…), rather than nothing. */
export const FEEDBACK_NOT_SAVED = 'Désolé, votre avis n’a pas pu être enregistré. Réessayez dans un instant.';

const THANKS: Record<Exclude<FeedbackValue, 'report'>, string> = {
  up: 'Merci ! Votre avis 👍 est enregistré.',
  down: 'Merci, votre avis 👎 est enregistré. « Signaler une erreur » permet de dire ce qui ne va pas.',
};

/** The answer a feedback button refers to (its value is the answer's id). */
function answerOf(deps: SlackDeps, value: string | undefined) {
  const id = Number(value);
  return Number.isSafeInteger(id) && id > 0 ? readAnswer(deps.db, id) : null;
}

/** 👍 / 👎 store a feedback with the question, answer and cited passages; "Signaler une erreur" opens a modal. */
export function registerFeedbackActions(app: App, deps: SlackDeps): void {
  for (const value of ['up', 'down'] as const) {
    app.action(FEEDBACK_ACTIONS[value], async ({ ack, body, client }) => {
      await ack();
      const parsed = BlockActionBody.safeParse(body);
      if (!parsed.success) return;
      const b = parsed.data;
      const answer = answerOf(deps, b.actions[0]!.value);
      if (!answer) return;
      let text = THANKS[value];
      try {
        insertFeedback(deps.db, { answer, userId: b.user.id, value, comment: null, createdAt: deps.now().toISOString() });
        deps.logger.info('feedback', { answer: answer.id, value });
      } catch (error) {
        deps.logger.error('feedback not stored', { answer: answer.id, value, error: (error as Error)?.message ?? String(error) });
        text = FEEDBACK_NOT_SAVED;
      }
      await client.chat
        .postEphemeral({ channel: answer.channel, user: b.user.id, thread_ts: answer.threadTs, text })
        .catch((error: unknown) => deps.logger.warn('feedback thanks not posted', { error: (error as Error).message }));
    });
  }

  app.action(FEEDBACK_ACTIONS.report, async ({ ack, body, client }) => {
    await ack();
    const parsed = BlockActionBody.safeParse(body);
    if (!parsed.success || !parsed.data.trigger_id) return;
    const b = parsed.data;
    const answer = answerOf(deps, b.actions[0]!.value);
    if (!answer) return;
    await client.views
      .open({ trigger_id: parsed.data.trigger_id, view: buildFeedbackModal({ answerId: answer.id, channel: answer.channel, threadTs: answer.threadTs }) })
      .catch((error: unknown) => deps.logger.warn('feedback modal not opened', { error: (error as Error).message }));
  });
}
