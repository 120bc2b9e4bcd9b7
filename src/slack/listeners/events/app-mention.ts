import type { App } from '@slack/bolt';
import { answerInThread } from '../../answer-in-thread.js';
import { questionText } from '../../question-text.js';
import { requestKeyOf } from '../../request-context.js';
import { MentionEvent } from '../../slack-payloads.js';
import type { SlackDeps } from '../../slack-deps.js';

/** @Jalon … in a channel → the answer in the message's thread (Bolt has already acked the event). */
export function registerAppMention(app: App, deps: SlackDeps): void {
  app.event('app_mention', async ({ event, context, client }) => {
    const parsed = MentionEvent.safeParse(event);
    if (!parsed.success || parsed.data.bot_id) return;
    const e = parsed.data;
    await answerInThread(deps, client, {
      channel: e.channel,
      userId: e.user,
      text: questionText(e.text, context.botUserId),
      ts: e.ts,
      threadTs: e.thread_ts ?? e.ts,
      requestKey: requestKeyOf(context),
    });
  });
}
