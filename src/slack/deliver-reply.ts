import type { RespondFn } from '@slack/bolt';
import type { Reply } from '../commands/reply.js';
import type { Logger } from '../log.js';
import { buildErrorBlocks } from './blocks/build-help-blocks.js';
import type { SlackClient } from './create-slack-client.js';
import { pictureErrorCode, pictureFailureMessage, postPicture } from './post-picture.js';

const FORM_NOT_OPENED = 'Le formulaire n’a pas pu s’ouvrir (délai de Slack dépassé) : recommencez, ou tapez la commande.';

export interface ReplyTarget {
  client: SlackClient;
  channel: string;
  userId: string;
  logger: Logger;
  /** The response_url of a command or action, when there is one. */
  respond?: RespondFn | undefined;
  /** A modal can be opened only with a fresh trigger (3 s). */
  triggerId?: string | undefined;
  /** Replace the message the action came from (an ephemeral choice list). */
  replaceOriginal?: boolean;
  threadTs?: string | undefined;
}

/**
 * Shows a handler's reply in Slack: the modal when there is one (the message only if it could not
 * be opened), the picture when there is one (shared in the channel, the message as its comment; an
 * ephemeral explanation if it could not be), else the message — through response_url when there is one, else chat.postEphemeral
 * or chat.postMessage — then the notices in their channels. A notice that fails is logged, not fatal.
 */
export async function deliverReply(reply: Reply, target: ReplyTarget): Promise<void> {
  const { client, logger } = target;
  if (reply.file) reply = await uploadFile(reply, target);
  let opened = false;
  if (reply.modal && target.triggerId) {
    try {
      await client.views.open({ trigger_id: target.triggerId, view: reply.modal });
      opened = true;
    } catch (error) {
      logger.warn('views.open failed', { error: (error as Error).message });
    }
  }
  if (reply.picture) {
    // The picture goes where it was asked, its text as its comment: that is the whole reply. If
    // it cannot be posted, the person is told why, only to them.
    try {
      await postPicture(client, reply.picture, { channel: target.channel, threadTs: target.threadTs ?? null, comment: reply.text });
      opened = true;
    } catch (error) {
      const code = pictureErrorCode(error);
      logger.warn('picture not posted', { channel: target.channel, error: code });
      reply = { ...reply, ...buildErrorBlocks(pictureFailureMessage(code)), ephemeral: true };
    }
  }
  if (!opened) {
    // A reply that was only a form still says something when the form cannot open.
    if (reply.modal && reply.blocks.length === 0) reply = { ...reply, ...buildErrorBlocks(FORM_NOT_OPENED) };
    const thread = target.threadTs ? { thread_ts: target.threadTs } : {};
    if (target.respond) {
      await target.respond({
        response_type: reply.ephemeral ? 'ephemeral' : 'in_channel',
        replace_original: target.replaceOriginal ?? false,
        text: reply.text,
        blocks: reply.blocks,
      });
    } else if (reply.ephemeral) {
      await client.chat.postEphemeral({ channel: target.channel, user: target.userId, text: reply.text, blocks: reply.blocks, ...thread });
    } else {
      await client.chat.postMessage({ channel: target.channel, text: reply.text, blocks: reply.blocks, ...thread });
    }
  }
  for (const notice of reply.notices ?? []) {
    try {
      await client.chat.postMessage({
        channel: notice.channel,
        text: notice.text,
        blocks: notice.blocks,
        ...(notice.threadTs ? { thread_ts: notice.threadTs } : {}),
      });
    } catch (error) {
      logger.warn('change notice not posted', { channel: notice.channel, error: (error as Error).message });
    }
  }
}

/**
 * Uploads a reply's file to the conversation (files.uploadV2). When Slack refuses it, the reply
 * says so instead of announcing a file nobody will see.
 */
async function uploadFile(reply: Reply, target: ReplyTarget): Promise<Reply> {
  const { file, ...rest } = reply;
  if (!file) return reply;
  try {
    const where = target.threadTs ? { channel_id: target.channel, thread_ts: target.threadTs } : { channel_id: target.channel };
    await target.client.filesUploadV2({ ...where, file: file.content, filename: file.filename, title: file.title });
    return rest;
  } catch (error) {
    target.logger.warn('file upload failed', { channel: target.channel, error: (error as Error).message });
    return { ...rest, ...buildErrorBlocks('Le fichier n’a pas pu être envoyé dans cette conversation (Slack l’a refusé). Réessayez, ou utilisez `jalon measure export`.') };
  }
}

/**
 * After a modal submission there is no response_url: the reply goes to the channel the modal was
 * opened from (ephemeral), or to the person's DM with Jalon when that channel refuses it.
 */
export async function deliverAfterView(reply: Reply, target: Omit<ReplyTarget, 'respond' | 'triggerId'>): Promise<void> {
  const { modal: _noTrigger, ...message } = reply;
  try {
    await deliverReply(message, target);
  } catch (error) {
    target.logger.warn('reply after modal not posted in channel, sending a DM', { error: (error as Error).message });
    await target.client.chat
      .postMessage({ channel: target.userId, text: reply.text, blocks: reply.blocks })
      .catch((again: unknown) => target.logger.error('reply after modal lost', { error: (again as Error).message }));
  }
}
