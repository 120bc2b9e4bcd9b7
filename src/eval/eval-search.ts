import { performance } from 'node:perf_hooks';
import type { CorpusIndex } from '../search/corpus-index.js';
import { searchPassages } from '../search/search-passages.js';
import { GoldQuestionSchema, locateQuote, overlaps, percentile, readJsonl } from './gold.js';

export interface SearchEvalReport {
  questions: number;
  hitAt1: number;
  hitAt5: number;
  mrr: number;
  p50Ms: number;
  p95Ms: number;
  misses: { id: string; question: string; gold: string; top: string[] }[];
}

/**
 * Passage search against gold quotes: a hit is a passage from the gold source whose lines overlap
 * the quote's lines. Unanswerable questions (source null) are left out.
 */
export function evalSearch(index: CorpusIndex, path: string, seedsDir: string): SearchEvalReport {
  const questions = readJsonl(path, GoldQuestionSchema).filter((q) => q.source);
  let h1 = 0;
  let h5 = 0;
  let rr = 0;
  const times: number[] = [];
  const misses: SearchEvalReport['misses'] = [];
  for (const q of questions) {
    const gold = locateQuote(seedsDir, q)!;
    const t0 = performance.now();
    const results = searchPassages(index, q.question, 10);
    times.push(performance.now() - t0);
    const rank = results.findIndex((r) => r.source === q.source && overlaps(r.lines, gold));
    if (rank === 0) h1++;
    if (rank >= 0 && rank < 5) h5++;
    if (rank >= 0) rr += 1 / (rank + 1);
    if (rank < 0 || rank >= 5) {
      misses.push({
        id: q.id,
        question: q.question,
        gold: `${q.source}:${gold[0]}-${gold[1]}`,
        top: results.slice(0, 5).map((r) => `${r.source.slice(0, 3)}:${r.lines[0]}-${r.lines[1]} ${r.section}`),
      });
    }
  }
  const n = Math.max(1, questions.length);
  return {
    questions: questions.length,
    hitAt1: h1 / n,
    hitAt5: h5 / n,
    mrr: rr / n,
    p50Ms: percentile(times, 50),
    p95Ms: percentile(times, 95),
    misses,
  };
}
