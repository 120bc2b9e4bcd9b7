import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlack } from '../../../src/cli/start-command.js';
import { parseConfig } from '../../../src/config.js';
import { openDatabase } from '../../../src/db/open-database.js';
import { startFakeSlackApi, type FakeSlackApi } from '../../fakes/fake-slack-api.js';
import { commandBody, eventBody, postSigned } from '../../fakes/sign-slack-request.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const SECRET = 'kill-secret';
const dir = mkdtempSync(join(tmpdir(), 'jalon-kill-'));
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

const env = () => ({
  JALON_DB: dbPath,
  JALON_NOW: '2021-03-02',
  LOG_LEVEL: 'silent',
  SLACK_BOT_TOKEN: 'xoxb-kill-test',
  SLACK_SIGNING_SECRET: SECRET,
  SLACK_API_URL: fake.apiUrl,
  PORT: String(port),
  JALON_ADMINS: 'UADMIN01',
});
const configOf = () => parseConfig(env());

/** The real program, as `jalon start` runs it in HTTP mode. */
async function startJalon(): Promise<{ child: ChildProcess; exited: Promise<number | null>; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli-entry.ts'), 'start'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: dir, ...env() },
    stdio: 'ignore',
  });
  const exited = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  while (!(await fetch(`${url}/health`).then((r) => r.ok, () => false))) {
    if (performance.now() - started > 30_000) throw new Error('jalon start did not listen');
    await new Promise((r) => setTimeout(r, 50));
  }
  return { child, exited, url: `${url}/slack/events` };
}

beforeAll(async () => {
  fake = await startFakeSlackApi();
  port = await freePort();
});
afterAll(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('kill -9 in the middle of acknowledged work, then a restart on the same files', () => {
  it('finishes every question in place of its placeholder, once, and applies the change once, telling its author', async () => {
    const first = await startJalon();
    const placing = '1660000000.000100';
    const answering = '1660000000.000200';
    const releases = [
      // The placeholder of the first question is posted, but the answer never comes back.
      fake.hold('chat.postMessage', (b) => b.thread_ts === placing),
      // The second question is answered, but the update of its placeholder never comes back.
      fake.hold('chat.update', (b) => b.channel === 'CKILL02'),
      // The change is recorded, but its confirmation never reaches Slack.
      fake.hold('/response/kill-cmd'),
    ];
    const mention = (ts: string, channel: string, id: string) =>
      postSigned(first.url, SECRET, eventBody({ type: 'app_mention', user: 'U1', text: '<@UJALONBOT> Qu’est-ce que le SAS ?', ts, channel }, id));
    expect((await mention(placing, 'CKILL01', 'EvKill1')).status).toBe(200);
    expect((await mention(answering, 'CKILL02', 'EvKill2')).status).toBe(200);
    const command = commandBody({ text: 'statut MS-C3-P2 bloqué avant le kill', user_id: 'UADMIN01', channel_id: 'CKILL03', response_url: fake.responseUrl('kill-cmd'), trigger_id: 'trig-kill' });
    expect((await postSigned(first.url, SECRET, command)).status).toBe(200);
    await fake.waitFor(
      (calls) =>
        calls.some((c) => c.method === 'chat.postMessage' && c.body.thread_ts === placing) &&
        calls.some((c) => c.method === 'chat.update' && c.body.channel === 'CKILL02') &&
        calls.some((c) => c.method === '/response/kill-cmd'),
      20_000,
    );
    first.child.kill('SIGKILL');
    await first.exited;
    // Slack did its part of the calls in flight: the placeholder exists, the update was applied.
    for (const release of releases) release();
    await new Promise((r) => setTimeout(r, 50));

    // The restart, in this process (the same program on the same files: store and intake journal).
    let stop = () => {};
    const stopWhen = new Promise<void>((done) => {
      stop = done;
    });
    const second = startSlack(configOf(), { stopWhen });
    try {
      await fake.waitFor(() => fake.calls.filter((c) => c.method === '/response/kill-cmd').length >= 2, 20_000);
      await fake.waitFor(() => [fake.thread('CKILL01', placing), fake.thread('CKILL02', answering)].every((t) => t.some((m) => m.text !== 'Je cherche…')), 20_000);
    } finally {
      stop();
      await second;
    }
    for (const [channel, ts] of [
      ['CKILL01', placing],
      ['CKILL02', answering],
    ] as const) {
      const thread = fake.thread(channel, ts);
      expect(thread).toHaveLength(1);
      expect(thread[0]!.text).not.toBe('Je cherche…');
    }
    const db = openDatabase(dbPath);
    try {
      const rows = db.prepare("SELECT count(*) AS n FROM status_history WHERE comment = 'avant le kill'").get() as { n: number };
      expect(rows.n).toBe(1);
    } finally {
      db.close();
    }
    const replies = fake.calls.filter((c) => c.method === '/response/kill-cmd').map((c) => JSON.stringify(c.body));
    expect(replies[0]).toContain('bloqué');
    expect(replies.at(-1)).toContain('déjà enregistrée');
  }, 60_000);
});
