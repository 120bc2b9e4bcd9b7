import { handleQuestion, type QuestionDeps, type QuestionResult } from '../commands/handle-question.js';
import { claimQuestion, dueQuestions, readQuestion, updateQuestion, type QuestionJob } from '../db/inbox-store.js';
import type { Db } from '../db/open-database.js';
import { storageFaultOf, type StorageFault } from '../db/storage-fault.js';
import { JalonError } from '../domain/errors.js';
import type { Logger } from '../log.js';
import { untilWritable } from './request-deps.js';
import type { MessageContent } from './blocks/block-kit.js';
import { buildApologyMessage, buildSearchingMessage } from './blocks/build-answer-messages.js';
import type { SlackClient } from './create-slack-client.js';
import type { StoreGuard } from './store-guard.js';
import type { WorkTracker } from './work-tracker.js';

export interface ThreadQuestion {
  channel: string;
  userId: string;
  text: string;
  /** The question message's ts (dedup key with the channel). */
  ts: string;
  /** The thread to answer in. */
  threadTs: string;
  /** The request that brought it (intake journal key); by default the message itself. */
  requestKey?: string | undefined;
}

export interface ThreadDeps extends QuestionDeps {
  logger: Logger;
  /** The intake journal, where each question's progress is kept. */
  inbox: Db;
  work: WorkTracker;
  store: Pick<StoreGuard, 'check' | 'report'>;
}

/** Runs of one question (each crash or failed Slack call counts one) before it ends in an apology. */
const MAX_RUNS = 4;
/** A question whose Slack calls failed is tried again after this, times its run count. */
const RETRY_AFTER_MS = 15_000;
/** Past this, an unanswered question gets an apology instead (its asker has moved on). */
const MAX_AGE_MS = 6 * 3600_000;
/** How long an answer waits, without blocking, for another process to release the store. */
const BUSY_BUDGET_MS = 10_000;

const OPEN = new Set(['new', 'posting', 'placed', 'ready']);

/** Messages Jalon posts for a question carry its key, so a resumed run finds what reached Slack. */
const TAG = 'jalon_answer';
const tag = (job: QuestionJob, part: number) => ({ event_type: TAG, event_payload: { question: `${job.channel}:${job.ts}`, part } });

const errorText = (error: unknown) => (error as Error)?.message ?? String(error);

/** A Web API failure worth trying again later: rate limits, timeouts, network errors, 5xx. */
function isTransient(error: unknown): boolean {
  const e = error as { code?: unknown; data?: { error?: unknown } };
  if (e?.code === 'slack_webapi_rate_limited_error' || e?.code === 'slack_webapi_request_error' || e?.code === 'slack_webapi_http_error') return true;
  return e?.code === 'slack_webapi_platform_error' && ['ratelimited', 'internal_error', 'service_unavailable', 'request_timeout'].includes(String(e.data?.error));
}

/**
 * Answers a question in its thread: a "je cherche…" placeholder at once, updated in place with the
 * answer (further messages when it is long). The question is registered first in the intake
 * journal, so one message is answered once even when it reaches us as both app_mention and
 * message, and every step is saved as it is done: a run cut short (a crash, a stop, a Slack
 * outage) is continued from the last step, reading the thread back where a post's fate is
 * unknown. It ends with the answer, or a short French apology in place of the placeholder.
 */
export async function answerInThread(deps: ThreadDeps, client: SlackClient, q: ThreadQuestion): Promise<void> {
  const requestKey = q.requestKey ?? `message:${q.channel}:${q.ts}`;
  const { job, owned } = claimQuestion(deps.inbox, { ...q, requestKey, at: deps.now() });
  if (!owned || !OPEN.has(job.state)) return;
  await runQuestion(deps, client, job);
}

/**
 * Continues every unfinished question whose next try is due (at start-up, then periodically).
 * Returns how many were run.
 */
export async function resumeQuestions(deps: ThreadDeps, client: SlackClient): Promise<number> {
  const jobs = dueQuestions(deps.inbox, deps.now()).filter((job) => !deps.work.isActive(jobKey(job)));
  if (jobs.length > 0) deps.logger.info('resuming unfinished questions', { count: jobs.length });
  const next = async () => {
    for (let job = jobs.shift(); job && !deps.work.aborted; job = jobs.shift()) await runQuestion(deps, client, job);
  };
  const total = jobs.length;
  await Promise.all(Array.from({ length: Math.min(8, total) }, next));
  return total;
}

