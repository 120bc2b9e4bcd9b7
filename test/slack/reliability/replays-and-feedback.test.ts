import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertAnswer, readFeedback, type AnswerRecord } from '../../../src/db/slack-store.js';
import type { Jalon } from '../../../src/open-jalon.js';
import type { SlackApp } from '../../../src/slack/app.js';
import { startFakeSlackApi, type FakeSlackApi } from '../../fakes/fake-slack-api.js';
import { commandBody, interactionBody, postSigned, signSlackRequest, type SlackPost } from '../../fakes/sign-slack-request.js';
import { ADMIN, openTestJalon, startHttpApp, TEST_NOW } from '../../fakes/test-jalon.js';

const SECRET = 'replay-secret';
const CHANNEL = 'CREPLAY1';

let jalon: Jalon;
let fake: FakeSlackApi;
let slack: SlackApp;
let url: string;

beforeAll(async () => {
  jalon = openTestJalon();
  fake = await startFakeSlackApi({ members: { CANSWER1: ['UASKER01', 'UMEMBER1'] } });
  ({ slack, url } = await startHttpApp(jalon, fake.apiUrl, SECRET));
});

afterAll(async () => {
  await slack.stop();
  await fake.close();
  jalon.close();
});

/** The same signed request (same bytes, same timestamp, same signature) sent `times` times at once. */
async function replay(post: SlackPost, times: number): Promise<number[]> {
  const headers = { 'content-type': post.contentType, ...signSlackRequest(SECRET, post.body) };
  return Promise.all(Array.from({ length: times }, () => fetch(url, { method: 'POST', headers, body: post.body }).then((r) => r.status)));
}

const rowsWith = (id: string, comment: string) => jalon.measures.history(id).filter((c) => c.comment === comment);
const responses = (id: string) => fake.calls.filter((c) => c.method === `/response/${id}`);

describe('a replayed signed request is acknowledged and applied once', () => {
  it('/mesure statut sent 3 times: one history row, one reply', async () => {
    const post = commandBody({ text: 'statut MS-C3-P2 en cours rejouée trois fois', user_id: ADMIN, channel_id: CHANNEL, response_url: fake.responseUrl('cmd'), trigger_id: 'trig-replay-1' });
    expect(await replay(post, 3)).toEqual([200, 200, 200]);
    await fake.waitFor(() => responses('cmd').length > 0);
    // And once more, later: still the same request.
    expect(await replay(post, 1)).toEqual([200]);
    await new Promise((r) => setTimeout(r, 100));
    expect(rowsWith('MS-C3-P2', 'rejouée trois fois')).toHaveLength(1);
    expect(responses('cmd')).toHaveLength(1);
  });

  it('a button click sent 3 times runs its command once', async () => {
    const post = interactionBody({
      type: 'block_actions',
      user: { id: ADMIN },
      channel: { id: CHANNEL },
      trigger_id: 'trig-replay-2',
      container: { type: 'message', channel_id: CHANNEL, is_ephemeral: true },
      response_url: fake.responseUrl('click'),
      actions: [{ action_id: 'mesure_run', block_id: 'choice:1', value: 'statut MS-C3-P3 bloqué clic rejoué', type: 'button' }],
    });
    expect(await replay(post, 3)).toEqual([200, 200, 200]);
    await fake.waitFor(() => responses('click').length > 0);
    await new Promise((r) => setTimeout(r, 100));
    expect(rowsWith('MS-C3-P3', 'clic rejoué')).toHaveLength(1);
    expect(responses('click')).toHaveLength(1);
  });

  it('a form submitted 3 times (same trigger) changes the status once', async () => {
    const post = interactionBody({
      type: 'view_submission',
      user: { id: ADMIN },
      trigger_id: 'trig-replay-3',
      view: {
        id: 'VREPLAY',
        callback_id: 'mesure_complete',
        private_metadata: JSON.stringify({ verb: 'statut', channel: CHANNEL }),
        state: {
          values: {
            ref: { ref: { type: 'plain_text_input', value: 'MS-C4-P1' } },
            status: { status: { type: 'static_select', selected_option: { value: 'done' } } },
            comment: { comment: { type: 'plain_text_input', value: 'formulaire rejoué' } },
          },
        },
      },
    });
    expect(await replay(post, 3)).toEqual([200, 200, 200]);
    await fake.waitFor(() => rowsWith('MS-C4-P1', 'formulaire rejoué').length > 0);
    await new Promise((r) => setTimeout(r, 100));
    expect(rowsWith('MS-C4-P1', 'formulaire rejoué')).toHaveLength(1);
  });

  it('two different commands with the same text are two requests: both run', async () => {
    for (const trigger of ['trig-twice-a', 'trig-twice-b']) {
      const post = commandBody({ text: 'statut MS-C4-P2 en cours dit deux fois', user_id: ADMIN, channel_id: CHANNEL, response_url: fake.responseUrl(trigger), trigger_id: trigger });
      expect(await replay(post, 1)).toEqual([200]);
      await fake.waitFor(() => responses(trigger).length > 0);
    }
    expect(rowsWith('MS-C4-P2', 'dit deux fois')).toHaveLength(2);
  });
});

