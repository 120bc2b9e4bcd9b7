import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerDigestCommands, type WithJalon } from '../../src/cli/digest-commands.js';
import { startDigestService } from '../../src/cli/digest-service.js';
import { parseConfig } from '../../src/config.js';
import { pauseSubscription } from '../../src/db/digest-store.js';
import type { Db } from '../../src/db/open-database.js';
import { JalonError } from '../../src/domain/errors.js';
import { silentLogger } from '../../src/log.js';
import type { Jalon } from '../../src/open-jalon.js';
import { startFakeSlackDigestApi, type FakeSlackDigestApi } from '../fakes/fake-slack-digest-api.js';
import type { SlackRetries } from '../../src/slack/create-slack-client.js';
import { digestWebClient, openFixtureDb, recordingLogger } from './helpers/digest-fixture.js';

const NOW = new Date('2019-10-07T07:00:00Z');
let db: Db;
let slack: FakeSlackDigestApi;
let lines: string[];
let run: (...args: string[]) => Promise<string[]>;
let jalon: Jalon;

beforeEach(async () => {
  const fixture = openFixtureDb();
  db = fixture.db;
  slack = await startFakeSlackDigestApi();
  // Text digests: pictures are tested with the poster (post-digests.test.ts); drawn here they would only slow these down.
  const config = parseConfig({ JALON_DB: fixture.path, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'secret', SLACK_API_URL: slack.apiUrl, JALON_ADMINS: 'UADMIN1', JALON_DIGEST_PICTURES: 'false' });
  // The parts of Jalon the digest commands use; the rest (search index…) is not built here.
  jalon = { config, db, logger: silentLogger, now: () => NOW, close: () => {} } as unknown as Jalon;
  const withFixture: WithJalon = (action) => async (...args) => {
    await action(jalon, ...args);
  };
  run = async (...args) => {
    lines = [];
    const program = new Command('jalon').exitOverride().configureOutput({ writeErr: () => {}, writeOut: () => {} });
    registerDigestCommands(program, withFixture, { print: (t) => lines.push(t) });
    await program.parseAsync(['node', 'jalon', ...args]);
    return lines;
  };
});
afterEach(async () => {
  await slack.close();
  db.close();
});

const userMessage = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof JalonError) return error.userMessage;
    throw error;
  }
  throw new Error('expected an error');
};

