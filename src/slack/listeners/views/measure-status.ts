import type { App } from '@slack/bolt';
import { z } from 'zod';
import { decideChange, refusalPlainText } from '../../../commands/change-status.js';
import type { CommandDeps } from '../../../commands/command-deps.js';
import { handleStatusChange } from '../../../commands/handle-mesure-command.js';
import type { Actor } from '../../../commands/reply.js';
import { JalonError } from '../../../domain/errors.js';
import { readStatus } from '../../../measures/parse-status.js';
import { FIELDS, VIEWS } from '../../blocks/build-modals.js';
import { deliverAfterView } from '../../deliver-reply.js';
import { readMetadata, ViewSubmissionBody, viewValue } from '../../slack-payloads.js';
import { requestKeyOf } from '../../request-context.js';
import { requestDeps, runWithStore } from '../../request-deps.js';
import type { SlackDeps } from '../../slack-deps.js';
import { within } from '../../within.js';

const Meta = z.object({ measureId: z.string().min(1), channel: z.string().min(1) });

/**
 * How long the permission check may hold the submission's ack (Slack allows 3 s). Past that the
 * form closes and the check finishes after: a refusal then comes as an ephemeral message.
 */
const CHECK_BUDGET_MS = 2000;

/** isMember answered once per channel and user: the check before the ack and the change reuse it. */
function rememberMembership(isMember: CommandDeps['isMember']): CommandDeps['isMember'] {
  const asked = new Map<string, Promise<boolean>>();
  return (channel, userId) => {
    const key = `${channel} ${userId}`;
    let answer = asked.get(key);
    if (!answer) asked.set(key, (answer = isMember(channel, userId)));
    return answer;
  };
}

/** Why `actor` may not change the measure, as a field error; null when they may (or it is not known yet). */
async function refusalOf(deps: CommandDeps, actor: Actor, measureId: string): Promise<string | null> {
  try {
    const measure = deps.measures.get(measureId);
    const { decision } = await decideChange(deps, actor, measure);
    return decision.allowed ? null : refusalPlainText(measure);
  } catch (error) {
    if (error instanceof JalonError) return error.userMessage;
    // The change below meets the same error and answers it with the generic apology.
    return null;
  }
}

/**
 * "Mettre à jour le statut" submitted: checked fields and who may change the measure (a refusal
 * keeps the form open with the reason, in French), then the change (once per submission, however
 * often it runs) and its notices.
 */
export function registerMeasureStatusView(app: App, deps: SlackDeps): void {
  app.view(VIEWS.statusUpdate, async ({ ack, body, client, context }) => {
    const parsed = ViewSubmissionBody.safeParse(body);
    const meta = parsed.success ? readMetadata(Meta, parsed.data.view.private_metadata) : null;
    if (!parsed.success || !meta) {
      await ack();
      return;
    }
    const state = parsed.data.view.state;
    const target = viewValue(state, FIELDS.target) ?? meta.measureId;
    const statusText = viewValue(state, FIELDS.status);
    const status = statusText ? readStatus(statusText) : null;
    const comment = viewValue(state, FIELDS.comment);
    if (!status) {
      await ack({ response_action: 'errors', errors: { [FIELDS.status]: 'Choisissez un statut.' } });
      return;
    }
    if (comment && comment.length > 300) {
      await ack({ response_action: 'errors', errors: { [FIELDS.comment]: '300 caractères au plus.' } });
      return;
    }
    const userId = parsed.data.user.id;
    const actor: Actor = { userId, channelId: meta.channel };
    const request = requestDeps({ ...deps, isMember: rememberMembership(deps.isMember) }, requestKeyOf(context));
    const checked = request.deps;
    const refusal = await within(refusalOf(checked, actor, meta.measureId), CHECK_BUDGET_MS);
    if (refusal) {
      deps.logger.info('status change refused', { user: userId, measure: meta.measureId });
      await ack({ response_action: 'errors', errors: { [FIELDS.target]: refusal } });
      return;
    }
    await ack();
    const change = { target: target === meta.measureId ? ('measure' as const) : ('milestone' as const), id: target, status, comment };
    const reply = await runWithStore(request, deps.work.signal, (d) => handleStatusChange(d, actor, change));
    await deliverAfterView(reply, { client, channel: meta.channel, userId, logger: deps.logger });
  });
}
