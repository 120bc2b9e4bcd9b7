import { afterAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answer-question.js';
import { askBatch, type AskResult } from '../../src/answer/ask-batch.js';
import { quoteOccursIn } from '../../src/answer/verify-quote.js';
import { openTestJalon } from '../fakes/test-jalon.js';

const jalon = openTestJalon();
afterAll(() => jalon.close());
const ask = (q: string) => answerQuestion(jalon.answerDeps, q);

describe('answerQuestion (offline, extractive)', () => {
  it('quotes sentences that occur word for word in the cited lines, numbered in order', () => {
    for (const q of ['Quand la loi OTSS a-t-elle été publiée ?', 'Qui pilote le projet des maisons médicales de garde ?', 'Que prévoit le Ségur pour l’investissement ?']) {
      const answer = ask(q);
      expect(answer.answered, q).toBe(true);
      answer.citations.forEach((c, i) => {
        expect(quoteOccursIn(c.quote, jalon.passages.lines.get(c.source)!, c.lines), `${q} [${i + 1}]`).toBe(true);
        expect(answer.text).toContain(`[${i + 1}]`);
      });
      expect(answer.text).not.toContain(`[${answer.citations.length + 1}]`);
    }
  });

  it('answers "qui pilote" from the measure database with a one-line direct answer', () => {
    const answer = ask('Qui pilote la maison médicale de garde ?');
    expect(answer.text).toMatch(/Pilotes : .+ \[1\]/);
    expect(answer.citations[0]!.source).toBe('003_19914e041d70e400.txt');
  });

  it('finds a record by its number in the document and answers the field the question names', () => {
    const answer = ask('Quels sont les enjeux financiers de la mesure 7 du rapport STSS ?');
    expect(answer.text).toMatch(/^D’après les documents :\nEnjeux financiers : .+ \[1\]/);
    expect(answer.citations[0]!.source).toBe('001_a19b8ad2add7f903.txt');
  });

  it('picks the milestone the question describes, cited at its own line', () => {
    const answer = ask('Quand la délégation ministérielle du numérique en santé a-t-elle été créée ?');
    const milestone = answer.citations.find((c) => /création de la DNS/.test(c.quote));
    expect(milestone?.lines).toEqual([2282, 2282]);
  });

  it('answers English questions, with an English lead', () => {
    const answer = ask('When will the numerus clausus be abolished?');
    expect(answer.answered).toBe(true);
    expect(answer.text.startsWith('According to the documents:')).toBe(true);
    expect(answer.text).toMatch(/2020/);
  });

  it('declines what the documents do not say, and points to the closest sources', () => {
    const answer = ask('Comment s’appelle le directeur de l’ARS Occitanie ?');
    expect(answer.answered).toBe(false);
    expect(answer.text).toBe("Je n'ai pas trouvé cela dans les documents indexés.");
    expect(answer.citations).toEqual([]);
    expect(answer.suggestions.length).toBeGreaterThan(0);
  });

  it.each([
    ['empty', ''],
    ['whitespace', ' \n\t '],
    ['10 KB', 'urgences '.repeat(1200)],
    ['emoji', '🚑🏥 ?'],
    ['Slack markup', '<@U123ABC> <#C1|général> <!channel> ?'],
    ['FTS and SQL syntax', '"; DROP TABLE passages; -- NEAR( * ^'],
  ])('returns a valid answer for %s input', (_, q) => {
    const answer = ask(q);
    expect(typeof answer.answered).toBe('boolean');
    expect(JSON.parse(JSON.stringify(answer))).toEqual(answer);
  });
});

describe('askBatch (jalon ask --jsonl)', () => {
  it('emits one line per input line, in order, even for invalid lines', async () => {
    const out: AskResult[] = [];
    const lines = [
      JSON.stringify({ id: 'q1', question: 'Qui pilote la maison médicale de garde ?' }),
      'not json',
      JSON.stringify({ id: 7, question: '' }),
      JSON.stringify({ question: 'sans id' }),
    ];
    await askBatch(lines, ask, (r) => out.push(r));
    expect(out.map((r) => r.id)).toEqual(['q1', 'line-2', '7', 'line-4']);
    expect(out[0]).toMatchObject({ answered: true });
    expect(out[0]!.citations[0]).toHaveProperty('lines');
    expect(out[1]).toMatchObject({ answered: false, citations: [] });
    expect(out[1]!.answer).toMatch(/Entrée invalide/);
    for (const r of out) expect(r.ms).toBeGreaterThanOrEqual(0);
  });
});
