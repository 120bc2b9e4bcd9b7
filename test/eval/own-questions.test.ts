import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeAnswer } from '../../src/eval/eval-answers.js';
import { GoldQuestionSchema, locateQuote, type GoldQuestion } from '../../src/eval/gold.js';
import { ROOT, SEEDS_DIR, seedFiles } from '../helpers/seeds.js';

// The project's own gold questions, used for tuning and k-fold cross-validation. These tests guard
// the data itself: a gold row whose quote or key phrase is not where it claims would make every
// figure measured on it lie.
const FILE = join(ROOT, 'test/data/questions.own.jsonl');
const KINDS = ['number', 'date', 'who', 'fact', 'list', 'proposal', 'status', 'unanswerable'];
const FIELDS = ['id', 'question', 'answers', 'source', 'quote', 'line', 'kind', 'lang'];

const raw: Record<string, unknown>[] = readFileSync(FILE, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l));
const rows: GoldQuestion[] = raw.map((r) => GoldQuestionSchema.strict().parse(r));
const answerable = rows.filter((q) => q.source !== null);

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();
const cache = new Map<string, string[]>();
const linesOf = (source: string) => {
  if (!cache.has(source)) cache.set(source, readFileSync(join(SEEDS_DIR, source), 'utf8').split('\n'));
  return cache.get(source)!;
};
/** Lines from..to (1-based, inclusive) joined the way the answer checker joins them. */
const joined = (source: string, from: number, to: number) => collapse(linesOf(source).slice(from - 1, to).join(' '));

describe('own gold questions', () => {
  it('has at least 200 rows, every field spelled out, unique ids, a known kind and language', () => {
    expect(rows.length).toBeGreaterThanOrEqual(200);
    expect(raw.filter((r) => FIELDS.some((f) => !(f in r))).map((r) => r.id)).toEqual([]);
    expect(new Set(rows.map((q) => q.id)).size).toBe(rows.length);
    expect(rows.filter((q) => !KINDS.includes(q.kind ?? '') || !['fr', 'en'].includes(q.lang ?? '')).map((q) => q.id)).toEqual([]);
  });

  it('covers each of the five documents with at least 25 questions', () => {
    const files = seedFiles();
    expect(answerable.filter((q) => !files.includes(q.source!)).map((q) => q.id)).toEqual([]);
    for (const f of files) expect(answerable.filter((q) => q.source === f).length, f).toBeGreaterThanOrEqual(25);
  });

  it('gives unanswerable rows no source, quote, line or key phrase, and answerable rows 1 to 3 key phrases', () => {
    const bad = rows.filter((q) =>
      q.kind === 'unanswerable'
        ? q.source !== null || q.quote !== null || q.line !== null || q.answers.length > 0
        : q.source === null || !q.quote || q.line === null || q.answers.length < 1 || q.answers.length > 3,
    );
    expect(bad.map((q) => q.id)).toEqual([]);
  });

  it('finds every quote in its seed, starting at its line', () => {
    const bad = answerable.flatMap((q) => {
      const [start, end] = locateQuote(SEEDS_DIR, q, cache) ?? [0, 0];
      const quote = collapse(q.quote!);
      const found = start === q.line && joined(q.source!, start, end).includes(quote);
      const startsLater = joined(q.source!, q.line! + 1, end).includes(quote);
      return found && !startsLater ? [] : [`${q.id} ${q.source}:${q.line}`];
    });
    expect(bad).toEqual([]);
  });

  it('finds every key phrase inside the lines its quote spans', () => {
    const bad = answerable.flatMap((q) => {
      const [start, end] = locateQuote(SEEDS_DIR, q, cache)!;
      const text = normalizeAnswer(joined(q.source!, start, end));
      return q.answers.filter((a) => !text.includes(normalizeAnswer(a))).map((a) => `${q.id}: ${a}`);
    });
    expect(bad).toEqual([]);
  });
});
