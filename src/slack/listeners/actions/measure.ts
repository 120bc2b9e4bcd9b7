import type { App } from '@slack/bolt';
import { handleMesureCommand, showMeasureCard } from '../../../commands/handle-mesure-command.js';
import { GENERIC_USER_MESSAGE, JalonError } from '../../../domain/errors.js';
import { buildErrorBlocks } from '../../blocks/build-help-blocks.js';
import { CHOICE_BLOCK_PREFIX } from '../../blocks/build-measure-choices.js';
import { MEASURE_ACTIONS } from '../../blocks/build-measure-card.js';
import { buildStatusModal, buildStatusModalFallback } from '../../blocks/build-modals.js';
import { deliverReply } from '../../deliver-reply.js';
import { requestKeyOf } from '../../request-context.js';
import { requestDeps, runWithStore } from '../../request-deps.js';
import { BlockActionBody } from '../../slack-payloads.js';
import type { SlackDeps } from '../../slack-deps.js';

/**
 * Measure buttons (cards, choices, digests): "Voir" shows the card, "Mettre à jour" opens the
 * status modal (who may change is checked when it is submitted), a choice runs the /mesure
 * command in its value (a change it makes is applied once per click, however often it runs).
 */
export function registerMeasureActions(app: App, deps: SlackDeps): void {
  app.action(MEASURE_ACTIONS.run, async ({ ack, body, respond, client, context }) => {
    await ack();
    const parsed = BlockActionBody.safeParse(body);
    if (!parsed.success) return;
    const b = parsed.data;
    const action = b.actions[0]!;
    const channel = b.channel?.id ?? b.container?.channel_id ?? b.user.id;
    try {
      const request = requestDeps(deps, requestKeyOf(context));
      const reply = await runWithStore(request, deps.work.signal, (d) => handleMesureCommand(d, { userId: b.user.id, channelId: channel }, action.value ?? ''));
      await deliverReply(reply, {
        client,
        channel,
        userId: b.user.id,
        respond,
        triggerId: b.trigger_id,
        replaceOriginal: action.block_id?.startsWith(CHOICE_BLOCK_PREFIX) ?? false,
        logger: deps.logger,
      });
    } catch (error) {
      if (deps.work.aborted) return;
      deps.logger.error('mesure_run failed', { error: (error as Error)?.message ?? String(error) });
      await respond?.({ response_type: 'ephemeral', replace_original: false, text: GENERIC_USER_MESSAGE }).catch(() => undefined);
    }
  });

  app.action(MEASURE_ACTIONS.view, async ({ ack, body, respond, client }) => {
    await ack();
    const parsed = BlockActionBody.safeParse(body);
    if (!parsed.success) return;
    const b = parsed.data;
    const channel = b.channel?.id ?? b.container?.channel_id ?? b.user.id;
    const reply = showMeasureCard(deps, b.actions[0]!.value ?? '');
    await deliverReply(reply, { client, channel, userId: b.user.id, respond, logger: deps.logger }).catch((error: unknown) =>
      deps.logger.error('measure_view failed', { error: (error as Error)?.message ?? String(error) }),
    );
  });

  app.action(MEASURE_ACTIONS.update, async ({ ack, body, respond, client }) => {
    await ack();
    const parsed = BlockActionBody.safeParse(body);
    if (!parsed.success) return;
    const b = parsed.data;
    const channel = b.channel?.id ?? b.container?.channel_id ?? b.user.id;
    try {
      const measure = deps.measures.get(b.actions[0]!.value ?? '');
      // The trigger_id expires 3 s after the click: the form opens at once, from the local store
      // only. Checking membership first (conversations.members per covering channel) could miss
      // that window; the measure-status view checks it when the form is submitted.
      const reply = { ...buildStatusModalFallback(measure), ephemeral: true, modal: buildStatusModal(measure, { measureId: measure.id, channel }) };
      await deliverReply(reply, { client, channel, userId: b.user.id, respond, triggerId: b.trigger_id, logger: deps.logger });
    } catch (error) {
      if (error instanceof JalonError) deps.logger.info('measure_update not opened', { code: error.code, error: error.message });
      else deps.logger.error('measure_update failed', { error: (error as Error)?.message ?? String(error) });
      const message = error instanceof JalonError ? error.userMessage : GENERIC_USER_MESSAGE;
      await respond?.({ response_type: 'ephemeral', replace_original: false, ...buildErrorBlocks(message) }).catch(() => undefined);
    }
  });
}
