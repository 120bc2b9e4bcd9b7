import type { App } from '@slack/bolt';
import { decideChange, refusalReply } from '../../../commands/change-status.js';
import { handleMesureCommand, showMeasureCard } from '../../../commands/handle-mesure-command.js';
import { GENERIC_USER_MESSAGE, userMessageOf } from '../../../domain/errors.js';
import { buildErrorBlocks } from '../../blocks/build-help-blocks.js';
import { CHOICE_BLOCK_PREFIX } from '../../blocks/build-measure-choices.js';
import { MEASURE_ACTIONS } from '../../blocks/build-measure-card.js';
import { buildStatusModal } from '../../blocks/build-modals.js';
import { deliverReply } from '../../deliver-reply.js';
import { BlockActionBody } from '../../slack-payloads.js';
import type { SlackDeps } from '../../slack-deps.js';

/**
 * Measure buttons (cards, choices, digests): "Voir" shows the card, "Mettre à jour" opens the
 * status modal (after checking the person may), a choice runs the /mesure command in its value.
 */
export function registerMeasureActions(app: App, deps: SlackDeps): void {
  app.action(MEASURE_ACTIONS.run, async ({ ack, body, respond, client }) => {
    await ack();
    const parsed = BlockActionBody.safeParse(body);
    if (!parsed.success) return;
    const b = parsed.data;
    const action = b.actions[0]!;
    const channel = b.channel?.id ?? b.container?.channel_id ?? b.user.id;
    try {
      const reply = await handleMesureCommand(deps, { userId: b.user.id, channelId: channel }, action.value ?? '');
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
      deps.logger.error('mesure_run failed', { error: (error as Error)?.message ?? String(error) });
      await respond({ response_type: 'ephemeral', replace_original: false, text: GENERIC_USER_MESSAGE }).catch(() => undefined);
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
    const actor = { userId: b.user.id, channelId: channel };
    try {
      const measure = deps.measures.get(b.actions[0]!.value ?? '');
      const { decision } = await decideChange(deps, actor, measure);
      const reply = decision.allowed
        ? { text: 'Mise à jour du statut', blocks: [], ephemeral: true, modal: buildStatusModal(measure, { measureId: measure.id, channel }) }
        : refusalReply(deps, actor, decision, measure);
      await deliverReply(reply, { client, channel, userId: b.user.id, respond, triggerId: b.trigger_id, logger: deps.logger });
    } catch (error) {
      deps.logger.info('measure_update refused', { error: (error as Error)?.message ?? String(error) });
      await respond({ response_type: 'ephemeral', replace_original: false, ...buildErrorBlocks(userMessageOf(error)) }).catch(() => undefined);
    }
  });
}