const jobKey = (job: QuestionJob) => `question:${job.channel}:${job.ts}`;

async function runQuestion(deps: ThreadDeps, client: SlackClient, start: QuestionJob): Promise<void> {
  const key = jobKey(start);
  if (!deps.work.begin(key)) return;
  let job = updateQuestion(deps.inbox, start, { attempts: start.attempts + 1, nextTryAt: null });
  try {
    const tooOld = deps.now().getTime() - Date.parse(job.createdAt) > MAX_AGE_MS;
    if (job.failure || tooOld) {
      await apologise(deps, client, job, job.failure ? undefined : new Error('question too old'));
      return;
    }
    job = await advance(deps, client, job);
  } catch (error) {
    // The steps done before the failure were saved: continue from there.
    job = readQuestion(deps.inbox, job.channel, job.ts) ?? job;
    if (deps.work.aborted) {
      deps.logger.info('question left for the next start', { channel: job.channel, step: job.state });
      return;
    }
    if (isTransient(error) && job.attempts < MAX_RUNS) {
      const wait = RETRY_AFTER_MS * job.attempts;
      updateQuestion(deps.inbox, job, { nextTryAt: new Date(deps.now().getTime() + wait).toISOString() });
      deps.logger.warn('question will be retried', { channel: job.channel, step: job.state, inMs: wait, error: errorText(error) });
      return;
    }
    deps.logger.error('question failed', { channel: job.channel, step: job.state, error: errorText(error) });
    await apologise(deps, client, job, error);
  } finally {
    deps.work.end(key);
  }
}

/** Takes a question from its saved step to the end: placeholder, answer, delivery. */
async function advance(deps: ThreadDeps, client: SlackClient, start: QuestionJob): Promise<QuestionJob> {
  const { inbox } = deps;
  let job = start;
  const resumed = job.attempts > 1;
  let found: Map<number, string> | null = null;
  const posted = async () => (found ??= await findTagged(client, job));
  const where = { channel: job.channel, thread_ts: job.threadTs };

  if (job.state === 'new' || job.state === 'posting') {
    // 'posting': the placeholder was sent and the run ended before its answer came back.
    let ts = job.state === 'posting' ? (await posted()).get(0) : undefined;
    if (!ts) {
      job = updateQuestion(inbox, job, { state: 'posting' });
      const res = await client.chat.postMessage({ ...where, ...buildSearchingMessage(), metadata: tag(job, 0) });
      if (!res.ts) throw new Error('placeholder posted without a ts');
      ts = res.ts;
    }
    job = updateQuestion(inbox, job, { state: 'placed', placeholderTs: ts });
  }
  if (job.state === 'placed') {
    const result = await oneAtATime(deps.work, () => computeAnswer(deps, job));
    job = updateQuestion(inbox, job, { state: 'ready', messages: JSON.stringify(result.messages) });
    deps.logger.info('question answered', { channel: job.channel, answer: result.record?.id ?? null, answered: result.record?.answered ?? false });
  }
  if (job.state === 'ready') {
    const [first, ...rest] = JSON.parse(job.messages ?? '[]') as MessageContent[];
    if (first) await client.chat.update({ channel: job.channel, ts: job.placeholderTs!, ...first, metadata: tag(job, 0) });
    for (let i = job.partsPosted; i < rest.length; i++) {
      const part = i + 1;
      const already = resumed ? (await posted()).get(part) : undefined;
      if (!already) await client.chat.postMessage({ ...where, ...rest[i]!, metadata: tag(job, part) });
      job = updateQuestion(inbox, job, { partsPosted: part });
    }
    job = updateQuestion(inbox, job, { state: 'answered' });
  }
  return job;
}

let computing: Promise<unknown> = Promise.resolve();
/** An answer waits for this long a pause in arriving requests… */
const LULL_MS = 20;
/** …but never longer than this. */
const MAX_DEFER_MS = 1_000;

