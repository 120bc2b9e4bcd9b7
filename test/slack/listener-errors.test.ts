import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/db/open-database.js';
import { insertAnswer, readFeedback, type AnswerRecord } from '../../src/db/slack-store.js';
import { GENERIC_USER_MESSAGE } from '../../src/domain/errors.js';
import { createLogger } from '../../src/log.js';
import type { Measures } from '../../src/measures/create-measures.js';
import type { Jalon } from '../../src/open-jalon.js';
import type { SlackApp } from '../../src/slack/app.js';
import { startFakeSlackApi, type FakeSlackApi } from '../fakes/fake-slack-api.js';
import { interactionBody, postSigned } from '../fakes/sign-slack-request.js';
import { openTestJalon, startHttpApp, TEST_NOW } from '../fakes/test-jalon.js';

const SECRET = 'errors-secret';
const CHANNEL = 'CQUESTIONS';

let jalon: Jalon;
let fake: FakeSlackApi;
let slack: SlackApp;
let url: string;
let answer: AnswerRecord;
const logs: { level: string; msg: string }[] = [];

const post = (payload: Record<string, unknown>) => postSigned(url, SECRET, interactionBody(payload));
const responses = (id: string) => fake.calls.filter((c) => c.method === `/response/${id}`);

/** Another connection holding the write lock: every write of the app's connection gets SQLITE_BUSY. */
async function whileLocked(run: () => Promise<void>): Promise<void> {
  const other: Db = openDatabase(jalon.config.dbPath);
  other.exec('BEGIN IMMEDIATE');
  try {
    await run();
  } finally {
    other.exec('ROLLBACK');
    other.close();
  }
}

beforeAll(async () => {
  jalon = openTestJalon({ JALON_DB: join(mkdtempSync(join(tmpdir(), 'jalon-listener-errors-')), 'jalon.db') });
  // Fail fast instead of waiting 5 s for a lock that another connection keeps.
  jalon.db.pragma('busy_timeout = 20');
  fake = await startFakeSlackApi({ members: { [CHANNEL]: ['UASKER01', 'URATER01', 'UREPORT1'] } });
  const logger = createLogger('debug', (line) => logs.push(JSON.parse(line) as { level: string; msg: string }));
  // A measure service whose lookup fails in an unexpected way (not a JalonError): injected, as any dependency.
  const measures: Measures = {
    ...jalon.measures,
    get: () => {
      throw new TypeError('unexpected');
    },
  };
  ({ slack, url } = await startHttpApp(jalon, fake.apiUrl, SECRET, { logger, measures }));
  answer = insertAnswer(jalon.db, {
    channel: CHANNEL,
    threadTs: '1600000000.000100',
    messageTs: '1600000000.000200',
    userId: 'UASKER01',
    question: 'Qui pilote le SAS ?',
    answer: 'La DGOS.',
    answered: true,
    citations: [],
    createdAt: TEST_NOW.toISOString(),
  });
});

afterAll(async () => {
  await slack.stop();
  await fake.close();
  jalon.close();
});

describe('listener errors', () => {
  it('"Mettre à jour": an unexpected error is logged as an error and answered with the French apology', async () => {
    const res = await post({
      type: 'block_actions',
      user: { id: 'UASKER01' },
      channel: { id: CHANNEL },
      trigger_id: 't-update',
      container: { type: 'message', channel_id: CHANNEL, is_ephemeral: true },
      response_url: fake.responseUrl('update'),
      actions: [{ action_id: 'measure_update', block_id: 'measure:MS-C3-P2', value: 'MS-C3-P2', type: 'button' }],
    });
    expect(res.status).toBe(200);
    await fake.waitFor(() => responses('update').length > 0);
    expect(JSON.stringify(responses('update')[0]!.body)).toContain(GENERIC_USER_MESSAGE);
    expect(logs).toContainEqual(expect.objectContaining({ level: 'error', msg: 'measure_update failed' }));
    expect(logs.some((l) => l.msg.includes('refused'))).toBe(false);
  });

  it('👍 while the database is busy: an apology, not silence', async () => {
    await whileLocked(async () => {
      const res = await post({
        type: 'block_actions',
        user: { id: 'URATER01' },
        channel: { id: CHANNEL },
        trigger_id: 't-up',
        container: { type: 'message', channel_id: CHANNEL, message_ts: answer.messageTs },
        actions: [{ action_id: 'feedback_up', block_id: 'feedback', value: String(answer.id), type: 'button' }],
      });
      expect(res.status).toBe(200);
      await fake.waitFor(() => fake.callsOf('chat.postEphemeral').some((c) => c.body.user === 'URATER01'));
    });
    const said = fake.callsOf('chat.postEphemeral').find((c) => c.body.user === 'URATER01')!;
    expect(said.body.text).toContain('n’a pas pu être enregistré');
    expect(logs).toContainEqual(expect.objectContaining({ level: 'error', msg: 'feedback not stored', error: expect.stringMatching(/busy|locked/i) }));
    expect(readFeedback(jalon.db)).toEqual([]);
  });

  it('"Signaler une erreur" submitted while the database is busy: an apology too', async () => {
    await whileLocked(async () => {
      const res = await post({
        type: 'view_submission',
        user: { id: 'UREPORT1' },
        view: {
          id: 'V1',
          callback_id: 'feedback_report',
          private_metadata: JSON.stringify({ answerId: answer.id, channel: CHANNEL, threadTs: answer.threadTs }),
          state: { values: { comment: { comment: { type: 'plain_text_input', value: 'La date est fausse.' } } } },
        },
      });
      expect(res.status).toBe(200);
      await fake.waitFor(() => fake.callsOf('chat.postEphemeral').some((c) => c.body.user === 'UREPORT1'));
    });
    expect(fake.callsOf('chat.postEphemeral').find((c) => c.body.user === 'UREPORT1')!.body.text).toContain('n’a pas pu être enregistré');
  });
});
