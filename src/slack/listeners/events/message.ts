import type { App } from '@slack/bolt';
import { isAnswerThread } from '../../../db/slack-store.js';
import { answerInThread } from '../../answer-in-thread.js';
import { questionText } from '../../question-text.js';
import { receiveSharedFiles } from '../../receive-documents.js';
import { MessageEvent } from '../../slack-payloads.js';
import type { SlackDeps } from '../../slack-deps.js';

/** Subtypes that are still a person writing (a thread reply also sent to the channel). */
const PERSON_SUBTYPES = new Set(['thread_broadcast']);

/**
 * Any message in the bot's DM, and a follow-up in a thread Jalon answered in (no mention needed),
 * → the answer in that thread. Files sent in the DM are documents to add. Edits, joins, bots and Jalon itself are ignored; a message that
 * mentions Jalon is left to app_mention.
 */
export function registerMessage(app: App, deps: SlackDeps): void {
  app.event('message', async ({ event, context, client }) => {
    const parsed = MessageEvent.safeParse(event);
    if (!parsed.success) return;
    const m = parsed.data;
    if (m.bot_id || !m.user || m.user === context.botUserId) return;
    // Files sent to Jalon in its DM are documents to add (admins), not questions.
    if (m.subtype === 'file_share' && m.channel_type === 'im' && m.files?.length) {
      await receiveSharedFiles(deps, client, { channel: m.channel, userId: m.user, ts: m.ts, threadTs: m.thread_ts ?? m.ts, files: m.files });
      return;
    }
    if (m.subtype && !PERSON_SUBTYPES.has(m.subtype)) return;
    const question = { channel: m.channel, userId: m.user, text: questionText(m.text, context.botUserId), ts: m.ts };
    if (m.channel_type === 'im') {
      await answerInThread(deps, client, { ...question, threadTs: m.thread_ts ?? m.ts });
      return;
    }
    const mentioned = context.botUserId !== undefined && m.text.includes(`<@${context.botUserId}>`);
    if (m.thread_ts && m.thread_ts !== m.ts && !mentioned && isAnswerThread(deps.db, m.channel, m.thread_ts)) {
      await answerInThread(deps, client, { ...question, threadTs: m.thread_ts });
    }
  });
}
