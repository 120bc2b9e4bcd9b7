import type { App } from '@slack/bolt';
import { z } from 'zod';
import { readAnswer } from '../../../db/slack-store.js';
import { FIELDS, VIEWS } from '../../blocks/build-modals.js';
import { readMetadata, ViewSubmissionBody, viewValue } from '../../slack-payloads.js';
import type { SlackDeps } from '../../slack-deps.js';
import { within } from '../../within.js';
import { FEEDBACK_NOT_ALLOWED, mayGiveFeedback, storeFeedback } from '../actions/feedback.js';

const Meta = z.object({ answerId: z.number().int(), channel: z.string(), threadTs: z.string().nullable() });

/** How long the membership check may hold the submission's ack (Slack allows 3 s). */
const CHECK_BUDGET_MS = 2_000;

/**
 * "Signaler une erreur" submitted: stored with the question, answer and cited passages, when the
 * person belongs to the conversation the answer was given in (else the form says so).
 */
export function registerFeedbackReportView(app: App, deps: SlackDeps): void {
  app.view(VIEWS.feedback, async ({ ack, body, client }) => {
    const parsed = ViewSubmissionBody.safeParse(body);
    const meta = parsed.success ? readMetadata(Meta, parsed.data.view.private_metadata) : null;
    const comment = parsed.success ? viewValue(parsed.data.view.state, FIELDS.comment) : null;
    if (parsed.success && meta && !comment) {
      await ack({ response_action: 'errors', errors: { [FIELDS.comment]: 'Dites-nous en quelques mots ce qui est inexact.' } });
      return;
    }
    const answer = meta ? readAnswer(deps.db, meta.answerId) : null;
    if (!parsed.success || !answer) {
      await ack();
      return;
    }
    const userId = parsed.data.user.id;
    // Unknown in time counts as no: a refusal is safer than feedback from outside.
    if (!(await within(mayGiveFeedback(deps, answer, userId), CHECK_BUDGET_MS))) {
      deps.logger.info('feedback refused: not a member of the conversation', { answer: answer.id, user: userId });
      await ack({ response_action: 'errors', errors: { [FIELDS.comment]: FEEDBACK_NOT_ALLOWED.slice(0, 150) } });
      return;
    }
    await ack();
    const text = await storeFeedback(deps, { answer, userId, value: 'report', comment: comment!.slice(0, 1000) }, 'Merci, votre signalement est enregistré avec la réponse et ses sources.');
    await client.chat
      .postEphemeral({ channel: answer.channel, user: userId, thread_ts: answer.threadTs, text })
      .catch((error: unknown) => deps.logger.warn('report thanks not posted', { error: (error as Error).message }));
  });
}
