import type { HandlerDeps } from '../commands/deps-from-jalon.js';

/** What every Slack listener gets: the surface-neutral handlers' dependencies (isMember via the Web API). */
export type SlackDeps = HandlerDeps;
