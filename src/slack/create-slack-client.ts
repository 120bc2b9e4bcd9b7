import { webApi } from '@slack/bolt';
import type { Logger } from '../log.js';
import { toBoltLogger } from './to-bolt-logger.js';

export type SlackClient = InstanceType<typeof webApi.WebClient>;
type WebClientOptions = NonNullable<ConstructorParameters<typeof webApi.WebClient>[1]>;

/**
 * Who retries a failed call. `client` (interactive replies): the WebClient waits out a 429's
 * Retry-After and retries network errors and 5xx for up to about 30 minutes. `none` (digests):
 * every call is tried once and its failure — 429 with its Retry-After included — comes straight
 * back to the caller, who retries on its own clock (src/digest/post-digests.ts).
 */
export type SlackRetries = 'client' | 'none';

/** Web API client options shared by the Bolt app, the Socket Mode receiver and posting outside a listener. */
export function slackClientOptions(apiUrl: string | undefined, logger: Logger, retries: SlackRetries = 'client'): WebClientOptions {
  return {
    ...(apiUrl ? { slackApiUrl: apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/` } : {}),
    logger: toBoltLogger(logger, 'web-api'),
    ...(retries === 'none'
      ? { rejectRateLimitedCalls: true, retryConfig: { retries: 0 } }
      : // 429s are retried by the client itself, honouring Retry-After.
        { rejectRateLimitedCalls: false }),
  };
}

export interface SlackClientOptions {
  /** SLACK_API_URL: Web API base (tests, enterprise proxies). */
  apiUrl?: string | undefined;
  logger: Logger;
  /** `client` by default; digests pass `none` (see SlackRetries). */
  retries?: SlackRetries;
}

/**
 * A Web API client for posting outside a listener (digests, notices): SLACK_API_URL honoured,
 * logs through the Jalon logger, retries as `options.retries` says.
 */
export function createSlackClient(token: string, options: SlackClientOptions): SlackClient {
  return new webApi.WebClient(token, slackClientOptions(options.apiUrl, options.logger, options.retries));
}