describe('feedback comes only from the conversation the answer was given in', () => {
  const answer = (channel: string): AnswerRecord =>
    insertAnswer(jalon.db, {
      channel,
      threadTs: '1600000000.000100',
      messageTs: '1600000000.000200',
      userId: 'UASKER01',
      question: 'Qui pilote le SAS ?',
      answer: 'La DGOS.',
      answered: true,
      citations: [],
      createdAt: TEST_NOW.toISOString(),
    });
  const click = (a: AnswerRecord, user: string, response: string) =>
    replay(
      interactionBody({
        type: 'block_actions',
        user: { id: user },
        channel: { id: 'CELSEWHERE' },
        trigger_id: `trig-${response}`,
        container: { type: 'message', channel_id: 'CELSEWHERE', message_ts: a.messageTs },
        response_url: fake.responseUrl(response),
        actions: [{ action_id: 'feedback_down', block_id: 'feedback', value: String(a.id), type: 'button' }],
      }),
      1,
    );
  const votes = (a: AnswerRecord) => readFeedback(jalon.db).filter((f) => f.answerId === a.id).map((f) => f.userId);

  it('in a channel: its members may, anyone else is told they may not (and nothing is stored)', async () => {
    const a = answer('CANSWER1');
    await click(a, 'UOUTSIDE', 'outsider');
    await fake.waitFor(() => responses('outsider').length > 0);
    expect(JSON.stringify(responses('outsider')[0]!.body)).toContain('Seuls les membres de la conversation');
    await click(a, 'UMEMBER1', 'member');
    await fake.waitFor(() => fake.callsOf('chat.postEphemeral').some((c) => c.body.user === 'UMEMBER1'));
    expect(votes(a)).toEqual(['UMEMBER1']);
  });

  it('in a DM with Jalon: only its asker', async () => {
    const a = answer('DASKER01');
    await click(a, 'UMEMBER1', 'dm-other');
    await fake.waitFor(() => responses('dm-other').length > 0);
    await click(a, 'UASKER01', 'dm-asker');
    await fake.waitFor(() => fake.callsOf('chat.postEphemeral').some((c) => c.body.user === 'UASKER01' && c.body.channel === 'DASKER01'));
    expect(votes(a)).toEqual(['UASKER01']);
  });

  it('a report from outside the conversation stays in the form, refused', async () => {
    const a = answer('CANSWER1');
    const res = await postSigned(
      url,
      SECRET,
      interactionBody({
        type: 'view_submission',
        user: { id: 'UOUTSIDE' },
        trigger_id: 'trig-report-outsider',
        view: {
          id: 'VREPORT',
          callback_id: 'feedback_report',
          private_metadata: JSON.stringify({ answerId: a.id, channel: a.channel, threadTs: a.threadTs }),
          state: { values: { comment: { comment: { type: 'plain_text_input', value: 'faux' } } } },
        },
      }),
    );
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ response_action: 'errors', errors: { comment: expect.stringContaining('Seuls les membres') } });
    expect(votes(a)).toEqual([]);
  });
});
