import { mkdtempSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config.js';
import { inboxPathOf, openInbox } from '../../../src/db/inbox-store.js';
import type { Db } from '../../../src/db/open-database.js';
import { JalonError } from '../../../src/domain/errors.js';
import { createLogger } from '../../../src/log.js';
import { openJalon, type Jalon } from '../../../src/open-jalon.js';
import type { SlackApp } from '../../../src/slack/app.js';
import { startFakeSlackApi, type FakeSlackApi } from '../../fakes/fake-slack-api.js';
import { commandBody, eventBody, postSigned } from '../../fakes/sign-slack-request.js';
import { ADMIN, openTestJalon, startHttpApp } from '../../fakes/test-jalon.js';

const SECRET = 'store-secret';
const dbPath = join(mkdtempSync(join(tmpdir(), 'jalon-faults-')), 'jalon.db');

let jalon: Jalon;
let inbox: Db;
let fake: FakeSlackApi;
let slack: SlackApp;
let url: string;
let seq = 0;
const logs: { level: string; msg: string; cause?: string }[] = [];
const logger = createLogger('info', (line) => logs.push(JSON.parse(line) as { level: string; msg: string }));

beforeAll(async () => {
  jalon = openTestJalon({ JALON_DB: dbPath });
  inbox = openInbox(inboxPathOf(dbPath));
  fake = await startFakeSlackApi();
  ({ slack, url } = await startHttpApp(jalon, fake.apiUrl, SECRET, { logger }, { inbox }));
});

afterAll(async () => {
  await slack.stop();
  await fake.close();
  inbox.close();
  jalon.close();
});

/** /mesure statut by an admin; resolves with the text of its reply. */
async function change(comment: string): Promise<string> {
  const id = `fault-${++seq}`;
  await postSigned(url, SECRET, commandBody({ text: `statut MS-C3-P1 bloqué ${comment}`, user_id: ADMIN, channel_id: 'CFAULT1', response_url: fake.responseUrl(id) }));
  await fake.waitFor(() => fake.calls.some((c) => c.method === `/response/${id}`));
  return JSON.stringify(fake.calls.find((c) => c.method === `/response/${id}`)!.body);
}

/** A mention; resolves with its thread once answered. */
async function ask(): Promise<{ text: string; blocks: unknown }> {
  const ts = `1640000000.${String(++seq).padStart(6, '0')}`;
  await postSigned(url, SECRET, eventBody({ type: 'app_mention', user: 'U1', text: '<@UJALONBOT> Qu’est-ce que le SAS ?', ts, channel: 'CFAULT2' }, `EvFault${seq}`));
  await fake.waitFor(() => fake.thread('CFAULT2', ts).some((m) => m.updates > 0), 8_000);
  return fake.thread('CFAULT2', ts)[0]!;
}

const recorded = (comment: string) => jalon.measures.history('MS-C3-P1').filter((c) => c.comment === comment).length;
const adminNotices = () => fake.callsOf('chat.postMessage').filter((c) => c.body.channel === `D${ADMIN}`).map((c) => String(c.body.text));

describe('storage faults are loud and safe', () => {
  it('read-only store: the change is refused with the cause, admins are told, questions are still answered', async () => {
    jalon.db.pragma('query_only = ON');
    try {
      const reply = await change('en lecture seule');
      expect(reply).toContain('n’a pas été enregistrée');
      expect(reply).toContain('lecture seule (jalon.db)');
      expect(recorded('en lecture seule')).toBe(0);
      const answer = await ask();
      expect(answer.text).not.toMatch(/^Désolé/);
      expect(JSON.stringify(answer.blocks)).not.toContain('feedback_up');
    } finally {
      jalon.db.pragma('query_only = OFF');
    }
    await fake.waitFor(() => adminNotices().length > 0);
    expect(adminNotices()[0]).toContain('lecture seule');
    expect(adminNotices()[0]).toContain(dbPath);
  });

  it('store file deleted while running: writes refused, admins told; a restart will not create a new empty store', async () => {
    unlinkSync(dbPath);
    const reply = await change('après suppression');
    expect(reply).toContain('le fichier de la base a été supprimé (jalon.db)');
    await fake.waitFor(() => adminNotices().some((t) => t.includes('supprimé')));
    expect(logs).toContainEqual(expect.objectContaining({ level: 'error', msg: 'store cannot be written', cause: 'missing' }));
    // Questions are still answered from what the open store holds.
    expect((await ask()).text).not.toMatch(/^Désolé/);
    // The journal beside it says a store existed here: no silent new one.
    let refused: unknown;
    try {
      openJalon(parseConfig({ JALON_DB: dbPath, LOG_LEVEL: 'silent' })).close();
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(JalonError);
    expect((refused as JalonError).userMessage).toContain(dbPath);
    expect((refused as JalonError).userMessage).toContain('a disparu');
  });
});
