import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Jalon } from '../../../src/open-jalon.js';
import type { SlackApp } from '../../../src/slack/app.js';
import { startFakeSlackApi, type FakeSlackApi } from '../../fakes/fake-slack-api.js';
import { commandBody, interactionBody, signSlackRequest, type SlackPost } from '../../fakes/sign-slack-request.js';
import { ADMIN, openTestJalon, startHttpApp } from '../../fakes/test-jalon.js';

const SECRET = 'replay-secret';
const CHANNEL = 'CREPLAY1';

let jalon: Jalon;
let fake: FakeSlackApi;
let slack: SlackApp;
let url: string;

beforeAll(async () => {
  jalon = openTestJalon();
  fake = await startFakeSlackApi();
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