describe('jalon subscribe / subscriptions / unsubscribe', () => {
  it('subscribes with a French schedule, lists, resumes a paused one, unsubscribes', async () => {
    expect(await run('subscribe', 'chantier:3', '--channel', 'C0TEST', '--cron', 'lundi 8h30')).toEqual([
      'Abonné : C0TEST ← chantier:3 (le lundi à 8 h 30, prochain point lundi 14 octobre 2019 à 8 h 30)',
    ]);
    expect(await run('subscribe', 'programme:MS', '--channel', 'c0test')).toEqual([
      'Abonné : C0TEST ← programme:ma-sante-2022 (le lundi à 9 h, prochain point lundi 14 octobre 2019 à 9 h 00)',
    ]);
    const [json] = await run('subscriptions', '--json');
    expect(JSON.parse(json!).subscriptions).toMatchObject([
      { channel: 'C0TEST', scope: 'chantier:3', cron: '30 8 * * 1', defaultCron: false, paused: false, next: '2019-10-14T06:30:00.000Z' },
      { channel: 'C0TEST', scope: 'programme:ma-sante-2022', cron: '0 9 * * 1', defaultCron: true },
    ]);
    pauseSubscription(db, 1, { reason: 'channel_not_found', at: NOW });
    expect(await run('subscriptions')).toEqual([
      'C0TEST · chantier:3 · le lundi à 8 h 30 · en pause (channel_not_found)',
      'C0TEST · programme:ma-sante-2022 · le lundi à 9 h (défaut) · prochain lundi 14 octobre 2019 à 9 h 00',
    ]);
    expect((await run('subscribe', 'chantier:3', '--channel', 'C0TEST'))[0]).toMatch(/^Repris : C0TEST ← chantier:3 \(le lundi à 8 h 30/);
    expect(await run('unsubscribe', 'chantier:3', '--channel', 'C0TEST')).toEqual(['Désabonné : C0TEST ✕ chantier:3']);
    expect(await userMessage(run('unsubscribe', 'chantier:3', '--channel', 'C0TEST'))).toBe('Aucun abonnement de C0TEST à chantier:3.');
  });

  it('refuses what it cannot use, in French', async () => {
    expect(await userMessage(run('subscribe', 'chantier:99', '--channel', 'C0TEST'))).toBe(
      'Portée inconnue : chantier:99. Portées valides : chantier:1, chantier:3, chantier:5, pilier:1, programme:ma-sante-2022, programme:segur.',
    );
    expect(await userMessage(run('subscribe', 'programme:xyz', '--channel', 'C0TEST'))).toMatch(/^Portée inconnue : programme:xyz\./);
    expect(await userMessage(run('subscribe', 'chantier:3', '--channel', '#general'))).toMatch(/^--channel attend un identifiant/);
    expect(await userMessage(run('subscribe', 'chantier:3', '--channel', 'C0TEST', '--cron', 'bientôt'))).toMatch(/^Horaire illisible/);
    expect(await userMessage(run('digest', '--as-of', '07/10/2019'))).toMatch(/^--as-of attend une date/);
  });
});

describe('jalon digest', () => {
  it('prints a scope’s digest for a terminal, or JSON', async () => {
    const text = await run('digest', '--scope', 'chantier:3');
    expect(text.join('\n').split('\n')[0]).toBe('Point du lundi 7 octobre 2019 — Chantier 3 — URGENCES ET SOINS NON-PROGRAMMÉS');
    const [json] = await run('digest', '--scope', 'chantier:3', '--json', '--horizon', '30');
    expect(JSON.parse(json!)).toMatchObject({ scope: 'chantier:3', asOf: '2019-10-07', horizonDays: 30, stats: { milestones: 6, done: 1, overdue: 2, upcoming: 2 } });
  });

  it('--post posts every subscribed channel now, once per period', async () => {
    await run('subscribe', 'chantier:3', '--channel', 'C0TEST');
    await run('subscribe', 'chantier:1', '--channel', 'C0OTHER');
    expect(await run('digest', '--post')).toEqual(['publié · C0TEST · chantier:3 · 2019-10-07', 'publié · C0OTHER · chantier:1 · 2019-10-07']);
    expect(await run('digest', '--post', '--scope', 'chantier:3')).toEqual(['déjà publié pour cette période · C0TEST · chantier:3 · 2019-10-07']);
    expect(slack.posts()).toHaveLength(2);
  });

  it('--post leaves retries to the poster: a 429 comes back to it, which waits out Retry-After and posts once', async () => {
    const log = recordingLogger();
    jalon = { ...jalon, logger: log.logger } as Jalon;
    await run('subscribe', 'chantier:3', '--channel', 'C0TEST');
    slack.script('C0TEST', { status: 429, retryAfter: 0 });
    expect(await run('digest', '--post')).toEqual(['publié · C0TEST · chantier:3 · 2019-10-07']);
    expect(slack.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(2);
    expect(slack.posts('C0TEST')).toHaveLength(1);
    // A client retrying by itself would have hidden the 429 from the poster.
    expect(log.lines).toContainEqual(expect.objectContaining({ level: 'warn', msg: 'digest post retried', fields: expect.objectContaining({ error: 'rate_limited', waitMs: 0 }) }));
  });
});

describe('jalon start', () => {
  it('runs the digest scheduler as a service: catch-up at start, stopped cleanly, on a client that does not retry', async () => {
    await run('subscribe', 'chantier:3', '--channel', 'C0TEST');
    const asked: SlackRetries[] = [];
    const slackClient = (retries: SlackRetries) => {
      asked.push(retries);
      return digestWebClient(slack.apiUrl);
    };
    const service = await startDigestService({ jalon, slackClient, signal: new AbortController().signal });
    await service.stop();
    expect(asked).toEqual(['none']);
    expect(slack.posts('C0TEST')).toHaveLength(1);
  });
});

describe('jalon digest on the real catalogue', () => {
  it('replays a week of 2019 as it was: --as-of 2019-10-07 --scope chantier:3', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jalon-digest-cli-'));
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'src/cli-entry.ts', 'digest', '--as-of', '2019-10-07', '--scope', 'chantier:3', '--json'],
      { env: { PATH: process.env.PATH ?? '', JALON_DB: join(dir, 'jalon.db'), LOG_LEVEL: 'silent' }, timeout: 20_000 },
    );
    const digest = JSON.parse(stdout) as { asOf: string; since: string; overdue: { id: string; daysLate: number; measureId: string }[]; stats: Record<string, number> };
    expect(digest.asOf).toBe('2019-10-07');
    expect(digest.since).toBe('2019-09-30T07:00:00.000Z');
    expect(digest.overdue.length).toBe(digest.stats.overdue);
    expect(digest.overdue.every((m, i, all) => m.measureId.startsWith('MS-C3-') && (i === 0 || all[i - 1]!.daysLate >= m.daysLate))).toBe(true);
    expect(digest.stats.milestones).toBeGreaterThan(digest.stats.done!);
  });
});
