import type { AnalyzedQuery } from './analyze-query.js';
import type { CorpusStats } from '../db/corpus-store.js';

/** Inverse document frequency (BM25 form, never negative). */
export function idf(passages: number, df: number): number {
  return Math.log(1 + (passages - df + 0.5) / (df + 0.5));
}

/**
 * The weight of each query term (its own weight × idf) and of each of the user's words (the best of
 * its terms): how much of the question a piece of text covers is read from these.
 */
export interface QueryWeights {
  /** Weights of each term id, with the user word (group) it stands for. */
  byTerm: Map<number, { weight: number; group: number }[]>;
  /** The best weight of each group. */
  byGroup: Map<number, number>;
  /** Sum of the groups' weights, and of the words the corpus does not know: the whole question. */
  possible: number;
  /** Share of the question (0–1) a sequence of term ids covers, each user word counted once. */
  cover(ids: Iterable<number>, into?: Map<number, number>, factor?: number): number;
  /** Best weight per group found in `ids`, accumulated into `into`. */
  groupsIn(ids: Iterable<number>, into?: Map<number, number>, factor?: number): Map<number, number>;
}

export function queryWeights(query: AnalyzedQuery, stats: CorpusStats): QueryWeights {
  const byTerm = new Map<number, { weight: number; group: number }[]>();
  const byGroup = new Map<number, number>();
  for (const t of query.terms) {
    const weight = t.weight * idf(stats.passages, t.df);
    byTerm.set(t.id, [...(byTerm.get(t.id) ?? []), { weight, group: t.group }]);
    byGroup.set(t.group, Math.max(byGroup.get(t.group) ?? 0, weight));
  }
  // A word of the question the corpus does not know at all counts as missing from every passage,
  // with the weight of the rarest word: coverage is read against the whole question.
  const unknown = query.unknown.length * idf(stats.passages, 0);
  const possible = [...byGroup.values()].reduce((a, b) => a + b, 0) + unknown || 1;
  const groupsIn = (ids: Iterable<number>, into = new Map<number, number>(), factor = 1) => {
    for (const id of ids) for (const { weight, group } of byTerm.get(id) ?? []) into.set(group, Math.max(into.get(group) ?? 0, weight * factor));
    return into;
  };
  const cover = (ids: Iterable<number>, into?: Map<number, number>, factor?: number) => {
    let sum = 0;
    for (const w of groupsIn(ids, into, factor).values()) sum += w;
    return sum / possible;
  };
  return { byTerm, byGroup, possible, cover, groupsIn };
}
