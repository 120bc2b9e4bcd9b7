import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/db/open-database.js';
import type { Jalon } from '../../../src/open-jalon.js';
import type { SlackApp } from '../../../src/slack/app.js';
import { startFakeSlackApi, type FakeSlackApi } from '../../fakes/fake-slack-api.js';
import { commandBody, eventBody, postSigned } from '../../fakes/sign-slack-request.js';
import { ADMIN, openTestJalon, startHttpApp } from '../../fakes/test-jalon.js';

const SECRET = 'lock-secret';

let jalon: Jalon;
let fake: FakeSlackApi;
let slack: SlackApp;
let url: string;

beforeAll(async () => {
  jalon = openTestJalon({ JALON_DB: join(mkdtempSync(join(tmpdir(), 'jalon-lock-')), 'jalon.db') });
  fake = await startFakeSlackApi();
  ({ slack, url } = await startHttpApp(jalon, fake.apiUrl, SECRET));
});

afterAll(async () => {
  await slack.stop();
  await fake.close();
  jalon.close();
});

const responses = (id: string) => fake.calls.filter((c) => c.method === `/response/${id}`);

describe('another process holds the write lock', () => {
  it('50 requests at once: all acknowledged and reads answered while it holds it; writes land once after', async () => {
    const other = openDatabase(jalon.config.dbPath);
    other.exec('BEGIN IMMEDIATE');
    let locked = true;
    const release = () => {
      if (!locked) return;
      other.exec('ROLLBACK');
      other.close();
      locked = false;
    };
    try {
      const ts = (i: number) => `1670000000.${String(i).padStart(6, '0')}`;
      const requests = Array.from({ length: 50 }, (_, i) => {
        if (i % 5 < 2) return eventBody({ type: 'app_mention', user: 'U1', text: '<@UJALONBOT> Qu’est-ce que le SAS ?', ts: ts(i), channel: 'CLOCK01' }, `EvLock${i}`);
        if (i % 5 < 4) return commandBody({ text: 'voir MS-C3-P1', user_id: 'U1', channel_id: 'CLOCK01', response_url: fake.responseUrl(`read${i}`) });
        return commandBody({ text: `statut MS-C2-P${1 + (i % 3)} en cours pendant le verrou ${i}`, user_id: ADMIN, channel_id: 'CLOCK01', response_url: fake.responseUrl(`write${i}`) });
      });
      // The lock is released only once every request was acknowledged: an ack that waited for it
      // (the old 5 s busy timeout blocked the whole process) would never come.
      const statuses = await Promise.all(requests.map(async (body) => (await postSigned(url, SECRET, body)).status));
      expect(statuses.every((s) => s === 200)).toBe(true);
      const reads = statuses.map((_, i) => i).filter((i) => i % 5 === 2 || i % 5 === 3);
      await fake.waitFor(() => reads.every((i) => responses(`read${i}`).length > 0), 10_000);
      expect(locked).toBe(true);
      expect(jalon.measures.history('MS-C2-P1').some((c) => c.comment?.startsWith('pendant le verrou'))).toBe(false);
      release();

      const writes = statuses.map((_, i) => i).filter((i) => i % 5 === 4);
      await fake.waitFor(() => writes.every((i) => responses(`write${i}`).length > 0), 15_000);
      for (const i of writes) {
        expect(jalon.measures.history(`MS-C2-P${1 + (i % 3)}`).filter((c) => c.comment === `pendant le verrou ${i}`)).toHaveLength(1);
        expect(JSON.stringify(responses(`write${i}`)[0]!.body)).toMatch(/→ \*en cours\*/);
      }
      const mentions = statuses.map((_, i) => i).filter((i) => i % 5 < 2);
      await fake.waitFor(() => mentions.every((i) => fake.thread('CLOCK01', ts(i)).some((m) => m.updates > 0 && m.text !== 'Je cherche…')), 15_000);
      for (const i of mentions) expect(fake.thread('CLOCK01', ts(i))).toHaveLength(1);
    } finally {
      release();
    }
  });
});
