import { listDocuments, matchPassages, readDocumentLines, readGlossary, readPassages, readPassageStems, type StoredPassage } from '../db/corpus-store.js';
import type { Db } from '../db/open-database.js';
import type { AnalyzedQuery, QueryResources } from './analyze-query.js';
import { stemText } from './normalize.js';

interface PassageStats {
  passage: StoredPassage;
  body: string[];
  /** " stem stem … " for phrase look-ups. */
  joined: string;
  section: Set<string>;
  tf: Map<string, number>;
}

/** Passages with the term statistics the re-ranker needs, loaded once per process. */
export interface PassageIndex {
  db: Db;
  byId: Map<number, PassageStats>;
  df: Map<string, number>;
  avgLength: number;
  resources: QueryResources;
  /** Stems of each document's title and short name: a question naming a document leans to it. */
  documentNames: Map<string, Set<string>>;
  /** All of those stems together: words that name a document, not a subject. */
  documentWords: Set<string>;
  /** Short document titles by file ("Ségur — avancement"), for citations. */
  titles: Map<string, string>;
  /** Raw lines of each document, as indexed. */
  lines: Map<string, string[]>;
}

export interface PassageHit {
  passage: StoredPassage;
  score: number;
}

export function loadPassageIndex(db: Db, extra: Omit<QueryResources, 'vocabulary' | 'glossary'>): PassageIndex {
  const passages = new Map(readPassages(db).map((p) => [p.id, p]));
  const byId = new Map<number, PassageStats>();
  const df = new Map<string, number>();
  let total = 0;
  for (const row of readPassageStems(db)) {
    const passage = passages.get(row.id);
    if (!passage) continue;
    const body = row.body.split(' ').filter(Boolean);
    const section = new Set(row.section.split(' ').filter(Boolean));
    const tf = new Map<string, number>();
    for (const s of body) tf.set(s, (tf.get(s) ?? 0) + 1);
    for (const s of new Set([...tf.keys(), ...section])) df.set(s, (df.get(s) ?? 0) + 1);
    byId.set(row.id, { passage, body, joined: ` ${body.join(' ')} `, section, tf });
    total += body.length;
  }
  const documents = listDocuments(db);
  return {
    db,
    byId,
    df,
    avgLength: total / Math.max(1, byId.size),
    resources: { ...extra, glossary: readGlossary(db), vocabulary: df },
    documentNames: new Map(documents.map((d) => [d.file, new Set(stemText(`${d.title} ${d.short}`).split(' '))])),
    documentWords: new Set(documents.flatMap((d) => stemText(`${d.title} ${d.short}`).split(' '))),
    titles: new Map(documents.map((d) => [d.file, d.short])),
    lines: readDocumentLines(db),
  };
}

const K1 = 1.2;
const B = 0.6;

/** Inverse document frequency (BM25 form, never negative). */
export function idf(index: PassageIndex, stem: string): number {
  const n = index.byId.size;
  const d = index.df.get(stem) ?? 0;
  return Math.log(1 + (n - d + 0.5) / (d + 0.5));
}

/**
 * Ranks passages for an analysed query: FTS5 (bm25 over stems) proposes candidates; a weighted
 * BM25F re-ranks them, counting each of the user's words once whatever its expansions, rewarding
 * passages that cover more of the question and keep its word pairs together.
 */
export function rankPassages(index: PassageIndex, query: AnalyzedQuery, limit = 10): PassageHit[] {
  const terms = query.terms.filter((t) => index.df.has(t.stem));
  if (terms.length === 0) return [];
  const match = terms.map((t) => `"${t.stem}"`).join(' OR ');
  const candidates = matchPassages(index.db, match, 300);

  const weights = terms.map((t) => t.weight * idf(index, t.stem));
  const groupMax = new Map<number, number>();
  terms.forEach((t, i) => groupMax.set(t.group, Math.max(groupMax.get(t.group) ?? 0, weights[i]!)));
  const possible = [...groupMax.values()].reduce((a, b) => a + b, 0) || 1;

  const docBoost = documentBoosts(index, query);
  const hits: PassageHit[] = [];
  for (const { id } of candidates) {
    const stats = index.byId.get(id);
    if (!stats) continue;
    const norm = 1 - B + (B * stats.body.length) / index.avgLength;
    let score = 0;
    const groupBest = new Map<number, number>();
    for (let i = 0; i < terms.length; i++) {
      const t = terms[i]!;
      const tf = (stats.tf.get(t.stem) ?? 0) + (stats.section.has(t.stem) ? 1.5 : 0);
      if (tf === 0) continue;
      const w = weights[i]!;
      score += (w * (tf * (K1 + 1))) / (tf + K1 * norm);
      groupBest.set(t.group, Math.max(groupBest.get(t.group) ?? 0, w));
    }
    const coverage = [...groupBest.values()].reduce((a, b) => a + b, 0) / possible;
    let phrase = 0;
    if (query.bigrams.length > 0) {
      for (const bigram of query.bigrams) if (stats.joined.includes(` ${bigram} `)) phrase += 1;
    }
    const boost = docBoost.get(stats.passage.source) ?? 1;
    hits.push({ passage: stats.passage, score: boost * (score * (0.25 + coverage * coverage) + phrase * 0.8) });
  }
  hits.sort((a, b) => b.score - a.score);
  return hits.slice(0, limit);
}

/** Words of the question that name one or two documents ("Ségur", "CFE-CGC", "rapport") favour them. */
function documentBoosts(index: PassageIndex, query: AnalyzedQuery): Map<string, number> {
  const boosts = new Map<string, number>();
  for (const term of query.terms) {
    if (term.origin !== 'query') continue;
    const docs = [...index.documentNames].filter(([, names]) => names.has(term.stem)).map(([file]) => file);
    if (docs.length === 0 || docs.length > 2) continue;
    for (const file of docs) boosts.set(file, Math.min(1.6, (boosts.get(file) ?? 1) * 1.3));
  }
  return boosts;
}
