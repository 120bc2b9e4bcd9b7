import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readQuestion } from '../../../src/db/inbox-store.js';
import { createLogger } from '../../../src/log.js';
import type { Jalon } from '../../../src/open-jalon.js';
import { answerInThread, resumeQuestions } from '../../../src/slack/answer-in-thread.js';
import type { SlackApp } from '../../../src/slack/app.js';
import { createSlackClient } from '../../../src/slack/create-slack-client.js';
import { deliverReply } from '../../../src/slack/deliver-reply.js';
import { startFakeSlackApi, type FakeSlackApi } from '../../fakes/fake-slack-api.js';
import { commandBody, eventBody, postSigned } from '../../fakes/sign-slack-request.js';
import { openTestJalon, startHttpApp, testSlackDeps, TEST_NOW } from '../../fakes/test-jalon.js';

const SECRET = 'faults-secret';
const SUBSCRIBED = 'CFAULTS3';
const MEMBER = 'UMEMBER09';

let jalon: Jalon;
let fake: FakeSlackApi;
let slack: SlackApp;
let url: string;
const logs: { level: string; msg: string }[] = [];
const logger = createLogger('info', (line) => logs.push(JSON.parse(line) as { level: string; msg: string }));
const releases: (() => void)[] = [];
let seq = 0;
const nextTs = () => `1680000000.${String(++seq).padStart(6, '0')}`;

beforeAll(async () => {
  jalon = openTestJalon();
  fake = await startFakeSlackApi({ members: { [SUBSCRIBED]: [MEMBER] } });
  // Short Web API timeouts: the same rules as in production (10 s), at test speed.
  ({ slack, url } = await startHttpApp(jalon, fake.apiUrl, SECRET, { logger }, { slackPolicy: { timeoutMs: 600 } }));
  const admin = await postSigned(url, SECRET, commandBody({ text: 'abonner chantier:3', user_id: 'UADMIN01', channel_id: SUBSCRIBED, response_url: fake.responseUrl('sub') }));
  expect(admin.status).toBe(200);
  await fake.waitFor(() => fake.calls.some((c) => c.method === '/response/sub'));
});

afterAll(async () => {
  for (const release of releases) release();
  await slack.stop();
  await fake.close();
  jalon.close();
});

