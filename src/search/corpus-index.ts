import {
  documentsNamedBy,
  lookupTerms,
  matchPassages,
  readCorpusStats,
  readDocumentLines,
  readDocumentTitle,
  readPassageTerms,
  readPassageUnits,
  termsWithPrefix,
  type CorpusStats,
  type PassageTerms,
  type StoredUnit,
} from '../db/corpus-store.js';
import type { Db } from '../db/open-database.js';
import type { QueryResources } from './analyze-query.js';
import { editDistanceAtMost } from './edit-distance.js';

/**
 * The passage index as the query path sees it: everything is read from SQLite on demand, so memory
 * does not grow with the corpus. Small bounded caches keep what consecutive questions share
 * (documents' lines, titles); they are emptied when the store is re-indexed.
 */
export interface CorpusIndex {
  db: Db;
  resources: QueryResources;
  stats(): CorpusStats;
  /** Ids and document frequencies of known stems. */
  lookup(stems: readonly string[]): Map<string, { id: number; df: number }>;
  /** Known stems within `maxEdits` edits of `stem` (same first two letters), most frequent first. */
  near(stem: string, maxEdits: number): string[];
  match(expression: string, limit: number): number[];
  passages(ids: readonly number[]): PassageTerms[];
  units(passageId: number): StoredUnit[];
  /** Raw lines of a document, as indexed (null when the store does not have it). */
  lines(file: string): string[] | null;
  /** Short title of a document ("Ségur — avancement"), for citations. */
  title(file: string): string;
  /** Documents whose title or short name holds each stem. */
  documentsNamedBy(stems: readonly string[]): Map<string, string[]>;
}

/** A map that forgets its oldest entry past `size`: the process keeps a fixed budget. */
class Lru<K, V> {
  private readonly map = new Map<K, V>();
  constructor(private readonly size: number) {}
  get(key: K): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }
  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.size) this.map.delete(this.map.keys().next().value as K);
  }
  clear(): void {
    this.map.clear();
  }
}

export interface CorpusIndexOptions {
  /** Documents whose lines stay decoded in memory. */
  cachedDocuments?: number;
}

export function openCorpusIndex(db: Db, resources: QueryResources, options: CorpusIndexOptions = {}): CorpusIndex {
  const lines = new Lru<string, string[] | null>(options.cachedDocuments ?? 12);
  const titles = new Lru<string, string>(1000);
  const units = new Lru<number, StoredUnit[]>(256);
  let version = '';
  // Any re-index changes the statistics: caches tied to the old content are dropped.
  const stats = () => {
    const s = readCorpusStats(db);
    const v = `${s.passages}:${s.tokens}`;
    if (v !== version) {
      version = v;
      lines.clear();
      titles.clear();
      units.clear();
    }
    return s;
  };
  return {
    db,
    resources,
    stats,
    lookup: (stems) => lookupTerms(db, stems),
    near(stem, maxEdits) {
      if (stem.length < 3) return [];
      return termsWithPrefix(db, stem.slice(0, 2), stem.length - maxEdits, stem.length + maxEdits, 5000)
        .filter((t) => t.stem !== stem && editDistanceAtMost(stem, t.stem, maxEdits))
        .sort((a, b) => b.df - a.df)
        .map((t) => t.stem);
    },
    match: (expression, limit) => matchPassages(db, expression, limit),
    passages: (ids) => readPassageTerms(db, ids),
    units(passageId) {
      let cached = units.get(passageId);
      if (!cached) units.set(passageId, (cached = readPassageUnits(db, passageId)));
      return cached;
    },
    lines(file) {
      let cached = lines.get(file);
      if (cached === undefined) lines.set(file, (cached = readDocumentLines(db, file)));
      return cached;
    },
    title(file) {
      let cached = titles.get(file);
      if (cached === undefined) titles.set(file, (cached = readDocumentTitle(db, file)?.short ?? file));
      return cached;
    },
    documentsNamedBy: (stems) => documentsNamedBy(db, stems),
  };
}
