import type { App } from '@slack/bolt';
import { insertFeedback, readAnswer, type AnswerRecord, type FeedbackValue } from '../../../db/slack-store.js';
import { FEEDBACK_ACTIONS } from '../../blocks/build-answer-messages.js';
import { buildFeedbackModal } from '../../blocks/build-modals.js';
import { writeWithRetry } from '../../request-deps.js';
import { BlockActionBody } from '../../slack-payloads.js';
import type { SlackDeps } from '../../slack-deps.js';

/** Said when the feedback could not be stored (SQLITE_BUSY…), rather than nothing. */
export const FEEDBACK_NOT_SAVED = 'Désolé, votre avis n’a pas pu être enregistré. Réessayez dans un instant.';

/** Said to someone outside the conversation an answer was given in. */
export const FEEDBACK_NOT_ALLOWED = 'Seuls les membres de la conversation où cette réponse a été donnée peuvent donner leur avis sur elle.';

/** A click is answered within seconds: feedback waits this long for another process's write lock. */
export const FEEDBACK_BUSY_BUDGET_MS = 1_500;

const THANKS: Record<Exclude<FeedbackValue, 'report'>, string> = {
  up: 'Merci ! Votre avis 👍 est enregistré.',
  down: 'Merci, votre avis 👎 est enregistré. « Signaler une erreur » permet de dire ce qui ne va pas.',
};

/** The answer a feedback button refers to (its value is the answer's id). */
function answerOf(deps: SlackDeps, value: string | undefined) {
  const id = Number(value);
  return Number.isSafeInteger(id) && id > 0 ? readAnswer(deps.db, id) : null;
}

/**
 * Whether `userId` may give feedback on `answer`: its asker, and the members of the conversation it
 * was given in (in a DM with Jalon, the asker only). Anyone else could rate answers given in
 * channels they cannot read, by id.
 */
export async function mayGiveFeedback(deps: Pick<SlackDeps, 'isMember'>, answer: AnswerRecord, userId: string): Promise<boolean> {
  if (userId === answer.userId) return true;
  if (answer.channel.startsWith('D')) return false;
  return deps.isMember(answer.channel, userId);
}

/** Stores one feedback; returns what to tell the person (thanks, or why it was not stored). */
export async function storeFeedback(deps: SlackDeps, f: { answer: AnswerRecord; userId: string; value: FeedbackValue; comment: string | null }, thanks: string): Promise<string> {
  try {
    await writeWithRetry(deps, () => insertFeedback(deps.db, { ...f, createdAt: deps.now().toISOString() }), FEEDBACK_BUSY_BUDGET_MS);
    deps.logger.info('feedback', { answer: f.answer.id, value: f.value });
    return thanks;
  } catch (error) {
    deps.logger.error('feedback not stored', { answer: f.answer.id, value: f.value, error: (error as Error)?.message ?? String(error) });
    return FEEDBACK_NOT_SAVED;
  }
}

/** 👍 / 👎 store a feedback with the question, answer and cited passages; "Signaler une erreur" opens a modal. */
export function registerFeedbackActions(app: App, deps: SlackDeps): void {
  for (const value of ['up', 'down'] as const) {
    app.action(FEEDBACK_ACTIONS[value], async ({ ack, body, client, respond }) => {
      await ack();
      const parsed = BlockActionBody.safeParse(body);
      if (!parsed.success) return;
      const b = parsed.data;
      const answer = answerOf(deps, b.actions[0]!.value);
      if (!answer) return;
      if (!(await mayGiveFeedback(deps, answer, b.user.id))) {
        deps.logger.info('feedback refused: not a member of the conversation', { answer: answer.id, user: b.user.id });
        await respond?.({ response_type: 'ephemeral', replace_original: false, text: FEEDBACK_NOT_ALLOWED }).catch(() => undefined);
        return;
      }
      const text = await storeFeedback(deps, { answer, userId: b.user.id, value, comment: null }, THANKS[value]);
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
    // The form opens at once (its trigger lives 3 s); who may report is checked when it is sent.
    await client.views
      .open({ trigger_id: parsed.data.trigger_id, view: buildFeedbackModal({ answerId: answer.id, channel: answer.channel, threadTs: answer.threadTs }) })
      .catch((error: unknown) => deps.logger.warn('feedback modal not opened', { error: (error as Error).message }));
  });
}
