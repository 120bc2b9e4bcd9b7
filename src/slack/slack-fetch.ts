import type { Logger } from '../log.js';
import { abortableSleep } from '../abortable-sleep.js';

export interface SlackFetchPolicy {
  /** Each attempt is abandoned after this long (the request may still have reached Slack). */
  timeoutMs: number;
  /** Attempts after the first: 429 (within `maxRetryAfterMs`), 5xx, and network errors (not timeouts) of idempotent calls. */
  retries: number;
  /** A longer Retry-After is not waited for: the 429 goes back to the caller at once. */
  maxRetryAfterMs: number;
}

export interface SlackFetchOptions extends SlackFetchPolicy {
  logger: Logger;
  /** Shutdown: every attempt and wait ends at once. */
  signal?: AbortSignal | undefined;
}

/** Interactive replies: about 10 s per attempt, at most 2 retries, Retry-After honoured up to 10 s. */
export const INTERACTIVE: SlackFetchPolicy = { timeoutMs: 10_000, retries: 2, maxRetryAfterMs: 10_000 };

/**
 * A trigger_id lives 3 s: views.open is tried once, and given up in time for the reply to say so.
 */
const VIEWS_OPEN: SlackFetchPolicy = { timeoutMs: 2_500, retries: 0, maxRetryAfterMs: 0 };

/**
 * Methods that do the same thing when sent twice: only these are retried after a timeout or a
 * network error, when the first attempt may have reached Slack (a post could appear twice).
 */
const IDEMPOTENT = new Set([
  'auth.test',
  'chat.update',
  'conversations.members',
  'conversations.replies',
  'conversations.history',
  'conversations.open',
  'conversations.info',
  'users.info',
  'views.publish',
  'views.update',
  'apps.connections.open',
]);

const BACKOFF_MS = 500;

/** The Web API method of a request URL (`…/api/chat.postMessage` → `chat.postMessage`); response URLs → `response_url`. */
function methodOf(url: string): string {
  const path = new URL(url).pathname;
  const i = path.lastIndexOf('/api/');
  return i >= 0 ? path.slice(i + 5) : 'response_url';
}

/** Retry-After in ms, or null when absent or unreadable. */
function retryAfterMs(res: Response): number | null {
  const header = res.headers.get('retry-after');
  const seconds = header === null ? NaN : Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : null;
}

/**
 * The fetch the Web API client (and Bolt's `respond`) use: a timeout on every attempt, a bounded
 * number of retries, Retry-After honoured only up to a cap, and everything cut short on shutdown.
 * The client is built with `retryConfig: { retries: 0 }` and `rejectRateLimitedCalls: true`, so a
 * 429 this fetch hands back becomes the client's rate-limited error instead of a half-hour wait,
 * and no call waits behind another's Retry-After.
 */
export function createSlackFetch(options: SlackFetchOptions): typeof fetch {
  const { logger, signal } = options;
  return async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const method = methodOf(url);
    const policy = method === 'views.open' ? VIEWS_OPEN : options;
    for (let attempt = 0; ; attempt++) {
      signal?.throwIfAborted();
      const signals = [AbortSignal.timeout(policy.timeoutMs), ...(signal ? [signal] : []), ...(init?.signal ? [init.signal] : [])];
      let res: Response;
      try {
        res = await fetch(input, { ...init, signal: AbortSignal.any(signals) });
      } catch (error) {
        signal?.throwIfAborted();
        // A call that timed out is not tried again: a Slack that hangs once mostly hangs again.
        const timedOut = (error as Error)?.name === 'TimeoutError';
        if (timedOut || attempt >= policy.retries || !IDEMPOTENT.has(method)) {
          logger.warn('Slack call failed', { method, attempt: attempt + 1, error: timedOut ? `timeout after ${policy.timeoutMs} ms` : (error as Error)?.message });
          throw error;
        }
        await abortableSleep(BACKOFF_MS * 2 ** attempt, signal);
        continue;
      }
      const transient = res.status === 429 || res.status >= 500;
      if (!transient || attempt >= policy.retries) {
        if (transient) logger.warn('Slack call gave up', { method, status: res.status, attempts: attempt + 1 });
        return res;
      }
      const wait = res.status === 429 ? retryAfterMs(res) : BACKOFF_MS * 2 ** attempt;
      if (wait === null || wait > policy.maxRetryAfterMs) {
        logger.warn('Slack call rate limited beyond the wait allowed', { method, retryAfterMs: wait, maxMs: policy.maxRetryAfterMs });
        return res;
      }
      await res.body?.cancel().catch(() => undefined);
      logger.info('Slack call retried', { method, status: res.status, waitMs: wait });
      await abortableSleep(wait, signal);
    }
  };
}
