import { addDocumentFor, documentRefusal, mayAddDocuments } from '../commands/add-document.js';
import type { DocumentChanges } from '../documents/create-documents.js';
import { ephemeral, type Actor, type Reply } from '../commands/reply.js';
import { claimEvent } from '../db/slack-store.js';
import { JalonError, userMessageOf } from '../domain/errors.js';
import { context } from './blocks/block-builders.js';
import type { MessageContent } from './blocks/block-kit.js';
import { buildErrorBlocks } from './blocks/build-help-blocks.js';
import type { SlackClient } from './create-slack-client.js';
import { downloadSlackFile, type SlackFile } from './download-slack-file.js';
import { escapeMrkdwn } from './escape-mrkdwn.js';
import type { SlackDeps } from './slack-deps.js';

/**
 * Downloads one file shared with Jalon and adds it for `actor`. Never throws: a refusal (bad file,
 * duplicate, over the limit) or a failed download is the reply's French sentence.
 */
export async function addSharedFile(deps: SlackDeps, client: SlackClient, actor: Actor, file: SlackFile, fields: DocumentChanges = {}): Promise<Reply> {
  if (!mayAddDocuments(deps, actor)) return documentRefusal(deps);
  if (!deps.documents || !client.token) return ephemeral(buildErrorBlocks('Les documents ne peuvent pas être ajoutés ici.'));
  let bytes: Uint8Array;
  try {
    bytes = await downloadSlackFile(file, { token: client.token, maxBytes: deps.documents.maxBytes, apiUrl: deps.apiUrl });
  } catch (error) {
    if (!(error instanceof JalonError)) deps.logger.error('file download failed', { file: file.id, error: (error as Error)?.message ?? String(error) });
    else deps.logger.warn('file not downloaded', { file: file.id, error: error.message });
    return ephemeral(buildErrorBlocks(userMessageOf(error)));
  }
  return addDocumentFor(deps, actor, { name: file.name, bytes, ...fields });
}

export interface SharedFiles {
  channel: string;
  userId: string;
  /** The message's ts (dedup key with the channel). */
  ts: string;
  threadTs: string;
  files: SlackFile[];
}

/**
 * Files sent to Jalon in a direct message: an admin's are indexed, each with a "j'indexe…" note
 * updated in place with what was indexed (or why not); anyone else is told who can add documents.
 * The message is claimed first, so a retried delivery indexes nothing twice.
 */
export async function receiveSharedFiles(deps: SlackDeps, client: SlackClient, shared: SharedFiles): Promise<void> {
  if (!claimEvent(deps.db, `msg:${shared.channel}:${shared.ts}`, deps.now())) return;
  const actor: Actor = { userId: shared.userId, channelId: shared.channel };
  const post = (content: MessageContent) => client.chat.postMessage({ channel: shared.channel, thread_ts: shared.threadTs, text: content.text, blocks: content.blocks });
  try {
    if (!mayAddDocuments(deps, actor)) {
      await post(documentRefusal(deps));
      return;
    }
    for (const file of shared.files) {
      const note = await post({ text: `J’indexe ${file.name}…`, blocks: [context(`⏳ _J’indexe ${escapeMrkdwn(file.name)}…_`)] });
      const reply = await addSharedFile(deps, client, actor, file);
      if (note.ts) await client.chat.update({ channel: shared.channel, ts: note.ts, text: reply.text, blocks: reply.blocks });
      else await post(reply);
    }
  } catch (error) {
    deps.logger.error('shared files not handled', { channel: shared.channel, error: (error as Error)?.message ?? String(error) });
  }
}
