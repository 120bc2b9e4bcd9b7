import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/commands/reply.js';
import { createLogger } from '../../src/log.js';
import type { Jalon } from '../../src/open-jalon.js';
import { answerInThread } from '../../src/slack/answer-in-thread.js';
import { createSlackClient, type SlackClient } from '../../src/slack/create-slack-client.js';
import { deliverReply } from '../../src/slack/deliver-reply.js';
import { questionText } from '../../src/slack/question-text.js';
import { startFakeSlackApi, type FakeSlackApi } from '../fakes/fake-slack-api.js';
import type { SlackDeps } from '../../src/slack/slack-deps.js';
import { openTestJalon, testSlackDeps } from '../fakes/test-jalon.js';

let jalon: Jalon;
let fake: FakeSlackApi;
let client: SlackClient;
let deps: SlackDeps;
let logs: { level: string; msg: string }[] = [];
let seq = 0;
const ts = () => `1710000000.${String(++seq).padStart(6, '0')}`;

beforeAll(async () => {
  jalon = openTestJalon();
  fake = await startFakeSlackApi();
  const logger = createLogger('info', (line) => logs.push(JSON.parse(line) as { level: string; msg: string }));
  client = createSlackClient('xoxb-test', { apiUrl: fake.apiUrl, logger });
  deps = testSlackDeps(jalon, { logger });
});
beforeEach(() => {
  logs = [];
});
afterAll(async () => {
  await fake.close();
  jalon.close();
});

describe('answerInThread', () => {
  it('a failing answerer ends in a short French apology, in place of the placeholder', async () => {
    const failing = { ...deps, answerDeps: { ...deps.answerDeps, llm: async () => Promise.reject(new Error('model down')) } };
    const t = ts();
    await answerInThread(failing, client, { channel: 'C1', userId: 'U1', text: 'Qu’est-ce que le SAS ?', ts: t, threadTs: t });
    const update = fake.callsOf('chat.update').at(-1)!;
    expect(String(update.body.text)).toMatch(/^Désolé, je n'ai pas pu répondre/);
    expect(JSON.stringify(update.body)).not.toContain('model down');
    expect(logs.some((l) => l.level === 'error' && l.msg === 'question failed')).toBe(true);
  });

  it('a placeholder Slack refused: the apology is still attempted in the thread', async () => {
    fake.options.failures = { 'chat.postMessage': { times: 1, error: 'fatal_error' } };
    const t = ts();
    await answerInThread(deps, client, { channel: 'C2', userId: 'U1', text: 'Qu’est-ce que le SAS ?', ts: t, threadTs: t });
    const posts = fake.callsOf('chat.postMessage').filter((c) => c.body.thread_ts === t);
    expect(posts).toHaveLength(2);
    expect(String(posts[1]!.body.text)).toMatch(/^Désolé/);
    delete fake.options.failures;
  });

  it('one message is answered once, however many times it arrives', async () => {
    const t = ts();
    const q = { channel: 'C3', userId: 'U1', text: 'Qu’est-ce que le SAS ?', ts: t, threadTs: t };
    await Promise.all([answerInThread(deps, client, q), answerInThread(deps, client, q)]);
    expect(fake.callsOf('chat.postMessage').filter((c) => c.body.thread_ts === t)).toHaveLength(1);
  });

  it('a mention with no question gets the how-to', async () => {
    const t = ts();
    await answerInThread(deps, client, { channel: 'C4', userId: 'U1', text: questionText('<@UJALONBOT>', 'UJALONBOT'), ts: t, threadTs: t });
    expect(JSON.stringify(fake.callsOf('chat.update').at(-1)!.body)).toContain('/mesure aide');
  });
});

describe('questionText', () => {
  const _ = (input: string, output: string) => () => expect(questionText(input, 'UBOT')).toBe(output);
  it('bot mention removed', _('<@UBOT> Quand ?', 'Quand ?'));
  it('other mentions dropped', _('<@UBOT> et <@U2|bob> ?', 'et ?'));
  it('channel named', _('voir <#C1|pilotage>', 'voir #pilotage'));
  it('links kept readable', _('<https://x.fr|site> <https://y.fr>', 'site https://y.fr'));
  it('entities undone', _('a &amp; b &lt; c', 'a & b < c'));
  it('special mentions dropped', _('<!channel> hello', 'hello'));
});

describe('deliverReply', () => {
  const reply = (over: Partial<Reply> = {}): Reply => ({ text: 'ok', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'ok' } }], ephemeral: true, ...over });

  it('ephemeral without response_url → chat.postEphemeral; in channel → chat.postMessage', async () => {
    await deliverReply(reply(), { client, channel: 'C5', userId: 'U5', logger: deps.logger });
    await deliverReply(reply({ ephemeral: false }), { client, channel: 'C5', userId: 'U5', logger: deps.logger });
    expect(fake.callsOf('chat.postEphemeral').at(-1)!.body).toMatchObject({ channel: 'C5', user: 'U5' });
    expect(fake.callsOf('chat.postMessage').at(-1)!.body).toMatchObject({ channel: 'C5', text: 'ok' });
  });

  it('a modal opens with the trigger; if it cannot, the message is shown instead', async () => {
    const modal = { type: 'modal' as const, callback_id: 'x', title: { type: 'plain_text' as const, text: 'T' }, blocks: [] };
    await deliverReply(reply({ modal }), { client, channel: 'C6', userId: 'U6', triggerId: 'trig-ok', logger: deps.logger });
    expect(fake.callsOf('views.open').at(-1)!.body.trigger_id).toBe('trig-ok');
    expect(fake.callsOf('chat.postEphemeral').some((c) => c.body.channel === 'C6')).toBe(false);
    fake.options.failures = { 'views.open': { times: 1, error: 'expired_trigger_id' } };
    await deliverReply(reply({ modal }), { client, channel: 'C6', userId: 'U6', triggerId: 'trig-old', logger: deps.logger });
    expect(fake.callsOf('chat.postEphemeral').some((c) => c.body.channel === 'C6')).toBe(true);
    delete fake.options.failures;
  });

  it('a notice Slack refuses is logged, not fatal; the others are posted, in their thread', async () => {
    fake.options.failures = { 'chat.postMessage': { times: 1, error: 'not_in_channel' } };
    const notice = (channel: string, threadTs: string | null) => ({ channel, threadTs, text: 'n', blocks: [] });
    await deliverReply(reply({ notices: [notice('CPRIVATE', null), notice('CPUBLIC', '1.5')] }), { client, channel: 'C7', userId: 'U7', logger: deps.logger });
    expect(fake.callsOf('chat.postMessage').at(-1)!.body).toMatchObject({ channel: 'CPUBLIC', thread_ts: '1.5' });
    expect(logs.some((l) => l.level === 'warn' && l.msg === 'change notice not posted')).toBe(true);
    delete fake.options.failures;
  });
});
