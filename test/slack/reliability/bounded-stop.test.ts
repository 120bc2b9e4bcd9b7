import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDigestService } from '../../../src/cli/digest-service.js';
import { startSlack } from '../../../src/cli/start-command.js';
import { parseConfig } from '../../../src/config.js';
import { readDigestRun } from '../../../src/db/digest-store.js';
import { inboxPathOf, openInbox, readQuestion } from '../../../src/db/inbox-store.js';
import { openDatabase, type Db } from '../../../src/db/open-database.js';
import { addSubscription } from '../../../src/db/slack-store.js';
import { startFakeSlackApi, type FakeSlackApi } from '../../fakes/fake-slack-api.js';
import { eventBody, postSigned } from '../../fakes/sign-slack-request.js';

const SECRET = 'stop-secret';
const GRACE_MS = 300;
const dir = mkdtempSync(join(tmpdir(), 'jalon-stop-'));
const dbPath = join(dir, 'jalon.db');
let fake: FakeSlackApi;
let port: number;

const freePort = () =>
  new Promise<number>((done) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port: p } = s.address() as { port: number };
      s.close(() => done(p));
    });
  });

function withStore<T>(read: (db: Db) => T): T {
  const db = openDatabase(dbPath);
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** `jalon start` in this process, on the test's files, with the digest service; stopped on demand. */
function start() {
  let stop = () => {};
  const stopWhen = new Promise<void>((done) => {
    stop = done;
  });
  const config = parseConfig({
    JALON_DB: dbPath,
    JALON_NOW: '2021-03-01',
    LOG_LEVEL: 'silent',
    SLACK_BOT_TOKEN: 'xoxb-stop-test',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.apiUrl,
    PORT: String(port),
    JALON_ADMINS: 'UADMIN01',
  });
  const running = startSlack(config, { services: [startDigestService], stopWhen, stopGraceMs: GRACE_MS });
  /** Asks to stop; resolves with how long the stop took (ms). */
  const stopped = async () => {
    const asked = performance.now();
    stop();
    await running;
    return performance.now() - asked;
  };
  return { running, stopped, url: `http://127.0.0.1:${port}/slack/events` };
}

async function listening(): Promise<void> {
  while (!(await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.ok, () => false))) await new Promise((r) => setTimeout(r, 20));
}

beforeAll(async () => {
  fake = await startFakeSlackApi();
  port = await freePort();
  withStore((db) => addSubscription(db, { channel: 'C0STOP1', scope: 'chantier:3', createdBy: 'UADMIN01', createdAt: '2021-01-04T08:00:00.000Z' }));
});
afterAll(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a stop is bounded in every state; what it cut short is left recorded for the next start', () => {
  it('a hung answer and a digest waiting out a Retry-After of 20 s: stopped within the grace', async () => {
    const asked = '1650000000.000100';
    const release = fake.hold('chat.postMessage', (b) => b.thread_ts === asked);
    fake.options.rateLimit = { 'chat.postMessage': { times: 1, retryAfter: 20 } };
    try {
      const running = start();
      // The start-up digest catch-up meets the 429 and waits (its client does not retry by itself).
      await fake.waitFor(() => fake.options.rateLimit!['chat.postMessage']!.times === 0, 15_000);
      await listening();
      const res = await postSigned(running.url, SECRET, eventBody({ type: 'app_mention', user: 'U1', text: '<@UJALONBOT> Qu’est-ce que le SAS ?', ts: asked, channel: 'CSTOP01' }, 'EvStop1'));
      expect(res.status).toBe(200);
      await fake.waitFor((calls) => calls.some((c) => c.method === 'chat.postMessage' && c.body.thread_ts === asked));
      expect(await running.stopped()).toBeLessThan(GRACE_MS + 2_000);
    } finally {
      release();
      delete fake.options.rateLimit;
    }
    // The question waits at its last step (the placeholder's fate unknown: read back next time).
    const inbox = openInbox(inboxPathOf(dbPath));
    expect(readQuestion(inbox, 'CSTOP01', asked)?.state).toBe('posting');
    inbox.close();
    // Cut short during its Retry-After wait, the digest was not posted: it may go out at the next start.
    expect(withStore((db) => readDigestRun(db, { channel: 'C0STOP1', scope: 'chantier:3', period: '2021-03-01' }))).toMatchObject({ status: 'failed' });
  }, 30_000);
});
