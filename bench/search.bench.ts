/**
 * Figures for the passage index and answers (never pass/fail): `npx tsx bench/search.bench.ts`.
 * - index: the five seeds into a fresh store (passages, stems, FTS5), against a plain-FTS5
 *   baseline that indexes 120-word windows with SQLite's own tokenizer, in the same run;
 * - search: p50/p95 per query over a batch, against a bm25 query on that baseline;
 * - answer: p50/p95 per question (extractive), and opening the store + the first answer.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { answerQuestion } from '../src/answer/answer-question.js';
import { parseConfig } from '../src/config.js';
import { indexCorpus } from '../src/corpus/index-corpus.js';
import { openDatabase } from '../src/db/open-database.js';
import { loadGlossary } from '../src/knowledge/load-glossary.js';
import { loadSources } from '../src/knowledge/load-sources.js';
import { openJalon } from '../src/open-jalon.js';
import { searchPassages } from '../src/search/search-passages.js';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const seedsDir = join(root, 'seeds');
const sources = loadSources(join(root, 'knowledge/sources.yml'));
const glossary = loadGlossary(join(root, 'knowledge/glossary.yml'));
const RUNS = 7;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;
const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 1)} ms`;
const time = (fn: () => unknown) => {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
};

// Query workload: the question sets' texts (a missing set stops the bench: no silent fallback).
const questionSets = [resolve(root, '../shared/eval/questions.dev.jsonl'), resolve(root, '../shared/eval/questions.dev2.jsonl'), join(root, 'test/data/questions.own.jsonl')];
for (const path of questionSets) if (!existsSync(path)) throw new Error(`question set missing: ${path}`);
const queries: string[] = questionSets.flatMap((path) =>
  readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((l) => (JSON.parse(l) as { question: string }).question),
);

// ── Baseline: plain FTS5 over 120-word windows ─────────────────────────────────────────────
function buildBaseline(): Database.Database {
  const db = new Database(':memory:');
  db.exec("CREATE VIRTUAL TABLE w USING fts5(body, tokenize = 'unicode61 remove_diacritics 2')");
  const insert = db.prepare('INSERT INTO w (body) VALUES (?)');
  db.transaction(() => {
    for (const file of readdirSync(seedsDir).filter((f) => f.endsWith('.txt'))) {
      const words = readFileSync(join(seedsDir, file), 'utf8').split(/\s+/);
      for (let i = 0; i < words.length; i += 120) insert.run(words.slice(i, i + 120).join(' '));
    }
  })();
  return db;
}
const baselineQuery = (q: string) =>
  (q.toLowerCase().match(/[\p{L}\d]{3,}/gu) ?? []).map((w) => `"${w}"`).join(' OR ');

const indexTimes: number[] = [];
const baselineIndexTimes: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const db = openDatabase(':memory:');
  indexTimes.push(time(() => indexCorpus(db, { seedsDir, sources, glossary, now: new Date() })));
  db.close();
  baselineIndexTimes.push(time(() => buildBaseline().close()));
}

const dir = mkdtempSync(join(tmpdir(), 'jalon-bench-'));
const config = parseConfig({ JALON_DB: join(dir, 'jalon.db'), LOG_LEVEL: 'silent' });
const firstOpen = time(() => {
  const j = openJalon(config);
  void j.corpus;
  j.close();
});
let firstAnswer = 0;
const reopen = time(() => {
  const j = openJalon(config);
  firstAnswer = time(() => answerQuestion(j.answerDeps, queries[0]!));
  j.close();
});
const jalon = openJalon(config);
const baseline = buildBaseline();
const baselineSearch = baseline.prepare('SELECT rowid FROM w WHERE w MATCH ? ORDER BY bm25(w) LIMIT 5');

const searchTimes: number[] = [];
const baselineTimes: number[] = [];
const answerTimes: number[] = [];
// A warm-up round (first-use caches), then three measured rounds.
for (const q of queries) answerQuestion(jalon.answerDeps, q);
for (let round = 0; round < 3; round++) {
  for (const q of queries) {
    searchTimes.push(time(() => searchPassages(jalon.corpus, q, 5)));
    const m = baselineQuery(q);
    if (m) baselineTimes.push(time(() => baselineSearch.all(m)));
    answerTimes.push(time(() => answerQuestion(jalon.answerDeps, q)));
  }
}

const rows: [string, string, string][] = [
  [`index the five seeds (${jalon.corpus.stats().passages} passages), median of ${RUNS}`, ms(median(indexTimes)), `plain FTS5 windows: ${ms(median(baselineIndexTimes))}`],
  ['first start on an empty store (index + knowledge + warm-up)', ms(firstOpen), ''],
  ['start on an existing store, then first answer', `${ms(reopen - firstAnswer)} + ${ms(firstAnswer)}`, ''],
  [`search, ${queries.length} queries × 3, p50`, ms(median(searchTimes)), `plain FTS5 bm25: ${ms(median(baselineTimes))}`],
  ['search p95', ms(pct(searchTimes, 95)), `plain FTS5 bm25: ${ms(pct(baselineTimes, 95))}`],
  ['answer (extractive), p50', ms(median(answerTimes)), ''],
  ['answer (extractive), p95', ms(pct(answerTimes, 95)), ''],
];
console.log('# passage index and answers');
for (const [what, value, base] of rows) console.log(`${what.padEnd(66)} ${value.padStart(18)}   ${base}`);
jalon.close();
