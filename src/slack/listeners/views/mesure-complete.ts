import type { App } from '@slack/bolt';
import { z } from 'zod';
import { runMesureCommand } from '../../../commands/handle-mesure-command.js';
import { parseMesureCommand, parseRefArgument, type MesureCommand } from '../../../commands/parse-mesure-command.js';
import { readStatus } from '../../../measures/parse-status.js';
import { FIELDS, VIEWS, type CompletableVerb } from '../../blocks/build-modals.js';
import { deliverAfterView } from '../../deliver-reply.js';
import { readMetadata, ViewSubmissionBody, viewValue, type ViewState } from '../../slack-payloads.js';
import { requestKeyOf } from '../../request-context.js';
import { requestDeps, runWithStore } from '../../request-deps.js';
import type { SlackDeps } from '../../slack-deps.js';

const Meta = z.object({
  verb: z.enum(['voir', 'statut', 'jalon', 'historique', 'abonner', 'desabonner']),
  channel: z.string().min(1),
});

const MAX_COMMENT = 300;

type FieldError = { field: string; message: string };

/**
 * The command a completed form stands for, built from its fields — never re-read as one line, so
 * a name of several words stays the measure's name ("assistants médicaux" is not a status).
 */
function commandOf(verb: CompletableVerb, state: ViewState): MesureCommand | FieldError {
  if (verb === 'abonner' || verb === 'desabonner') {
    // The scope field is the verb's whole argument (a scope, then a schedule): its own grammar.
    const scope = viewValue(state, FIELDS.scope);
    return scope ? parseMesureCommand(`${verb} ${scope}`) : { field: FIELDS.scope, message: 'Champ requis.' };
  }
  const ref = viewValue(state, FIELDS.ref);
  if (!ref) return { field: FIELDS.ref, message: 'Champ requis.' };
  if (verb === 'voir' || verb === 'historique') return parseRefArgument(verb, ref);
  const statusText = viewValue(state, FIELDS.status);
  const status = statusText ? readStatus(statusText) : null;
  if (!status) return { field: FIELDS.status, message: 'Choisissez un statut.' };
  const comment = viewValue(state, FIELDS.comment);
  if (comment && comment.length > MAX_COMMENT) return { field: FIELDS.comment, message: `${MAX_COMMENT} caractères au plus.` };
  return { kind: 'set-status', target: verb === 'statut' ? 'measure' : 'milestone', ref, status, comment };
}

/** The field a parse error belongs to. */
const fieldOf = (verb: CompletableVerb) => (verb === 'abonner' || verb === 'desabonner' ? FIELDS.scope : FIELDS.ref);

/** A /mesure command completed in its form: its fields run as the command, errors shown in the form. */
export function registerMesureCompleteView(app: App, deps: SlackDeps): void {
  app.view(VIEWS.complete, async ({ ack, body, client, context }) => {
    const parsed = ViewSubmissionBody.safeParse(body);
    const meta = parsed.success ? readMetadata(Meta, parsed.data.view.private_metadata) : null;
    if (!parsed.success || !meta) {
      await ack();
      return;
    }
    const cmd = commandOf(meta.verb, parsed.data.view.state);
    if ('field' in cmd || cmd.kind === 'invalid' || cmd.kind === 'incomplete') {
      const error = 'field' in cmd ? cmd : { field: fieldOf(meta.verb), message: cmd.kind === 'invalid' ? cmd.message : 'Champ requis.' };
      await ack({ response_action: 'errors', errors: { [error.field]: error.message.slice(0, 150) } });
      return;
    }
    await ack();
    const userId = parsed.data.user.id;
    const request = requestDeps(deps, requestKeyOf(context));
    const reply = await runWithStore(request, deps.work.signal, (d) => runMesureCommand(d, { userId, channelId: meta.channel }, cmd));
    await deliverAfterView(reply, { client, channel: meta.channel, userId, logger: deps.logger });
  });
}
