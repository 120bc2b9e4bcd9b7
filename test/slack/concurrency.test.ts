import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Jalon } from '../../src/open-jalon.js';
import type { SlackApp } from '../../src/slack/app.js';
import { startFakeSlackApi, type FakeSlackApi } from '../fakes/fake-slack-api.js';
import { eventBody, postSigned } from '../fakes/sign-slack-request.js';
import { openTestJalon, startHttpApp } from '../fakes/test-jalon.js';

const SECRET = 'concurrency-secret';
const QUESTIONS = [
  'Quand le service d’accès aux soins est-il généralisé ?',
  'Qui pilote les assistants médicaux ?',
  'Que prévoit le Ségur pour l’investissement ?',
  'Quel est le calendrier des CPTS ?',
  'Qu’est-ce que le pacte de refondation des urgences ?',
];

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

describe('50 concurrent mentions', () => {
  it('answers each exactly once, even with every event delivered twice at the same time', async () => {
    const ts = (i: number) => `1650000000.${String(i).padStart(6, '0')}`;
    const requests = Array.from({ length: 50 }, (_, i) => {
      const event = { type: 'app_mention', user: `UASK${i}`, text: `<@UJALONBOT> ${QUESTIONS[i % QUESTIONS.length]}`, ts: ts(i), channel: 'CBUSY001' };
      const body = eventBody(event, `EvC${i}`);
      return [postSigned(url, SECRET, body), postSigned(url, SECRET, body, { headers: { 'x-slack-retry-num': '1' } })];
    }).flat();
    const statuses = (await Promise.all(requests)).map((r) => r.status);
    expect(statuses.every((s) => s === 200)).toBe(true);
    await fake.waitFor(() => fake.callsOf('chat.update').length >= 50, 15_000);
    const placeholders = fake.callsOf('chat.postMessage');
    for (let i = 0; i < 50; i++) expect(placeholders.filter((c) => c.body.thread_ts === ts(i))).toHaveLength(1);
    const updated = new Set(fake.callsOf('chat.update').map((c) => c.body.ts));
    expect(updated.size).toBe(50);
    await new Promise((r) => setTimeout(r, 50));
    expect(fake.callsOf('chat.update')).toHaveLength(50);
    expect(placeholders).toHaveLength(50);
  });
});
