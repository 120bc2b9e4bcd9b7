import { webApi } from '@slack/bolt';
import type { Logger } from '../log.js';
import { toBoltLogger } from './to-bolt-logger.js';

export type SlackClient = InstanceType<typeof webApi.WebClient>;

/** Web API client options shared by the Bolt app, the Socket Mode receiver and digest posting. */
export function slackClientOptions(apiUrl: string | undefined, logger: Logger): NonNullable<ConstructorParameters<typeof webApi.WebClient>[1]> {
  return {
    ...(apiUrl ? { slackApiUrl: apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/` } : {}),
    logger: toBoltLogger(logger, 'web-api'),
    // 429s are retried by the client itself, honouring Retry-After.
    rejectRateLimitedCalls: false,
  };
}

export type SlackClientOverrides = Pick<NonNullable<ConstructorParameters<typeof webApi.WebClient>[1]>, 'rejectRateLimitedCalls' | 'retryConfig' | 'timeout'>;

/**
 * A Web API client for posting outside a listener (digests, notices): SLACK_API_URL honoured,
 * logs through the Jalon logger, rate limits handled by the client (Retry-After) unless
 * `overrides` say otherwise (digests retry on their own clock: `rejectRateLimitedCalls: true`,
 * `retryConfig: { retries: 0 }`).
 */
export function createSlackClient(
  token: string,
  options: { apiUrl?: string | undefined; logger: Logger; overrides?: SlackClientOverrides },
): SlackClient {
  return new webApi.WebClient(token, { ...slackClientOptions(options.apiUrl, options.logger), ...options.overrides });
}
