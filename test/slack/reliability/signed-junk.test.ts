import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Jalon } from '../../../src/open-jalon.js';
import type { SlackApp } from '../../../src/slack/app.js';
import { startFakeSlackApi, type FakeSlackApi } from '../../fakes/fake-slack-api.js';
import { eventBody, signSlackRequest } from '../../fakes/sign-slack-request.js';
import { junkBodies, type Junk } from '../../fakes/signed-junk.js';
import { openTestJalon, startHttpApp } from '../../fakes/test-jalon.js';

const SECRET = 'junk-secret';
const JSON_TYPE = 'application/json';

let jalon: Jalon;
let fake: FakeSlackApi;
let slack: SlackApp;
let url: string;
const rejections: unknown[] = [];
const onRejection = (reason: unknown) => rejections.push(reason);

beforeAll(async () => {
  process.on('unhandledRejection', onRejection);
  jalon = openTestJalon();
  fake = await startFakeSlackApi();
  ({ slack, url } = await startHttpApp(jalon, fake.apiUrl, SECRET));
});

afterAll(async () => {
  process.off('unhandledRejection', onRejection);
  await slack.stop();
  await fake.close();
  jalon.close();
});

async function postJunk(junk: Junk): Promise<number> {
  const raw = typeof junk.body === 'string' ? junk.body : junk.body.toString('latin1');
  const headers: Record<string, string> = { ...signSlackRequest(SECRET, typeof junk.body === 'string' ? junk.body : raw) };
  if (junk.contentType) headers['content-type'] = junk.contentType;
  const res = await fetch(url, { method: 'POST', headers, body: junk.body, signal: AbortSignal.timeout(10_000) });
  await res.arrayBuffer();
  return res.status;
}

describe('signed junk', () => {
  it('500+ signed bodies that are not Slack payloads: each gets a status, none crashes the process', async () => {
    const bodies = junkBodies(520, 12);
    expect(bodies.length).toBeGreaterThanOrEqual(500);
    const statuses: number[] = [];
    for (let i = 0; i < bodies.length; i += 20) {
      statuses.push(...(await Promise.all(bodies.slice(i, i + 20).map(postJunk))));
    }
    expect(statuses).toHaveLength(bodies.length);
    // 404 would be a request no one acknowledged (Slack would show a timeout); 5xx an error.
    expect(statuses.filter((s) => ![200, 400, 401, 413].includes(s))).toEqual([]);
    expect(statuses.filter((s) => s === 400).length).toBeGreaterThan(20);
    expect(statuses).toContain(413);
    await new Promise((r) => setTimeout(r, 100));
    expect(rejections).toEqual([]);
    // Still answering.
    const event = { type: 'app_mention', user: 'UASKER01', text: '<@UJALONBOT> Qu’est-ce que le SAS ?', ts: '1690000000.000100', channel: 'CAFTER01' };
    const { body } = eventBody(event, 'EvAfterJunk');
    expect(await postJunk({ body, contentType: JSON_TYPE })).toBe(200);
    await fake.waitFor(() => fake.thread('CAFTER01', '1690000000.000100').some((m) => m.updates > 0));
  });

  it.each([
    ['+10 min', 600],
    ['+1 day', 86_400],
    ['-10 min', -600],
  ])('refuses a timestamp %s away with 401 and does nothing', async (_label, offset) => {
    const event = { type: 'app_mention', user: 'UASKER01', text: '<@UJALONBOT> SAS ?', ts: `1690000001.00${offset > 0 ? 1 : 2}${String(Math.abs(offset)).slice(0, 3)}`, channel: 'CTIME01' };
    const { body } = eventBody(event, `EvTime${offset}`);
    const headers = { 'content-type': JSON_TYPE, ...signSlackRequest(SECRET, body, Math.floor(Date.now() / 1000) + offset) };
    const res = await fetch(url, { method: 'POST', headers, body });
    expect(res.status).toBe(401);
  });

  it('accepts a timestamp within the window ahead (clocks drift a little)', async () => {
    const event = { type: 'app_mention', user: 'UASKER01', text: '<@UJALONBOT> SAS ?', ts: '1690000002.000100', channel: 'CTIME02' };
    const { body } = eventBody(event, 'EvTimeOk');
    const headers = { 'content-type': JSON_TYPE, ...signSlackRequest(SECRET, body, Math.floor(Date.now() / 1000) + 240) };
    expect((await fetch(url, { method: 'POST', headers, body })).status).toBe(200);
    await fake.waitFor(() => fake.thread('CTIME02', '1690000002.000100').length > 0);
    await new Promise((r) => setTimeout(r, 50));
    expect(fake.calls.some((c) => c.body.channel === 'CTIME01')).toBe(false);
  });
});
