import type { HandlerDeps } from '../commands/deps-from-jalon.js';
import type { Db } from '../db/open-database.js';
import type { StoreGuard } from './store-guard.js';
import type { WorkTracker } from './work-tracker.js';

/**
 * What every Slack listener gets: the surface-neutral handlers' dependencies (isMember via the Web
 * API), SLACK_API_URL (its host may serve shared files: tests, enterprise proxies), the intake
 * journal (each question's progress), the work under way (and the shutdown signal), and the store
 * guard (writes refused when the store file is gone or read-only).
 */
export type SlackDeps = HandlerDeps & { apiUrl?: string | undefined; inbox: Db; work: WorkTracker; store: StoreGuard };
