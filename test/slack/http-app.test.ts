import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFeedback } from '../../src/db/slack-store.js';
import type { Jalon } from '../../src/open-jalon.js';
import type { SlackApp } from '../../src/slack/app.js';
import { startFakeSlackApi, type FakeSlackApi, type RecordedCall } from '../fakes/fake-slack-api.js';
import { commandBody, eventBody, interactionBody, postSigned } from '../fakes/sign-slack-request.js';
import { ADMIN, openTestJalon, startHttpApp } from '../fakes/test-jalon.js';

const SECRET = 'test-signing-secret';
const BOT = 'UJALONBOT';
const CHANNEL = 'CQUESTIONS';
const SUBSCRIBED = 'CPILOTAGE3';
const MEMBER = 'UMEMBER01';
const OUTSIDER = 'UOUTSIDE1';

let jalon: Jalon;
let fake: FakeSlackApi;
let slack: SlackApp;
let url: string;
let seq = 0;

const json = (call: RecordedCall) => JSON.stringify(call.body);
const post = (body: { body: string; contentType: string }, options?: Parameters<typeof postSigned>[3]) => postSigned(url, SECRET, body, options);
const mention = (text: string, ts: string, extra: Record<string, unknown> = {}) => ({ type: 'app_mention', user: 'UASKER01', text: `<@${BOT}> ${text}`, ts, channel: CHANNEL, ...extra });
const responses = (id: string) => fake.calls.filter((c) => c.method === `/response/${id}`);

async function command(text: string, user: string, channel: string): Promise<RecordedCall> {
  const id = `cmd${++seq}`;
  const res = await post(commandBody({ text, user_id: user, channel_id: channel, response_url: fake.responseUrl(id), trigger_id: `trig-${id}` }));
  expect(res.status).toBe(200);
  await fake.waitFor(() => responses(id).length > 0 || fake.calls.some((c) => c.method === 'views.open' && c.body.trigger_id === `trig-${id}`));
  return responses(id)[0] ?? fake.calls.find((c) => c.method === 'views.open' && c.body.trigger_id === `trig-${id}`)!;
}

beforeAll(async () => {
  jalon = openTestJalon();
  fake = await startFakeSlackApi({ botUserId: BOT, members: { [SUBSCRIBED]: [MEMBER, ADMIN], [CHANNEL]: ['UASKER01', 'URATER01'] } });
  ({ slack, url } = await startHttpApp(jalon, fake.apiUrl, SECRET));
});

afterAll(async () => {
  await slack.stop();
  await fake.close();
  jalon.close();
});