describe('Web API faults', () => {
  it('100 hung chat.postMessage do not hold a views.open (its trigger lives 3 s)', async () => {
    const client = createSlackClient('xoxb-test', { apiUrl: fake.apiUrl, logger });
    releases.push(fake.hold('chat.postMessage', (b) => b.channel === 'CHUNG01'));
    const hung = Array.from({ length: 100 }, (_, i) => client.chat.postMessage({ channel: 'CHUNG01', text: `n°${i}` }).catch(() => 'failed'));
    await fake.waitFor(() => fake.callsOf('chat.postMessage').filter((c) => c.body.channel === 'CHUNG01').length === 100);
    const started = performance.now();
    await client.views.open({ trigger_id: 'trig-hung', view: { type: 'modal', title: { type: 'plain_text', text: 'T' }, blocks: [] } });
    expect(performance.now() - started).toBeLessThan(1_000);
    void Promise.all(hung);
  });

  it('views.open rate limited with Retry-After 5: not waited for, the reply says what to type instead', async () => {
    fake.options.rateLimit = { 'views.open': { times: 1, retryAfter: 5 } };
    const client = createSlackClient('xoxb-test', { apiUrl: fake.apiUrl, logger });
    const modal = { type: 'modal' as const, callback_id: 'x', title: { type: 'plain_text' as const, text: 'T' }, blocks: [] };
    const started = performance.now();
    await deliverReply({ text: 'ok', blocks: [], ephemeral: true, modal }, { client, channel: 'CRATE01', userId: 'U1', triggerId: 'trig-429', logger });
    expect(performance.now() - started).toBeLessThan(2_500);
    expect(fake.callsOf('chat.postEphemeral').some((c) => c.body.channel === 'CRATE01' && JSON.stringify(c.body).includes('n’a pas pu s’ouvrir'))).toBe(true);
    delete fake.options.rateLimit;
  });

  it('a Retry-After of 1 s is honoured: the answer is delivered', async () => {
    fake.options.rateLimit = { 'chat.update': { times: 1, retryAfter: 1 } };
    const t = nextTs();
    await postSigned(url, SECRET, eventBody({ type: 'app_mention', user: 'U1', text: '<@UJALONBOT> Qu’est-ce que le SAS ?', ts: t, channel: 'CRATE02' }, 'EvRate1'));
    await fake.waitFor(() => fake.thread('CRATE02', t).some((m) => m.updates > 0), 5_000);
    expect(fake.callsOf('chat.update').filter((c) => c.body.channel === 'CRATE02')).toHaveLength(2);
    delete fake.options.rateLimit;
  });

  it('a Retry-After of 30 s is not waited for: the question is retried later, and then answered', async () => {
    const deps = testSlackDeps(jalon, { logger });
    const client = createSlackClient('xoxb-test', { apiUrl: fake.apiUrl, logger });
    fake.options.rateLimit = { 'chat.update': { times: 1, retryAfter: 30 } };
    const t = nextTs();
    const started = performance.now();
    await answerInThread(deps, client, { channel: 'CRATE03', userId: 'U1', text: 'Qui pilote le SAS ?', ts: t, threadTs: t });
    expect(performance.now() - started).toBeLessThan(3_000);
    const job = readQuestion(deps.inbox, 'CRATE03', t)!;
    expect(job).toMatchObject({ state: 'ready', placeholderTs: expect.any(String) });
    expect(Date.parse(job.nextTryAt!)).toBeGreaterThan(TEST_NOW.getTime());
    expect(logs.some((l) => l.msg === 'question will be retried')).toBe(true);
    // Later (the clock moved on), the sweep delivers it in place of the placeholder, once.
    const later = { ...deps, now: () => new Date(TEST_NOW.getTime() + 3600_000) };
    expect(await resumeQuestions(later, client)).toBe(1);
    const [placeholder, ...others] = fake.thread('CRATE03', t);
    expect(others).toEqual([]);
    expect(placeholder!.text).not.toBe('Je cherche…');
    expect(readQuestion(deps.inbox, 'CRATE03', t)!.state).toBe('answered');
  });

  it('a slow channel does not hold the others', async () => {
    releases.push(fake.hold('chat.postMessage', (b) => b.channel === 'CSLOW01'));
    const slow = nextTs();
    const fast = nextTs();
    await postSigned(url, SECRET, eventBody({ type: 'app_mention', user: 'U1', text: '<@UJALONBOT> Qu’est-ce que le SAS ?', ts: slow, channel: 'CSLOW01' }, 'EvSlow'));
    await postSigned(url, SECRET, eventBody({ type: 'app_mention', user: 'U1', text: '<@UJALONBOT> Qu’est-ce que le Ségur ?', ts: fast, channel: 'CFAST01' }, 'EvFast'));
    await fake.waitFor(() => fake.thread('CFAST01', fast).some((m) => m.updates > 0), 3_000);
    expect(fake.thread('CSLOW01', slow)).toEqual([]);
  });

  it('a hung conversations.members still gets the member an answer (a refusal is safer than a wrong grant)', async () => {
    releases.push(fake.hold('conversations.members'));
    const started = performance.now();
    const res = await postSigned(url, SECRET, commandBody({ text: 'statut MS-C3-P1 en cours', user_id: MEMBER, channel_id: SUBSCRIBED, response_url: fake.responseUrl('hung-members') }));
    expect(res.status).toBe(200);
    await fake.waitFor(() => fake.calls.some((c) => c.method === '/response/hung-members'), 5_000);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(JSON.stringify(fake.calls.find((c) => c.method === '/response/hung-members')!.body)).toContain('Vous ne pouvez pas modifier');
  });
});
