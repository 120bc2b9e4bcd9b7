import type { App } from '@slack/bolt';
import { z } from 'zod';
import { handleStatusChange } from '../../../commands/handle-mesure-command.js';
import { readStatus } from '../../../measures/parse-status.js';
import { FIELDS, VIEWS } from '../../blocks/build-modals.js';
import { deliverAfterView } from '../../deliver-reply.js';
import { readMetadata, ViewSubmissionBody, viewValue } from '../../slack-payloads.js';
import type { SlackDeps } from '../../slack-deps.js';

const Meta = z.object({ measureId: z.string().min(1), channel: z.string().min(1) });

/** "Mettre à jour le statut" submitted: checked fields (errors shown in the form), then the change. */
export function registerMeasureStatusView(app: App, deps: SlackDeps): void {
  app.view(VIEWS.statusUpdate, async ({ ack, body, client }) => {
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
    await ack();
    const userId = parsed.data.user.id;
    const reply = await handleStatusChange(
      deps,
      { userId, channelId: meta.channel },
      { target: target === meta.measureId ? 'measure' : 'milestone', id: target, status, comment },
    );
    await deliverAfterView(reply, { client, channel: meta.channel, userId, logger: deps.logger });
  });
}
