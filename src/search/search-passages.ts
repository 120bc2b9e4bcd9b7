import { analyzeQuery } from './analyze-query.js';
import { rankPassages, type PassageIndex } from './passage-index.js';

export interface SearchResult {
  source: string;
  lines: [number, number];
  section: string;
  text: string;
  score: number;
}

/** `jalon search`: ranked passages for a free-text query; an empty or unusable query gives none. */
export function searchPassages(index: PassageIndex, query: string, k = 5): SearchResult[] {
  const analyzed = analyzeQuery(query, index.resources);
  return rankPassages(index, analyzed, Math.max(1, Math.min(k, 100))).map(({ passage, score }) => ({
    source: passage.source,
    lines: passage.lines,
    section: passage.section,
    text: passage.text,
    score: Math.round(score * 1000) / 1000,
  }));
}
