import type { App } from '@slack/bolt';
import { handleMesureCommand } from '../../../commands/handle-mesure-command.js';
import { GENERIC_USER_MESSAGE } from '../../../domain/errors.js';
import { deliverReply } from '../../deliver-reply.js';
import { unescapeSlack } from '../../question-text.js';
import { requestKeyOf } from '../../request-context.js';
import { requestDeps, runWithStore } from '../../request-deps.js';
import { SlashCommand } from '../../slack-payloads.js';
import type { SlackDeps } from '../../slack-deps.js';

/**
 * /mesure …: ack at once (the request is already recorded), then parse, run the command, and show
 * the reply (or open its form). A change is applied once per request, however often it runs; while
 * another process holds the store's write lock the command waits for it, then runs.
 */
export function registerMesureCommand(app: App, deps: SlackDeps): void {
  app.command('/mesure', async ({ ack, command, respond, client, context }) => {
    await ack();
    const parsed = SlashCommand.safeParse(command);
    if (!parsed.success) {
      await respond?.({ response_type: 'ephemeral', text: GENERIC_USER_MESSAGE }).catch(() => undefined);
      return;
    }
    const c = parsed.data;
    try {
      const request = requestDeps(deps, requestKeyOf(context));
      const reply = await runWithStore(request, deps.work.signal, (d) => handleMesureCommand(d, { userId: c.user_id, channelId: c.channel_id }, unescapeSlack(c.text)));
      await deliverReply(reply, { client, channel: c.channel_id, userId: c.user_id, respond, triggerId: c.trigger_id, logger: deps.logger });
    } catch (error) {
      if (deps.work.aborted) return;
      deps.logger.error('/mesure reply failed', { error: (error as Error)?.message ?? String(error) });
      await respond?.({ response_type: 'ephemeral', text: GENERIC_USER_MESSAGE }).catch(() => undefined);
    }
  });
}
