import type { App } from '@slack/bolt';
import { z } from 'zod';
import { insertFeedback, readAnswer } from '../../../db/slack-store.js';
import { FIELDS, VIEWS } from '../../blocks/build-modals.js';
import { readMetadata, ViewSubmissionBody, viewValue } from '../../slack-payloads.js';
import type { SlackDeps } from '../../slack-deps.js';
import { FEEDBACK_NOT_SAVED } from '../actions/feedback.js';

const Meta = z.object({ answerId: z.number().int(), channel: z.string(), threadTs: z.string().nullable() });

/** "Signaler une erreur" submitted: stored with the question, answer and cited passages. */
export function registerFeedbackReportView(app: App, deps: SlackDeps): void {
  app.view(VIEWS.feedback, async ({ ack, body, client }) => {
    const parsed = ViewSubmissionBody.safeParse(body);
    const meta = parsed.success ? readMetadata(Meta, parsed.data.view.private_metadata) : null;
    const comment = parsed.success ? viewValue(parsed.data.view.state, FIELDS.comment) : null;
    if (parsed.success && meta && !comment) {
      await ack({ response_action: 'errors', errors: { [FIELDS.comment]: 'Dites-nous en quelques mots ce qui est inexact.' } });
      return;
    }
    await ack();
    const answer = meta ? readAnswer(deps.db, meta.answerId) : null;
    if (!parsed.success || !answer) return;
    const userId = parsed.data.user.id;
    let text = 'Merci, votre signalement est enregistré avec la réponse et ses sources.';
    try {
      insertFeedback(deps.db, { answer, userId, value: 'report', comment: comment!.slice(0, 1000), createdAt: deps.now().toISOString() });
      deps.logger.info('feedback', { answer: answer.id, value: 'report' });
    } catch (error) {
      deps.logger.error('feedback not stored', { answer: answer.id, value: 'report', error: (error as Error)?.message ?? String(error) });
      text = FEEDBACK_NOT_SAVED;
    }
    await client.chat
      .postEphemeral({ channel: answer.channel, user: userId, thread_ts: answer.threadTs, text })
      .catch((error: unknown) => deps.logger.warn('report thanks not posted', { error: (error as Error).message }));
  });
}
