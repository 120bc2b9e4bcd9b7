import type { HandlerDeps } from '../commands/deps-from-jalon.js';

/**
 * What every Slack listener gets: the surface-neutral handlers' dependencies (isMember via the Web
 * API), and SLACK_API_URL (its host may serve shared files: tests, enterprise proxies).
 */
export type SlackDeps = HandlerDeps & { apiUrl?: string | undefined };
