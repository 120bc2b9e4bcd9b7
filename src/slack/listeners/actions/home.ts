import type { App } from '@slack/bolt';
import { handleMesureCommand, showMeasureCard } from '../../../commands/handle-mesure-command.js';
import type { Actor, Reply } from '../../../commands/reply.js';
import { buildErrorBlocks } from '../../blocks/build-help-blocks.js';
import { HOME_ACTIONS, homeChoice } from '../../blocks/build-home-view.js';
import { buildInfoModal } from '../../blocks/build-modals.js';
import type { SlackClient } from '../../create-slack-client.js';
import { pictureErrorCode, pictureFailureMessage, postPicture } from '../../post-picture.js';
import { BlockActionBody } from '../../slack-payloads.js';
import type { SlackDeps } from '../../slack-deps.js';

/** The picture (or what went wrong) in the person's direct messages with Jalon. */
async function sendToDm(client: SlackClient, deps: SlackDeps, userId: string, reply: Reply): Promise<void> {
  const dm = await client.conversations.open({ users: userId });
  const channel = dm.channel?.id;
  if (!channel) throw new Error('no DM channel');
  if (!reply.picture) {
    await client.chat.postMessage({ channel, text: reply.text, blocks: reply.blocks });
    return;
  }
  try {
    await postPicture(client, reply.picture, { channel, comment: reply.text });
  } catch (error) {
    const code = pictureErrorCode(error);
    deps.logger.warn('picture not posted', { channel, error: code });
    await client.chat.postMessage({ channel, ...buildErrorBlocks(pictureFailureMessage(code)) });
  }
}

/**
 * The App Home dashboard's "⋯" menus, each the /mesure command it stands for: a scope's point
 * (`digest`) or a measure's card opens in a modal (at once: the trigger lasts 3 s), a scope's
 * picture (`frise`) arrives in the person's messages with Jalon.
 */
export function registerHomeActions(app: App, deps: SlackDeps): void {
  app.action(HOME_ACTIONS.scope, async ({ ack, body, client }) => {
    await ack();
    const parsed = BlockActionBody.safeParse(body);
    if (!parsed.success) return;
    const b = parsed.data;
    const choice = homeChoice(b.actions[0]!.selected_option?.value ?? '');
    if (!choice) return;
    const actor: Actor = { userId: b.user.id, channelId: b.user.id };
    try {
      if (choice.open === 'frise') {
        await sendToDm(client, deps, actor.userId, await handleMesureCommand(deps, actor, `frise ${choice.scope}`));
        return;
      }
      if (!b.trigger_id) return;
      const view =
        choice.open === 'fiche'
          ? buildInfoModal(`Fiche ${choice.measureId}`, showMeasureCard(deps, choice.measureId).blocks)
          : buildInfoModal(`Point ${choice.scope}`, (await handleMesureCommand(deps, actor, `digest ${choice.scope}`)).blocks);
      await client.views.open({ trigger_id: b.trigger_id, view });
    } catch (error) {
      deps.logger.warn('home action failed', { open: choice.open, error: (error as Error)?.message ?? String(error) });
    }
  });
}
