import { webApi } from '@slack/bolt';
import type { Logger } from '../log.js';
import { createSlackFetch, INTERACTIVE, type SlackFetchPolicy } from './slack-fetch.js';
import { toBoltLogger } from './to-bolt-logger.js';

export type SlackClient = InstanceType<typeof webApi.WebClient>;
type WebClientOptions = NonNullable<ConstructorParameters<typeof webApi.WebClient>[1]>;

/**
 * Who retries a failed call. `client` (interactive replies): each attempt times out after about
 * 10 s; a 429 is retried after its Retry-After when that is 10 s or less, a 5xx after a short
 * backoff, at most twice. `none` (digests): every call is tried once (still with its timeout) and
 * its failure — 429 with its Retry-After included — comes straight back to the caller, who retries
 * on its own clock (src/digest/post-digests.ts).
 */
export type SlackRetries = 'client' | 'none';

/**
 * Calls in flight at once per client. High on purpose: a slow channel's posts (each bounded by its
 * timeout) must not queue a `views.open`, whose trigger lives 3 s, behind them.
 */
const MAX_CONCURRENT_CALLS = 1_000;

/** Web API client options shared by the Bolt app, the Socket Mode receiver and posting outside a listener. */
export function slackClientOptions(
  apiUrl: string | undefined,
  logger: Logger,
  retries: SlackRetries = 'client',
  signal?: AbortSignal,
  policy: Partial<SlackFetchPolicy> = {},
): WebClientOptions {
  return {
    ...(apiUrl ? { slackApiUrl: apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/` } : {}),
    logger: toBoltLogger(logger, 'web-api'),
    // Retries, timeouts and Retry-After live in the fetch; the client itself never waits.
    fetch: createSlackFetch({ ...INTERACTIVE, ...policy, ...(retries === 'none' ? { retries: 0 } : {}), logger, signal }),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    maxRequestConcurrency: MAX_CONCURRENT_CALLS,
  };
}

export interface SlackClientOptions {
  /** SLACK_API_URL: Web API base (tests, enterprise proxies). */
  apiUrl?: string | undefined;
  logger: Logger;
  /** `client` by default; digests pass `none` (see SlackRetries). */
  retries?: SlackRetries;
  /** Shutdown: calls in flight and Retry-After waits end at once. */
  signal?: AbortSignal | undefined;
}

/**
 * A Web API client for posting outside a listener (digests, notices): SLACK_API_URL honoured,
 * logs through the Jalon logger, retries as `options.retries` says.
 */
export function createSlackClient(token: string, options: SlackClientOptions): SlackClient {
  return new webApi.WebClient(token, slackClientOptions(options.apiUrl, options.logger, options.retries, options.signal));
}