describe('questions', () => {
  it('answers an app_mention in its thread: placeholder updated with the answer and numbered sources', async () => {
    const res = await post(eventBody(mention('Quand le service d’accès aux soins est-il généralisé ?', '1600000000.000100'), 'Ev001'));
    expect(res.status).toBe(200);
    await fake.waitFor((calls) => calls.some((c) => c.method === 'chat.update' && json(c).includes('Sources')));
    const placeholder = fake.callsOf('chat.postMessage').find((c) => c.body.thread_ts === '1600000000.000100')!;
    expect(placeholder.body.text).toBe('Je cherche…');
    expect(placeholder.authorization).toBe('Bearer xoxb-test');
    const update = fake.callsOf('chat.update').find((c) => json(c).includes('Sources'))!;
    expect(update.body.channel).toBe(CHANNEL);
    const blocks = update.body.blocks as { type: string; text?: { text: string }; elements?: { action_id: string }[] }[];
    expect(blocks.some((b) => b.text?.text.startsWith('*[1]*') && / lignes? \d/.test(b.text.text) && b.text.text.includes('\n> '))).toBe(true);
    const buttons = blocks.find((b) => b.type === 'actions')!.elements!.map((e) => e.action_id);
    expect(buttons).toEqual(['feedback_up', 'feedback_down', 'feedback_report']);
  });

  it('a retried event (X-Slack-Retry-Num) never produces a second reply', async () => {
    const event = mention('Qui pilote le SAS ?', '1600000000.000200');
    await post(eventBody(event, 'Ev002'));
    await fake.waitFor((calls) => calls.some((c) => c.method === 'chat.update' && c.body.ts !== undefined && fake.callsOf('chat.postMessage').some((p) => p.body.thread_ts === '1600000000.000200')));
    const retry = await post(eventBody(event, 'Ev002'), { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    expect(retry.status).toBe(200);
    // A later question is answered: by then the retry was long handled.
    await post(eventBody(mention('Quel est le calendrier du Ségur ?', '1600000000.000201'), 'Ev003'));
    await fake.waitFor(() => fake.callsOf('chat.postMessage').some((p) => p.body.thread_ts === '1600000000.000201'));
    expect(fake.callsOf('chat.postMessage').filter((p) => p.body.thread_ts === '1600000000.000200')).toHaveLength(1);
  });

  it('rejects forged and stale signatures with 401 and does nothing', async () => {
    const body = eventBody(mention('forgée', '1600000000.000300'), 'Ev004');
    expect((await post(body, { signature: 'v0=deadbeef' })).status).toBe(401);
    expect((await postSigned(url, 'wrong-secret', body)).status).toBe(401);
    expect((await post(body, { timestampSec: Math.floor(Date.now() / 1000) - 600 })).status).toBe(401);
    await new Promise((r) => setTimeout(r, 50));
    expect(fake.calls.some((c) => c.body.thread_ts === '1600000000.000300')).toBe(false);
  });

  it('answers follow-ups in an answered thread without a mention, and DMs; ignores other threads', async () => {
    const root = '1600000000.000400';
    await post(eventBody(mention('Que prévoit le pacte de refondation des urgences ?', root), 'Ev005'));
    // The thread is answered once the placeholder became the answer.
    await fake.waitFor(() => fake.thread(CHANNEL, root).some((m) => m.updates > 0));
    const followUp = { type: 'message', channel_type: 'channel', user: 'UASKER01', text: 'Et pour les maternités ?', ts: '1600000000.000401', thread_ts: root, channel: CHANNEL };
    await post(eventBody(followUp, 'Ev006'));
    const elsewhere = { ...followUp, ts: '1600000000.000501', thread_ts: '1600000000.000500', text: 'pas pour Jalon' };
    await post(eventBody(elsewhere, 'Ev007'));
    const dm = { type: 'message', channel_type: 'im', user: 'UASKER01', text: 'Qu’est-ce que le Ségur de la santé ?', ts: '1600000000.000600', channel: 'DJALON01' };
    await post(eventBody(dm, 'Ev008'));
    await fake.waitFor(() => fake.callsOf('chat.postMessage').filter((p) => p.body.thread_ts === root).length === 2);
    await fake.waitFor(() => fake.callsOf('chat.postMessage').some((p) => p.body.channel === 'DJALON01' && p.body.thread_ts === '1600000000.000600'));
    expect(fake.callsOf('chat.postMessage').some((p) => p.body.thread_ts === '1600000000.000500')).toBe(false);
  });

  it('reads a follow-up in a thread with the thread’s previous question', async () => {
    const root = '1600000000.000700';
    await post(eventBody(mention('Quand la maison médicale de garde est-elle prévue ?', root), 'EvFollow1'));
    await fake.waitFor(() => fake.thread(CHANNEL, root).some((m) => m.updates > 0));
    const followUp = { type: 'message', channel_type: 'channel', user: 'UASKER01', text: 'Et qui la pilote ?', ts: '1600000000.000701', thread_ts: root, channel: CHANNEL };
    await post(eventBody(followUp, 'EvFollow2'));
    await fake.waitFor(() => fake.thread(CHANNEL, root).filter((m) => m.updates > 0).length === 2);
    const [first, second] = fake.thread(CHANNEL, root).map((m) => JSON.stringify(m.blocks));
    expect(first).not.toContain('Compris');
    expect(second).toContain('Compris : Et qui la pilote ? (maison médicale garde');
    expect(second).toMatch(/Pilotes : /);
  });

  it('stores 👍 and "Signaler une erreur" feedback with the question, answer and cited passages', async () => {
    const update = fake.callsOf('chat.update').find((c) => json(c).includes('feedback_up'))!;
    const ref = (update.body.blocks as { type: string; elements?: { value: string }[] }[]).find((b) => b.type === 'actions')!.elements![0]!.value;
    const action = (actionId: string, trigger: string) =>
      interactionBody({
        type: 'block_actions',
        user: { id: 'URATER01' },
        channel: { id: CHANNEL },
        trigger_id: trigger,
        container: { type: 'message', channel_id: CHANNEL, message_ts: update.body.ts },
        message: { ts: update.body.ts },
        actions: [{ action_id: actionId, block_id: 'feedback', value: ref, type: 'button' }],
      });
    expect((await post(action('feedback_up', 't-up'))).status).toBe(200);
    await fake.waitFor(() => fake.callsOf('chat.postEphemeral').some((c) => c.body.user === 'URATER01'));
    expect((await post(action('feedback_report', 't-report'))).status).toBe(200);
    await fake.waitFor(() => fake.callsOf('views.open').some((c) => c.body.trigger_id === 't-report'));
    const view = fake.callsOf('views.open').find((c) => c.body.trigger_id === 't-report')!.body.view as { callback_id: string; private_metadata: string };
    expect(view.callback_id).toBe('feedback_report');
    const submit = (comment: string | null) =>
      interactionBody({
        type: 'view_submission',
        user: { id: 'URATER01' },
        view: { id: 'V1', callback_id: 'feedback_report', private_metadata: view.private_metadata, state: { values: { comment: { comment: { type: 'plain_text_input', value: comment } } } } },
      });
    const empty = await post(submit(null));
    expect(JSON.parse(empty.body)).toMatchObject({ response_action: 'errors' });
    expect((await post(submit('La date citée est celle du pilote, pas de la généralisation.'))).status).toBe(200);
    await fake.waitFor(() => readFeedback(jalon.db).length === 2);
    const [up, report] = readFeedback(jalon.db);
    expect(up).toMatchObject({ value: 'up', userId: 'URATER01', comment: null });
    expect(report!.value).toBe('report');
    expect(report!.comment).toContain('pilote');
    expect(report!.question.length).toBeGreaterThan(5);
    expect(report!.citations.length).toBeGreaterThan(0);
    expect(report!.citations[0]).toHaveProperty('quote');
  });

  it('publishes the App Home', async () => {
    await post(eventBody({ type: 'app_home_opened', user: ADMIN, channel: 'DHOME', tab: 'home' }, 'Ev009'));
    await fake.waitFor(() => fake.callsOf('views.publish').length > 0);
    expect(json(fake.callsOf('views.publish')[0]!)).toContain('administrateur');
  });
});

describe('/mesure', () => {
  it('an admin changes a status: ephemeral confirmation on the response_url, history with the Slack user ID', async () => {
    const reply = await command('statut MS-C3-P2 en cours réunion du 12/02', ADMIN, CHANNEL);
    expect(reply.body.response_type).toBe('ephemeral');
    expect(json(reply)).toContain('MS-C3-P2');
    const history = jalon.measures.history('MS-C3-P2').filter((c) => c.origin === 'slack');
    expect(history.at(-1)).toMatchObject({ who: ADMIN, newStatus: 'in_progress', comment: 'réunion du 12/02' });
  });

  it('an admin subscribes a channel; its members may then change that scope, with a notice in the channel', async () => {
    const sub = await command('abonner chantier:3', ADMIN, SUBSCRIBED);
    expect(sub.body.response_type).toBe('in_channel');
    const reply = await command('statut MS-C3-P3 bloqué attente arrêté', MEMBER, CHANNEL);
    expect(reply.body.response_type).toBe('ephemeral');
    expect(jalon.measures.get('MS-C3-P3').status).toBe('blocked');
    expect(fake.callsOf('conversations.members').some((c) => c.body.channel === SUBSCRIBED)).toBe(true);
    await fake.waitFor(() => fake.callsOf('chat.postMessage').some((c) => c.body.channel === SUBSCRIBED && json(c).includes('MS-C3-P3')));
    const notice = fake.callsOf('chat.postMessage').find((c) => c.body.channel === SUBSCRIBED)!;
    expect(json(notice)).toContain(`<@${MEMBER}>`);
  });

  it('an outsider is refused with who can', async () => {
    const before = jalon.measures.get('MS-C3-P1-S4').status;
    const reply = await command('statut MS-C3-P1-S4 fait', OUTSIDER, CHANNEL);
    expect(reply.body.response_type).toBe('ephemeral');
    expect(json(reply)).toContain('Vous ne pouvez pas modifier');
    expect(json(reply)).toContain(`<@${ADMIN}>`);
    expect(json(reply)).toContain(`<#${SUBSCRIBED}>`);
    expect(jalon.measures.get('MS-C3-P1-S4').status).toBe(before);
  });

  it('missing arguments open a modal; its submission runs the command', async () => {
    const open = await command('statut', ADMIN, CHANNEL);
    expect(open.method).toBe('views.open');
    const view = open.body.view as { callback_id: string; private_metadata: string };
    expect(view.callback_id).toBe('mesure_complete');
    const res = await post(
      interactionBody({
        type: 'view_submission',
        user: { id: ADMIN },
        view: {
          id: 'V2',
          callback_id: 'mesure_complete',
          private_metadata: view.private_metadata,
          state: {
            values: {
              ref: { ref: { type: 'plain_text_input', value: 'MS-C3-P1-S5' } },
              status: { status: { type: 'static_select', selected_option: { value: 'done' } } },
              comment: { comment: { type: 'plain_text_input', value: null } },
            },
          },
        },
      }),
    );
    expect(res.status).toBe(200);
    await fake.waitFor(() => fake.callsOf('chat.postEphemeral').some((c) => c.body.user === ADMIN && json(c).includes('MS-C3-P1-S5')));
    expect(jalon.measures.get('MS-C3-P1-S5').status).toBe('done');
  });

  it('the card\'s "Mettre à jour le statut" opens the status modal; its submission changes a milestone', async () => {
    const res = await post(
      interactionBody({
        type: 'block_actions',
        user: { id: ADMIN },
        channel: { id: CHANNEL },
        trigger_id: 't-update',
        container: { type: 'message', channel_id: CHANNEL, is_ephemeral: true },
        response_url: fake.responseUrl('upd'),
        actions: [{ action_id: 'measure_update', block_id: 'measure:MS-C3-P1-S8', value: 'MS-C3-P1-S8', type: 'button' }],
      }),
    );
    expect(res.status).toBe(200);
    await fake.waitFor(() => fake.callsOf('views.open').some((c) => c.body.trigger_id === 't-update'));
    const view = fake.callsOf('views.open').find((c) => c.body.trigger_id === 't-update')!.body.view as { callback_id: string; private_metadata: string };
    expect(view.callback_id).toBe('measure_status');
    const submission = (status: string | null) =>
      interactionBody({
        type: 'view_submission',
        user: { id: ADMIN },
        view: {
          id: 'V3',
          callback_id: 'measure_status',
          private_metadata: view.private_metadata,
          state: {
            values: {
              target: { target: { type: 'static_select', selected_option: { value: 'MS-C3-P1-S8-J2' } } },
              status: { status: { type: 'static_select', selected_option: status ? { value: status } : null } },
              comment: { comment: { type: 'plain_text_input', value: 'fait en comité' } },
            },
          },
        },
      });
    const invalid = await post(submission(null));
    expect(JSON.parse(invalid.body)).toMatchObject({ response_action: 'errors', errors: { status: expect.any(String) } });
    expect((await post(submission('done'))).status).toBe(200);
    await fake.waitFor(() => jalon.measures.history('MS-C3-P1-S8-J2').some((c) => c.origin === 'slack'));
    expect(jalon.measures.getMilestone('MS-C3-P1-S8-J2').milestone.status).toBe('done');
  });

  it('escapes echoed text: no <!channel> injection', async () => {
    const reply = await command('&lt;!channel&gt; &amp; zzzqqq', 'UASKER01', CHANNEL);
    const text = json(reply);
    expect(text).toContain('&lt;!channel&gt; &amp; zzzqqq');
    expect(text).not.toContain('<!channel>');
  });

  it('an ambiguous name offers choice buttons; a choice runs the command and replaces the list', async () => {
    const reply = await command('urgences', 'UASKER01', CHANNEL);
    const blocks = reply.body.blocks as { block_id?: string; accessory?: { action_id: string; value: string } }[];
    const choice = blocks.find((b) => b.accessory?.action_id === 'mesure_run')!;
    expect(choice.accessory!.value).toMatch(/^voir /);
    const res = await post(
      interactionBody({
        type: 'block_actions',
        user: { id: 'UASKER01' },
        channel: { id: CHANNEL },
        trigger_id: 't-choice',
        container: { type: 'message', channel_id: CHANNEL, is_ephemeral: true },
        response_url: fake.responseUrl('choice'),
        actions: [{ action_id: 'mesure_run', block_id: choice.block_id, value: choice.accessory!.value, type: 'button' }],
      }),
    );
    expect(res.status).toBe(200);
    await fake.waitFor(() => responses('choice').length > 0);
    expect(responses('choice')[0]!.body).toMatchObject({ replace_original: true, response_type: 'ephemeral' });
  });
});

describe('the status form ("Mettre à jour le statut")', () => {
  type View = { callback_id: string; private_metadata: string };
  const click = (user: string, id: string, trigger: string, response: string) =>
    post(
      interactionBody({
        type: 'block_actions',
        user: { id: user },
        channel: { id: CHANNEL },
        trigger_id: trigger,
        container: { type: 'message', channel_id: CHANNEL, is_ephemeral: true },
        response_url: fake.responseUrl(response),
        actions: [{ action_id: 'measure_update', block_id: `measure:${id}`, value: id, type: 'button' }],
      }),
    );
  const openedView = (trigger: string) => fake.callsOf('views.open').find((c) => c.body.trigger_id === trigger)?.body.view as View | undefined;
  const submit = (user: string, view: View, target: string, status: string) =>
    post(
      interactionBody({
        type: 'view_submission',
        user: { id: user },
        view: {
          id: 'V9',
          callback_id: 'measure_status',
          private_metadata: view.private_metadata,
          state: {
            values: {
              target: { target: { type: 'static_select', selected_option: { value: target } } },
              status: { status: { type: 'static_select', selected_option: { value: status } } },
              comment: { comment: { type: 'plain_text_input', value: null } },
            },
          },
        },
      }),
    );

  it('opens at once for anyone, without waiting for conversations.members (the trigger lasts 3 s)', async () => {
    // chantier:3 is subscribed (above): before, membership was asked before views.open.
    const release = fake.hold('conversations.members');
    try {
      expect((await click(MEMBER, 'MS-C3-P1-S2', 't-fast', 'fast')).status).toBe(200);
      await fake.waitFor(() => openedView('t-fast') !== undefined, 2000);
    } finally {
      release();
    }
    expect(openedView('t-fast')!.callback_id).toBe('measure_status');
  });

  it('checks who may change at submission: a refusal stays in the form, in French, and changes nothing', async () => {
    await click(OUTSIDER, 'MS-C3-P1-S2', 't-outsider', 'outsider');
    await fake.waitFor(() => openedView('t-outsider') !== undefined);
    const before = jalon.measures.get('MS-C3-P1-S2').status;
    const refused = await submit(OUTSIDER, openedView('t-outsider')!, 'MS-C3-P1-S2', 'cancelled');
    expect(JSON.parse(refused.body)).toMatchObject({ response_action: 'errors', errors: { target: expect.stringContaining('Vous ne pouvez pas modifier MS-C3-P1-S2') } });
    expect(jalon.measures.get('MS-C3-P1-S2').status).toBe(before);

    // A member of the subscribed channel may.
    await click(MEMBER, 'MS-C3-P1-S2', 't-member', 'member');
    await fake.waitFor(() => openedView('t-member') !== undefined);
    const ok = await submit(MEMBER, openedView('t-member')!, 'MS-C3-P1-S2', 'cancelled');
    expect(ok.body).toBe('');
    await fake.waitFor(() => jalon.measures.history('MS-C3-P1-S2').some((c) => c.who === MEMBER));
    expect(jalon.measures.get('MS-C3-P1-S2').status).toBe('cancelled');
  });

  it('when Slack refuses to open it, the reply says what to type instead', async () => {
    fake.options.failures = { 'views.open': { times: 1, error: 'expired_trigger_id' } };
    try {
      await click(ADMIN, 'MS-C3-P1-S2', 't-expired', 'expired');
      await fake.waitFor(() => responses('expired').length > 0);
    } finally {
      delete fake.options.failures;
    }
    const reply = responses('expired')[0]!;
    expect(reply.body.response_type).toBe('ephemeral');
    expect(json(reply)).toContain('n’a pas pu s’ouvrir');
    expect(json(reply)).toContain('/mesure statut MS-C3-P1-S2 &lt;statut&gt;');
  });

  it('a completed /mesure form runs with its fields: a name of several words stays a name', async () => {
    const open = await command('statut', ADMIN, CHANNEL);
    const view = open.body.view as View;
    const res = await post(
      interactionBody({
        type: 'view_submission',
        user: { id: ADMIN },
        view: {
          id: 'V10',
          callback_id: 'mesure_complete',
          private_metadata: view.private_metadata,
          state: {
            values: {
              ref: { ref: { type: 'plain_text_input', value: 'assistants médicaux' } },
              status: { status: { type: 'static_select', selected_option: { value: 'in_progress' } } },
              comment: { comment: { type: 'plain_text_input', value: 'comité du 3' } },
            },
          },
        },
      }),
    );
    expect(res.body).toBe('');
    await fake.waitFor(() => jalon.measures.history('MS-C1-P3').some((c) => c.comment === 'comité du 3'));
    expect(jalon.measures.get('MS-C1-P3')).toMatchObject({ status: 'in_progress', statusSetBy: ADMIN });
  });
});

describe('rate limits', () => {
  it('a 429 is retried by the WebClient after Retry-After', async () => {
    fake.options.rateLimit = { 'chat.postMessage': { times: 1, retryAfter: 0 } };
    await post(eventBody(mention('Qu’est-ce que le Ségur ?', '1600000000.000900'), 'Ev429'));
    await fake.waitFor(() => fake.callsOf('chat.postMessage').filter((c) => c.body.thread_ts === '1600000000.000900').length === 2, 8000);
    await fake.waitFor(() => fake.callsOf('chat.update').some((c) => json(c).includes('feedback_up')));
    delete fake.options.rateLimit;
  });
});