/**
 * Runs answer computations one after the other, each once requests stop arriving for a moment:
 * computing an answer is CPU work, and a burst of questions must not delay the acknowledgements
 * of the requests arriving behind them (Slack gives up after 3 s).
 */
function oneAtATime<T>(work: WorkTracker, compute: () => Promise<T>): Promise<T> {
  const turn = computing.then(() => work.lull(LULL_MS, MAX_DEFER_MS)).then(compute);
  computing = turn.catch(() => undefined);
  return turn;
}

/**
 * The answer, recorded with the question for feedback and follow-ups. While another process holds
 * the store's write lock, it waits (without blocking); when the store cannot be written at all,
 * the question is still answered, without a record.
 */
async function computeAnswer(deps: ThreadDeps, job: QuestionJob): Promise<QuestionResult> {
  const input = { question: job.text, userId: job.userId, channel: job.channel, threadTs: job.threadTs, messageTs: job.placeholderTs };
  const started = performance.now();
  const withoutRecord = (fault: StorageFault) => {
    deps.store.report(fault);
    deps.logger.warn('answer given without its record', { channel: job.channel, cause: fault.detail });
    return handleQuestion(deps, { ...input, remember: false });
  };
  for (;;) {
    if (deps.store.check()) return handleQuestion(deps, { ...input, remember: false });
    // Computing an answer costs more than waiting for a lock: wait first, answer once.
    const fault = await untilWritable(deps.db, deps.work.signal, Math.max(0, BUSY_BUDGET_MS - (performance.now() - started)));
    if (fault) return withoutRecord(fault);
    try {
      return await handleQuestion(deps, input);
    } catch (error) {
      // Another process took the lock since the probe: wait again (the budget still runs).
      const storage = storageFaultOf(error, deps.db.name);
      if (!storage) throw error;
      if (storage.cause !== 'busy') return withoutRecord(storage);
    }
  }
}

/** Messages of this question already in the thread, by part (0 = the placeholder). */
async function findTagged(client: SlackClient, job: QuestionJob): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  const key = `${job.channel}:${job.ts}`;
  let cursor: string | undefined;
  for (let page = 0; page < 5; page++) {
    const res = await client.conversations.replies({ channel: job.channel, ts: job.threadTs, include_all_metadata: true, limit: 200, ...(cursor ? { cursor } : {}) });
    for (const m of res.messages ?? []) {
      const payload = m.metadata?.event_type === TAG ? (m.metadata.event_payload as { question?: unknown; part?: unknown } | undefined) : undefined;
      if (payload?.question === key && typeof payload.part === 'number' && m.ts && !out.has(payload.part)) out.set(payload.part, m.ts);
    }
    cursor = res.response_metadata?.next_cursor || undefined;
    if (!cursor) break;
  }
  return out;
}

/** Ends a question with an apology: in place of its placeholder, else as a new message in the thread. */
async function apologise(deps: ThreadDeps, client: SlackClient, start: QuestionJob, error: unknown): Promise<void> {
  let job = updateQuestion(deps.inbox, start, { failure: start.failure ?? errorText(error) });
  const apology = buildApologyMessage(error instanceof JalonError ? error.userMessage : undefined);
  try {
    const placeholder = job.placeholderTs ?? (job.state === 'posting' ? (await findTagged(client, job)).get(0) : undefined);
    if (placeholder) await client.chat.update({ channel: job.channel, ts: placeholder, ...apology, metadata: tag(job, 0) });
    else await client.chat.postMessage({ channel: job.channel, thread_ts: job.threadTs, ...apology, metadata: tag(job, 0) });
    job = updateQuestion(deps.inbox, job, { state: 'apologised' });
  } catch (again) {
    if (deps.work.aborted) return;
    if (isTransient(again) && job.attempts < MAX_RUNS + 2) {
      updateQuestion(deps.inbox, job, { nextTryAt: new Date(deps.now().getTime() + RETRY_AFTER_MS).toISOString() });
      deps.logger.warn('apology will be retried', { channel: job.channel, error: errorText(again) });
      return;
    }
    updateQuestion(deps.inbox, job, { state: 'abandoned' });
    deps.logger.error('apology not posted', { channel: job.channel, error: errorText(again) });
  }
}
