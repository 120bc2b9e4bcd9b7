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

describe('a stop is bounded in every state, and what it cut short resumes at the next start', () => {
  it('hung digest catch-up and a hung answer: stopped within the grace; then a Retry-After of 20 s: stopped too', async () => {
    const asked = '1650000000.000100';
    const releases = [fake.hold('chat.postMessage', (b) => b.channel === 'C0STOP1'), fake.hold('chat.postMessage', (b) => b.thread_ts === asked)];
    const first = start();
    await listening();
    const res = await postSigned(first.url, SECRET, eventBody({ type: 'app_mention', user: 'U1', text: '<@UJALONBOT> Qu’est-ce que le SAS ?', ts: asked, channel: 'CSTOP01' }, 'EvStop1'));
    expect(res.status).toBe(200);
    await fake.waitFor((calls) => calls.filter((c) => c.method === 'chat.postMessage' && (c.body.channel === 'C0STOP1' || c.body.thread_ts === asked)).length === 2);
    expect(await first.stopped()).toBeLessThan(GRACE_MS + 2_000);
    const inbox = openInbox(inboxPathOf(dbPath));
    expect(readQuestion(inbox, 'CSTOP01', asked)?.state).toBe('posting');
    inbox.close();
    // Slack had posted the placeholder: the next start finds it, and answers in it.
    for (const release of releases) release();
    await new Promise((r) => setTimeout(r, 50));

    withStore((db) => addSubscription(db, { channel: 'C0STOP2', scope: 'chantier:3', createdBy: 'UADMIN01', createdAt: '2021-01-04T08:00:00.000Z' }));
    fake.options.rateLimit = { 'chat.postMessage': { times: 1, retryAfter: 20 } };
    const second = start();
    await fake.waitFor(() => fake.thread('CSTOP01', asked).some((m) => m.text !== 'Je cherche…'), 10_000);
    await fake.waitFor(() => fake.options.rateLimit!['chat.postMessage']!.times === 0, 10_000);
    expect(await second.stopped()).toBeLessThan(GRACE_MS + 2_000);
    delete fake.options.rateLimit;

    expect(fake.thread('CSTOP01', asked)).toHaveLength(1);
    // Cut short during its Retry-After wait, the digest was not posted: it may go out at the next start.
    expect(withStore((db) => readDigestRun(db, { channel: 'C0STOP2', scope: 'chantier:3', period: '2021-03-01' }))).toMatchObject({ status: 'failed' });
  }, 30_000);
});
