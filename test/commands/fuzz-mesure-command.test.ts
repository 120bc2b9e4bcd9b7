import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import type { Jalon } from '../../src/open-jalon.js';
import type { SlackApp } from '../../src/slack/app.js';
import { startFakeSlackApi, type FakeSlackApi, type RecordedCall } from '../fakes/fake-slack-api.js';
import { commandBody, postSigned } from '../fakes/sign-slack-request.js';
import { openTestJalon, startHttpApp } from '../fakes/test-jalon.js';

/** Deterministic PRNG (mulberry32): the same 200 texts on every run. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VERBS = ['', 'aide', 'help', 'voir', 'show', 'statut', 'status', 'jalon', 'milestone', 'retards', 'late', 'prochains', 'upcoming', 'historique', 'history', 'abonner', 'subscribe', 'désabonner', 'unsubscribe', 'abonnements', 'digest', 'résumé', 'VOIR', 'Statut', 'statuts', 'xyz'];
const IDS = ['MS-C3-P2', 'ms-c3-p2', 'MS-C3-P1-S8-J2', 'SEGUR-M25', 'SEGUR-M25-J6', 'STSS-M6', 'CFE-P16', 'C3-P4', 'M25', 'MS-C99-P1', 'J2', 'SAS', 'MMG', 'P4', '-', '--', 'Ω', '123'];
const WORDS = ['fait', 'en cours', 'en retard', 'bloqué', 'abandonné', 'prévu', 'done', 'late', 'in progress', 'peut-être', 'chantier:3', 'chantier 3', 'pilier:2', 'programme:segur', 'programme:MS', 'programme:??', 'chantier:0', 'pilier:-1', '30', '0', '365', '366', '15j', '7 jours', 'urgences', 'assistants médicaux', '"commentaire"', '« ok »', '<!channel>', '<@U123>', '<#C1|x>', '&amp;', '&lt;b&gt;', '*gras*', '`code`', '🚑', '\u0000', '\u202e', 'é'.repeat(40), 'a'.repeat(120)];

function fuzzText(next: () => number): string {
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const roll = next();
  if (roll < 0.03) return 'x'.repeat(400 + Math.floor(next() * 400));
  if (roll < 0.06) return Array.from({ length: 30 }, () => String.fromCharCode(32 + Math.floor(next() * 400))).join('');
  const parts = [pick(VERBS)];
  const n = Math.floor(next() * 4);
  for (let i = 0; i < n; i++) parts.push(next() < 0.4 ? pick(IDS) : pick(WORDS));
  return parts.join(next() < 0.1 ? '   ' : ' ');
}

const SECRET = 'fuzz-secret';
let jalon: Jalon;
let fake: FakeSlackApi;
let slack: SlackApp;
let url: string;
const errors: string[] = [];

beforeAll(async () => {
  jalon = openTestJalon();
  fake = await startFakeSlackApi({ members: {} });
  const logger = createLogger('error', (line) => errors.push(line));
  ({ slack, url } = await startHttpApp(jalon, fake.apiUrl, SECRET, { logger }));
});

afterAll(async () => {
  await slack.stop();
  await fake.close();
  jalon.close();
});

describe('200 fuzzed /mesure texts', () => {
  it('never crash; each gets one helpful ephemeral reply (or its form) within Block Kit limits, escaped', async () => {
    const next = rng(20_210_301);
    const texts = Array.from({ length: 200 }, () => fuzzText(next));
    const replyOf = (i: number): RecordedCall | undefined =>
      fake.calls.find((c) => c.method === `/response/f${i}`) ?? fake.calls.find((c) => c.method === 'views.open' && c.body.trigger_id === `tf${i}`);
    for (let batch = 0; batch < 200; batch += 20) {
      const statuses = await Promise.all(
        texts.slice(batch, batch + 20).map((text, j) => {
          const i = batch + j;
          const body = commandBody({ text, user_id: 'UFUZZER1', channel_id: 'CFUZZ001', response_url: fake.responseUrl(`f${i}`), trigger_id: `tf${i}` });
          return postSigned(url, SECRET, body).then((r) => r.status);
        }),
      );
      expect(statuses.every((s) => s === 200)).toBe(true);
    }
    await fake.waitFor(() => texts.every((_, i) => replyOf(i) !== undefined), 15_000);
    texts.forEach((text, i) => {
      const reply = replyOf(i)!;
      const context = `text #${i}: ${JSON.stringify(text)}`;
      if (reply.method === 'views.open') return;
      expect(reply.body.response_type, context).toBe('ephemeral');
      expect(String(reply.body.text ?? '').length, context).toBeGreaterThan(0);
      expect(reply.body.text, context).not.toMatch(/erreur inattendue/);
      const blocks = reply.body.blocks as { type: string; text?: { text: string } }[];
      expect(blocks.length, context).toBeGreaterThan(0);
      expect(blocks.length, context).toBeLessThanOrEqual(50);
      for (const b of blocks) if (b.text) expect(b.text.text.length, context).toBeLessThanOrEqual(3000);
      expect(JSON.stringify(blocks), context).not.toMatch(/<!channel>|<@U123>/);
      // The only raw "<" Jalon writes in mrkdwn opens its own mentions and channel links.
      for (const b of blocks) if (b.text) expect(b.text.text, context).not.toMatch(/<(?![@#][UWC][A-Z0-9]+>)/);
      expect(fake.calls.filter((c) => c.method === `/response/f${i}`), context).toHaveLength(1);
    });
    expect(errors).toEqual([]);
  });
});
