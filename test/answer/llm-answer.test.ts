import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLlmAnswerer, type LlmAnswerer } from '../../src/answer/llm-answer.js';
import type { Answer, Citation } from '../../src/domain/types.js';
import { createLogger } from '../../src/log.js';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/fake-openai.js';

const candidates: Citation[] = [1, 2, 3].map((n) => ({
  source: 'a.txt',
  lines: [n * 10, n * 10 + 1],
  title: 'Doc',
  section: `Section ${n}`,
  quote: `Extrait numéro ${n}.`,
  quoted: true,
}));
const fallback: Answer = {
  answered: true,
  kind: 'answer',
  confidence: 0.8,
  text: 'D’après les documents :\n« Extrait numéro 1. » [1]',
  citations: [candidates[0]!],
  suggestions: [],
  mode: 'extractive',
};
const json = (v: unknown) => JSON.stringify(v);

describe('createLlmAnswerer against a local OpenAI-compatible server', () => {
  let fake: FakeOpenAI;
  let llm: LlmAnswerer;
  const logs: string[] = [];
  beforeAll(async () => {
    fake = await startFakeOpenAI();
    llm = createLlmAnswerer({ apiKey: 'test-key', baseUrl: fake.baseUrl, model: 'fake-model', timeoutMs: 300 }, createLogger('warn', (l) => logs.push(l)));
  });
  afterAll(() => fake.close());

  it('sends the question and numbered excerpts, and keeps only the citations used, renumbered', async () => {
    fake.reply({ content: json({ answered: true, answer: 'Réponse tirée de [3] et de [1], encore [3].', citations: [3, 1] }) });
    const answer = await llm('Quelle est la réponse ?', candidates, fallback);
    expect(answer).toMatchObject({ answered: true, mode: 'llm', text: 'Réponse tirée de [1] et de [2], encore [1].' });
    expect(answer.citations.map((c) => c.section)).toEqual(['Section 3', 'Section 1']);
    const request = fake.requests.at(-1)!;
    expect(request.path).toBe('/v1/chat/completions');
    expect(JSON.stringify(request.body)).toContain('[2] Doc › Section 2');
    expect((request.body as { model: string }).model).toBe('fake-model');
  });

  it('drops a citation number that points at no excerpt', async () => {
    fake.reply({ content: json({ answered: true, answer: 'Selon [9] et [2].', citations: [9, 2] }) });
    const answer = await llm('q', candidates, fallback);
    expect(answer.text).toBe('Selon et [1].');
    expect(answer.citations).toEqual([candidates[1]]);
  });

  it.each([
    ['prose instead of JSON', { content: 'Voici la réponse sans JSON.' }],
    ['JSON of the wrong shape', { content: json({ reply: 'x' }) }],
    ['an answer citing only unknown excerpts', { content: json({ answered: true, answer: 'Selon [9].', citations: [9] }) }],
    ['an answer citing nothing', { content: json({ answered: true, answer: 'Sans source.', citations: [] }) }],
    ['HTTP 500', { status: 500, raw: json({ error: { message: 'boom' } }) }],
    ['HTTP 429', { status: 429, raw: json({ error: { message: 'slow down' } }), headers: { 'retry-after': '30' } }],
    ['a timeout', { content: json({ answered: true, answer: '[1]', citations: [1] }), delayMs: 1_000 }],
  ])('falls back to the extractive answer on %s, and logs it', async (_, reply) => {
    const before = logs.length;
    fake.reply(reply);
    expect(await llm('q', candidates, fallback)).toBe(fallback);
    expect(logs.length).toBe(before + 1);
    expect(logs.at(-1)).not.toContain('test-key');
  });

  it('declines when the model says the excerpts do not answer', async () => {
    fake.reply({ content: json({ answered: false, answer: 'Pas dans les extraits.', citations: [] }) });
    const answer = await llm('q', candidates, fallback);
    expect(answer.answered).toBe(false);
    expect(answer.citations).toEqual([]);
  });

  it('does not call the model when there is nothing to cite', async () => {
    const before = fake.requests.length;
    expect(await llm('q', [], fallback)).toBe(fallback);
    expect(fake.requests.length).toBe(before);
  });
});
