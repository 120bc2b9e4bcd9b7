import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { createSlackClient } from '../../src/slack/create-slack-client.js';
import { startFakeSlackDigestApi, type FakeSlackDigestApi } from '../fakes/fake-slack-digest-api.js';

let slack: FakeSlackDigestApi;
beforeEach(async () => {
  slack = await startFakeSlackDigestApi();
});
afterEach(async () => {
  await slack.close();
});

const attempts = (channel: string) => slack.calls.filter((c) => c.method === 'chat.postMessage' && c.body.channel === channel).length;
const failureOf = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error as Record<string, unknown>);

describe("createSlackClient({ retries: 'none' }) — the digest client", () => {
  const client = () => createSlackClient('xoxb-test', { apiUrl: slack.apiUrl, logger: silentLogger, retries: 'none' });

  it('hands a 5xx back after one try (the default would retry it for about 30 minutes)', async () => {
    slack.script('C1', { status: 500 });
    const error = await failureOf(client().chat.postMessage({ channel: 'C1', text: 'x' }));
    expect(error).toMatchObject({ code: 'slack_webapi_http_error', statusCode: 500 });
    expect(attempts('C1')).toBe(1);
  });

  it('hands a 429 back with its Retry-After instead of waiting inside the client', async () => {
    slack.script('C1', { status: 429, retryAfter: 30 });
    const started = performance.now();
    const error = await failureOf(client().chat.postMessage({ channel: 'C1', text: 'x' }));
    expect(error).toMatchObject({ code: 'slack_webapi_rate_limited_error', retryAfter: 30 });
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(attempts('C1')).toBe(1);
  });
});

describe('createSlackClient() — interactive replies', () => {
  it('waits out a 429 Retry-After itself and retries', async () => {
    slack.script('C1', { status: 429, retryAfter: 0 });
    const client = createSlackClient('xoxb-test', { apiUrl: slack.apiUrl, logger: silentLogger });
    expect(await client.chat.postMessage({ channel: 'C1', text: 'x' })).toMatchObject({ ok: true });
    expect(attempts('C1')).toBe(2);
  });
});
