import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSlackApi, type FakeSlackApi } from '../fakes/fake-slack-api.js';
import { commandBody, postSigned } from '../fakes/sign-slack-request.js';

const ENTRY = resolve(import.meta.dirname, '../console/fixtures/console-entry.ts');
const dir = mkdtempSync(join(tmpdir(), 'jalon-start-'));
let fake: FakeSlackApi;

const freePort = () =>
  new Promise<number>((done) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => done(port));
    });
  });

beforeAll(async () => {
  fake = await startFakeSlackApi();
});
afterAll(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('jalon start (HTTP mode from the environment)', () => {
  it('listens on PORT, checks signatures, answers /mesure, stops on SIGTERM with exit 0', async () => {
    const port = await freePort();
    const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', ENTRY, 'start'], {
      cwd: resolve(import.meta.dirname, '../..'),
      env: {
        PATH: process.env.PATH ?? '',
        HOME: dir,
        JALON_DB: join(dir, 'jalon.db'),
        JALON_NOW: '2021-03-01',
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
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  }, 30_000);
});
