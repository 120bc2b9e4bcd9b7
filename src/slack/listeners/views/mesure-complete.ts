import type { App } from '@slack/bolt';
import { z } from 'zod';
import { handleMesureCommand } from '../../../commands/handle-mesure-command.js';
import { parseMesureCommand } from '../../../commands/parse-mesure-command.js';
import { FIELDS, VIEWS } from '../../blocks/build-modals.js';
import { deliverAfterView } from '../../deliver-reply.js';
import { readMetadata, ViewSubmissionBody, viewValue, type ViewState } from '../../slack-payloads.js';
import type { SlackDeps } from '../../slack-deps.js';

const Meta = z.object({
  verb: z.enum(['voir', 'statut', 'jalon', 'historique', 'abonner', 'desabonner']),
  channel: z.string().min(1),
});

/** The /mesure line the form stands for, and the field an error belongs to. */
function commandOf(verb: z.infer<typeof Meta>['verb'], state: ViewState): { text: string; field: string } {
  if (verb === 'abonner' || verb === 'desabonner') return { text: `${verb} ${viewValue(state, FIELDS.scope) ?? ''}`, field: FIELDS.scope };
  const ref = viewValue(state, FIELDS.ref) ?? '';
  if (verb === 'statut' || verb === 'jalon') {
    const status = viewValue(state, FIELDS.status) ?? '';
    return { text: `${verb} ${ref} ${status} ${viewValue(state, FIELDS.comment) ?? ''}`, field: status ? FIELDS.ref : FIELDS.status };
  }
  return { text: `${verb} ${ref}`, field: FIELDS.ref };
}

/** A /mesure command completed in its form: the same grammar, errors shown in the form. */
export function registerMesureCompleteView(app: App, deps: SlackDeps): void {
  app.view(VIEWS.complete, async ({ ack, body, client }) => {
    const parsed = ViewSubmissionBody.safeParse(body);
    const meta = parsed.success ? readMetadata(Meta, parsed.data.view.private_metadata) : null;
    if (!parsed.success || !meta) {
      await ack();
      return;
    }
    const { text, field } = commandOf(meta.verb, parsed.data.view.state);
    const cmd = parseMesureCommand(text);
    if (cmd.kind === 'invalid' || cmd.kind === 'incomplete') {
      const message = cmd.kind === 'invalid' ? cmd.message : 'Champ requis.';
      await ack({ response_action: 'errors', errors: { [field]: message.slice(0, 150) } });
      return;
    }
    await ack();
    const userId = parsed.data.user.id;
    const reply = await handleMesureCommand(deps, { userId, channelId: meta.channel }, text);
    await deliverAfterView(reply, { client, channel: meta.channel, userId, logger: deps.logger });
  });
}
