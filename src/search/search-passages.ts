import type { LinearModel } from '../domain/linear-model.js';
import { analyzeQuery } from './analyze-query.js';
import type { CorpusIndex } from './corpus-index.js';
import { POOL, rankPassages, rerankPassages } from './rank-passages.js';
import { TRAINED_RANKER } from './trained-ranker.js';

export interface SearchResult {
  source: string;
  lines: [number, number];
  section: string;
  text: string;
  score: number;
}

/** `jalon search`: ranked passages for a free-text query; an empty or unusable query gives none. */
export function searchPassages(index: CorpusIndex, query: string, k = 5, ranker: LinearModel = TRAINED_RANKER): SearchResult[] {
  const analyzed = analyzeQuery(query, index.resources, index);
  const limit = Math.max(1, Math.min(k, 100));
  const pool = rankPassages(index, analyzed, Math.max(limit, POOL));
  return rerankPassages(index, analyzed, pool, ranker)
    .slice(0, limit)
    .map(({ passage, score }) => ({
      source: passage.file,
      lines: passage.lines,
      section: passage.section,
      text: index
        .units(passage.id)
        .map((u) => u.text)
        .join(' '),
      score: Math.round(score * 1000) / 1000,
    }));
}
