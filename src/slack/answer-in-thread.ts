import { handleQuestion, type QuestionDeps } from '../commands/handle-question.js';
import { claimEvent } from '../db/slack-store.js';
import { JalonError } from '../domain/errors.js';
import type { Logger } from '../log.js';
import { buildApologyMessage, buildSearchingMessage } from './blocks/build-answer-messages.js';
import type { SlackClient } from './create-slack-client.js';

export interface ThreadQuestion {
  channel: string;
  userId: string;
  text: string;
  /** The question message's ts (dedup key with the channel). */
  ts: string;
  /** The thread to answer in. */
  threadTs: string;
}

/**
 * Answers a question in its thread: a "je cherche…" placeholder at once, updated in place with the
 * answer (further messages when it is long). The message is claimed first, so one message is
 * answered once even when it reaches us as both app_mention and message. Any failure ends in a
 * short French apology in the thread.
 */
export async function answerInThread(deps: QuestionDeps & { logger: Logger }, client: SlackClient, q: ThreadQuestion): Promise<void> {
  if (!claimEvent(deps.db, `msg:${q.channel}:${q.ts}`, deps.now())) return;
  let placeholderTs: string | undefined;
  try {
    const placeholder = await client.chat.postMessage({ channel: q.channel, thread_ts: q.threadTs, ...buildSearchingMessage() });
    placeholderTs = placeholder.ts;
    const result = await handleQuestion(deps, { question: q.text, userId: q.userId, channel: q.channel, threadTs: q.threadTs, messageTs: placeholderTs ?? null });
    const [first, ...rest] = result.messages;
    if (first && placeholderTs) await client.chat.update({ channel: q.channel, ts: placeholderTs, ...first });
    else if (first) await client.chat.postMessage({ channel: q.channel, thread_ts: q.threadTs, ...first });
    for (const message of rest) await client.chat.postMessage({ channel: q.channel, thread_ts: q.threadTs, ...message });
    deps.logger.info('question answered', { channel: q.channel, answer: result.record?.id ?? null, answered: result.record?.answered ?? false });
  } catch (error) {
    deps.logger.error('question failed', { channel: q.channel, error: (error as Error)?.message ?? String(error) });
    const apology = buildApologyMessage(error instanceof JalonError ? error.userMessage : undefined);
    try {
      if (placeholderTs) await client.chat.update({ channel: q.channel, ts: placeholderTs, ...apology });
      else await client.chat.postMessage({ channel: q.channel, thread_ts: q.threadTs, ...apology });
    } catch (again) {
      deps.logger.error('apology not posted', { channel: q.channel, error: (again as Error)?.message ?? String(again) });
    }
  }
}
