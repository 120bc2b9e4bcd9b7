import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDigestService } from '../../src/cli/digest-service.js';
import { startSlack, type StartService } from '../../src/cli/start-command.js';
import { parseConfig } from '../../src/config.js';
import { readDigestRun } from '../../src/db/digest-store.js';
import { openDatabase, type Db } from '../../src/db/open-database.js';
import { addSubscription, listSubscriptions } from '../../src/db/slack-store.js';
import { startFakeSlackApi, type FakeSlackApi } from '../fakes/fake-slack-api.js';
import { startFakeSocketServer } from '../fakes/fake-socket-server.js';
import { commandBody, postSigned } from '../fakes/sign-slack-request.js';

const ROOT = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'jalon-start-'));
let fake: FakeSlackApi;

/** JALON_NOW of these tests: Monday 1 March 2021, 10:00 in Paris, an hour after the default digest time. */
const NOW = '2021-03-01';
const DIGEST_CHANNEL = 'C0DIGEST';
const digestKey = { channel: DIGEST_CHANNEL, scope: 'chantier:3', period: '2021-03-01' };
const isDigestPost = (body: Record<string, unknown>) => body.channel === DIGEST_CHANNEL;

const freePort = () =>
  new Promise<number>((done) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => done(port));
    });
  });

/** A store whose chantier 3 digest is due at JALON_NOW: the scheduler posts it while starting. */
function storeWithSubscription(name: string): string {
  const path = join(dir, name);
  const db = openDatabase(path);
  addSubscription(db, { channel: DIGEST_CHANNEL, scope: 'chantier:3', createdBy: 'UADMIN01', createdAt: '2021-01-04T08:00:00.000Z' });
  db.close();
  return path;
}

function readStore<T>(path: string, read: (db: Db) => T): T {
  const db = openDatabase(path);
  try {
    return read(db);
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  fake = await startFakeSlackApi();
});
afterAll(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('jalon start (HTTP mode from the environment)', () => {
  it('listens on PORT, checks signatures, answers /mesure, posts the due digest; SIGTERM during that post waits for it, then exit 0', async () => {
    const port = await freePort();
    const dbPath = storeWithSubscription('http.db');
    const release = fake.hold('chat.postMessage', isDigestPost);
    // The real program (src/cli.ts wires the digest service into `jalon start`).
    const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli-entry.ts'), 'start'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: dir,
        JALON_DB: dbPath,
        JALON_NOW: NOW,
        LOG_LEVEL: 'silent',
        SLACK_BOT_TOKEN: 'xoxb-start-test',
        SLACK_SIGNING_SECRET: 'start-secret',
        SLACK_API_URL: fake.apiUrl,
        PORT: String(port),
        JALON_ADMINS: 'UADMIN01',
      },
      stdio: 'ignore',
    });
    const exited = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
    let signalled = false;
    try {
      const url = `http://127.0.0.1:${port}`;
      const started = performance.now();
      for (;;) {
        const ok = await fetch(`${url}/health`).then((r) => r.ok, () => false);
        if (ok) break;
        if (performance.now() - started > 20_000) throw new Error('jalon start did not listen');
        await new Promise((r) => setTimeout(r, 50));
      }
      const body = commandBody({ text: 'aide', user_id: 'UADMIN01', channel_id: 'C1', response_url: fake.responseUrl('start') });
      expect((await postSigned(`${url}/slack/events`, 'wrong', body)).status).toBe(401);
      expect((await postSigned(`${url}/slack/events`, 'start-secret', body)).status).toBe(200);
      await fake.waitFor(() => fake.calls.some((c) => c.method === '/response/start'));
      // The digest scheduler started with the app: the catch-up post is under way (held by Slack).
      await fake.waitFor(() => fake.callsOf('chat.postMessage').some((c) => isDigestPost(c.body)));
      signalled = child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 300));
    } finally {
      release();
      // A second signal would stop it at once, on purpose (a second Ctrl-C): send one only.
      if (!signalled) child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    // The post finished and was recorded before the database closed.
    const run = readStore(dbPath, (db) => readDigestRun(db, digestKey));
    expect(run).toMatchObject({ status: 'posted', messageTs: expect.stringMatching(/^1700000000\.\d+$/) });
    expect(readStore(dbPath, (db) => listSubscriptions(db)[0]!.lastDigestTs)).toBe(run!.messageTs);
  }, 30_000);
});

describe('startSlack in Socket Mode', () => {
  it('starts the digest scheduler once connected; stops it, then the app, before the database closes', async () => {
    const socket = await startFakeSocketServer();
    const api = await startFakeSlackApi({ socketUrl: socket.url });
    const dbPath = storeWithSubscription('socket.db');
    const config = parseConfig({
      JALON_DB: dbPath,
      JALON_NOW: NOW,
      LOG_LEVEL: 'silent',
      SLACK_BOT_TOKEN: 'xoxb-socket-test',
      SLACK_APP_TOKEN: 'xapp-socket-test',
      SLACK_API_URL: api.apiUrl,
      JALON_ADMINS: 'UADMIN01',
    });
    const events: string[] = [];
    let db: Db | undefined;
    // The real digest service, watched: what had happened when it started, and when it stopped.
    const digest: StartService = async (context) => {
      db = context.jalon.db;
      events.push(`start: connected ${api.callsOf('apps.connections.open').length === 1}`);
      const service = await startDigestService(context);
      return {
        async stop() {
          events.push(`stop: db open ${context.jalon.db.open}`);
          await service.stop();
          events.push(`stopped: db open ${context.jalon.db.open}`);
        },
      };
    };
    const later: StartService = async () => {
      events.push('later service started');
      return { stop() {} };
    };
    let requestStop = () => {};
    const stopWhen = new Promise<void>((done) => {
      requestStop = done;
    });
    const release = api.hold('chat.postMessage', isDigestPost);
    try {
      const running = startSlack(config, { services: [digest, later], stopWhen });
      await socket.connected();
      await api.waitFor(() => api.callsOf('chat.postMessage').some((c) => isDigestPost(c.body)));
      // Asked to stop while the catch-up digest is being posted: it finishes, nothing more starts.
      requestStop();
      await new Promise((r) => setTimeout(r, 50));
      release();
      await running;
    } finally {
      release();
      await socket.close();
      await api.close();
    }
    expect(events).toEqual(['start: connected true', 'stop: db open true', 'stopped: db open true']);
    expect(db?.open).toBe(false);
    expect(readStore(dbPath, (store) => readDigestRun(store, digestKey))).toMatchObject({ status: 'posted' });
  }, 30_000);
});
