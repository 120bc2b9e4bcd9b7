import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { depsFromJalon, type HandlerDeps } from '../../src/commands/deps-from-jalon.js';
import { openInbox } from '../../src/db/inbox-store.js';
import { silentLogger } from '../../src/log.js';
import { openJalon, type Jalon } from '../../src/open-jalon.js';
import { createSlackApp, type SlackApp, type SlackAppOptions } from '../../src/slack/app.js';
import type { SlackDeps } from '../../src/slack/slack-deps.js';
import { createStoreGuard } from '../../src/slack/store-guard.js';
import { WorkTracker } from '../../src/slack/work-tracker.js';

/** "Today" of every Slack/console test: inside the documents' period, never the wall clock. */
export const TEST_NOW = new Date('2021-03-01T09:00:00Z');
export const ADMIN = 'UADMIN01';

/**
 * Jalon over the real seeds and knowledge, with a fixed clock, one admin and a silent logger. Its
 * store is a private copy of the run's template (test/global-setup.ts: the corpus indexed and the
 * measures loaded once), removed on close; a test that names its own JALON_DB gets that store.
 */
export function openTestJalon(env: Record<string, string> = {}): Jalon {
  let cleanup = () => {};
  if (!env.JALON_DB) {
    const dir = mkdtempSync(join(tmpdir(), 'jalon-test-'));
    env = { JALON_DB: join(dir, 'jalon.db'), ...env };
    copyFileSync(inject('templateDb'), env.JALON_DB!);
    cleanup = () => rmSync(dir, { recursive: true, force: true });
  }
  const config = parseConfig({ JALON_ADMINS: ADMIN, LOG_LEVEL: 'silent', ...env });
  const jalon = openJalon(config, { logger: silentLogger, now: () => TEST_NOW });
  const close = jalon.close;
  jalon.close = () => {
    close();
    cleanup();
  };
  return jalon;
}

/** Handler deps over a test Jalon; membership answered by `members` (channel → user ids). */
export function testDeps(jalon: Jalon, members: Record<string, string[]> = {}): HandlerDeps {
  return depsFromJalon(jalon, async (channel, userId) => members[channel]?.includes(userId) ?? false);
}

/**
 * What the Slack listeners get, outside the app: test deps plus an in-memory intake journal, a
 * work tracker and a store guard (admins told through `tellAdmins`).
 */
export function testSlackDeps(jalon: Jalon, overrides: Partial<SlackDeps> = {}, tellAdmins: (text: string) => Promise<void> = async () => undefined): SlackDeps {
  const base = { ...testDeps(jalon), ...overrides };
  return {
    inbox: openInbox(':memory:'),
    work: new WorkTracker(),
    store: createStoreGuard({ db: base.db, logger: base.logger, tellAdmins }),
    ...base,
  };
}

/**
 * The real Bolt app in HTTP mode on a free loopback port, over a test Jalon, talking to the fake
 * Web API at `apiUrl`; `overrides` replace handler deps (a logger that records, a failing store).
 */
export async function startHttpApp(
  jalon: Jalon,
  apiUrl: string,
  signingSecret: string,
  overrides: Partial<Omit<HandlerDeps, 'isMember'>> = {},
  options: Pick<SlackAppOptions, 'inbox' | 'slackPolicy'> = {},
): Promise<{ slack: SlackApp; url: string }> {
  const { isMember: _slackDecides, ...base } = { ...testDeps(jalon), ...overrides };
  const slack = createSlackApp(base, { mode: 'http', botToken: 'xoxb-test', signingSecret, apiUrl, port: 0, ...options });
  const { port } = await slack.start();
  return { slack, url: `http://127.0.0.1:${port}/slack/events` };
}
