import type { App } from '@slack/bolt';
import { documentRefusal, mayAddDocuments } from '../../../commands/add-document.js';
import { userMessageOf } from '../../../domain/errors.js';
import { DOCUMENT_ACTIONS, buildDocumentInfoModal } from '../../blocks/build-document-blocks.js';
import type { MessageContent, ModalView } from '../../blocks/block-kit.js';
import { buildErrorBlocks } from '../../blocks/build-help-blocks.js';
import { BlockActionBody } from '../../slack-payloads.js';
import type { SlackDeps } from '../../slack-deps.js';

/** "Indiquer le titre et la date" under an added document: opens its form (admins). */
export function registerDocumentActions(app: App, deps: SlackDeps): void {
  app.action(DOCUMENT_ACTIONS.edit, async ({ ack, body, client, respond }) => {
    await ack();
    const parsed = BlockActionBody.safeParse(body);
    if (!parsed.success) return;
    const b = parsed.data;
    const channel = b.channel?.id ?? b.container?.channel_id ?? b.user.id;
    const say = (content: MessageContent) =>
      respond({ response_type: 'ephemeral', replace_original: false, text: content.text, blocks: content.blocks }).catch((error: unknown) =>
        deps.logger.warn('document reply not posted', { error: (error as Error).message }),
      );
    if (!mayAddDocuments(deps, { userId: b.user.id, channelId: channel })) return void (await say(documentRefusal(deps)));
    if (!deps.documents || !b.trigger_id) return;
    let view: ModalView;
    try {
      view = buildDocumentInfoModal(deps.documents.get(b.actions[0]!.value ?? ''), channel);
    } catch (error) {
      return void (await say(buildErrorBlocks(userMessageOf(error))));
    }
    await client.views.open({ trigger_id: b.trigger_id, view }).catch((error: unknown) => deps.logger.warn('document form not opened', { error: (error as Error).message }));
  });
}
