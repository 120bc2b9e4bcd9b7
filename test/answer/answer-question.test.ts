import { afterAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answer-question.js';
import { askBatch, type AskResult } from '../../src/answer/ask-batch.js';
import { quoteOccursIn } from '../../src/answer/verify-quote.js';
import { searchPassages } from '../../src/search/search-passages.js';
import { openTestJalon, TEST_NOW } from '../fakes/test-jalon.js';

// Questions written for these tests (the evaluation sets are never copied here).
const jalon = openTestJalon();
afterAll(() => jalon.close());
const ask = (q: string) => answerQuestion(jalon.answerDeps, q);

const QUESTIONS = [
  'Quand la loi OTSS a-t-elle été publiée ?',
  'Qui pilote le projet des maisons médicales de garde ?',
  'Combien de CPTS vise la stratégie de transformation ?',
  'What is planned for telemedicine?',
];

describe('answerQuestion (offline, extractive)', () => {
  it('quotes sentences that occur word for word in the cited lines, numbered in order', () => {
    for (const q of QUESTIONS) {
      const answer = ask(q);
      expect(answer.answered, q).toBe(true);
      expect(answer.kind, q).toBe('answer');
      const quoted = answer.citations.filter((c) => c.quoted);
      expect(quoted.length, q).toBeGreaterThan(0);
      quoted.forEach((c, i) => {
        expect(quoteOccursIn(c.quote, jalon.corpus.lines(c.source)!, c.lines), `${q} [${i + 1}]`).toBe(true);
        if (c.focus) expect(c.focus[0] >= c.lines[0] && c.focus[1] <= c.lines[1], `${q} focus inside the passage`).toBe(true);
        expect(answer.text).toContain(`[${i + 1}]`);
      });
      expect(answer.text).not.toContain(`[${quoted.length + 1}]`);
      expect(answer.confidence).toBeGreaterThanOrEqual(0);
      expect(answer.confidence).toBeLessThanOrEqual(1);
    }
  });

  it('cites at least what the search ranks first: its top five passages are among the first five citations', () => {
    for (const q of QUESTIONS) {
      const answer = ask(q);
      if (answer.citations.some((c) => !c.focus)) continue; // a record fact leads: cited at its cell
      const cited = answer.citations.slice(0, 5).map((c) => `${c.source}:${c.lines.join('-')}`);
      for (const r of searchPassages(jalon.corpus, q, 5)) expect(cited, q).toContain(`${r.source}:${r.lines.join('-')}`);
    }
  });

  it('answers "qui pilote" from the measure database when the question names one record, cited at its cell', () => {
    const answer = ask('Qui pilote la maison médicale de garde ?');
    expect(answer.text).toMatch(/Pilotes : .+ \[1\]/);
    expect(answer.citations[0]!.source).toBe('003_19914e041d70e400.txt');
    expect(answer.text).toMatch(/`\/mesure voir MS-[A-Z0-9-]+`/);
  });

  it('numbers a cell once when two facts of the record are printed in it', () => {
    const answer = ask('Quand la maison médicale de garde est-elle prévue ?');
    const facts = [...answer.text.matchAll(/^(?:Début|Fin) de projet : .+ \[(\d+)\]$/gm)].map((m) => m[1]);
    expect(facts.length).toBe(2);
    expect(new Set(facts).size).toBe(1);
  });

  it('never gives another record’s facts: an ambiguous name or a whole chantier gets no record line', () => {
    for (const q of ['Qui pilote le Health Data Hub ?', 'Qui pilote le chantier urgences ?', 'Qui pilote le chantier 5 ?']) {
      expect(ask(q).text, q).not.toMatch(/^Pilotes :/m);
    }
  });

  it('answers English questions, with an English lead', () => {
    const answer = ask('Who leads the territorial mental health projects?');
    expect(answer.answered).toBe(true);
    expect(answer.text.startsWith('According to the documents:')).toBe(true);
  });

  it('answers questions about the tracking state from the measure database, with the command that shows more', () => {
    const answer = ask('Quels projets du chantier 3 sont en retard ?');
    expect(answer).toMatchObject({ kind: 'tracking', answered: true });
    const day = TEST_NOW.toISOString().slice(0, 10).split('-').reverse().join('/');
    expect(answer.text).toContain(`en retard — chantier 3, au ${day}`);
    expect(answer.text).toContain('`/mesure retards chantier:3`');
    for (const c of answer.citations) expect(quoteOccursIn(c.quote, jalon.corpus.lines(c.source)!, c.lines)).toBe(true);
    expect(ask('Qu’est-ce qui arrive à échéance ce mois-ci ?').text).toContain('`/mesure prochains 31`');
  });

  it('declines what the documents do not touch, pointing to the closest sources', () => {
    const answer = ask('Quel est le score du dernier match de handball ?');
    expect(answer.answered).toBe(false);
    expect(['declined', 'closest']).toContain(answer.kind);
    if (answer.kind === 'declined') {
      expect(answer.text).toBe("Je n'ai pas trouvé cela dans les documents indexés.");
      expect(answer.citations).toEqual([]);
    }
  });

  it.each([
    ['empty', ''],
    ['whitespace', ' \n\t '],
    ['10 KB', 'urgences '.repeat(1200)],
    ['emoji', '🚑🏥 ?'],
    ['Slack markup', '<@U123ABC> <#C1|général> <!channel> ?'],
    ['FTS and SQL syntax', '"; DROP TABLE passages; -- NEAR( * ^ section : "x"'],
    ['another language', 'Wann wird die Notaufnahme reformiert?'],
  ])('returns a valid answer for %s input', (_, q) => {
    const answer = ask(q);
    expect(typeof answer.answered).toBe('boolean');
    expect(['answer', 'closest', 'declined', 'tracking']).toContain(answer.kind);
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
    expect(out[0]).toMatchObject({ answered: true, kind: 'answer' });
    expect(out[0]!.confidence).toBeGreaterThan(0);
    expect(out[0]!.citations[0]).toHaveProperty('lines');
    expect(out[1]).toMatchObject({ answered: false, kind: 'declined', citations: [] });
    expect(out[1]!.answer).toMatch(/Entrée invalide/);
    for (const r of out) expect(r.ms).toBeGreaterThanOrEqual(0);
  });
});
