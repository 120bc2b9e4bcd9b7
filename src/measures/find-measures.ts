import Fuse from 'fuse.js';
import type { Measure } from '../domain/types.js';
import { foldText, stemWord, tokenize } from '../search/normalize.js';
import { STOPWORDS } from '../search/stopwords.js';
import type { StoredMeasure } from './measure-record.js';
import { toMeasure } from './measure-json.js';
import { editDistance } from '../search/edit-distance.js';

/**
 * Measure lookup. fuse.js alone (token search over all fields) costs 10–30 ms a query on the
 * catalogue, so it is split in two: a BM25F inverted index over the stemmed words of titles,
 * aliases, acronyms and pilots ranks the measures, and fuse.js finds the catalogue words a
 * mistyped query word meant ("interim medicale" → intérim médical). Both are built once and
 * rebuilt only when curated data changes.
 */

/**
 * Field weights: a title or alias word says more than a pilot's name. Descriptions are left out:
 * on the dev golden set and on title-word lookups they never helped and cost most of the build.
 */
const FIELDS = [
  { name: 'title', weight: 3 },
  { name: 'aliases', weight: 2.5 },
  { name: 'pilots', weight: 1.5 },
] as const;
type FieldName = (typeof FIELDS)[number]['name'];
const K1 = 1.2;
const B = 0.5;
/** How far a mistyped word may be from a catalogue word (fuse.js score, 0 = exact). */
const FUZZY_THRESHOLD = 0.3;

interface Posting {
  doc: number;
  /** BM25F saturated term frequency, precomputed: wtf / (K1 + wtf). */
  weight: number;
}

/** The lookup structure over the catalogue. */
export interface MeasureIndex {
  /** All measures by id, in catalogue order; their `set` statuses may be refreshed in place. */
  byId: Map<string, StoredMeasure>;
  ids: string[];
  /** Milestone id → its measure id. */
  milestoneOf: Map<string, string>;
  /** Folded name (title, alias, acronym) → measure ids carrying it, for exact-name hits. */
  names: Map<string, string[]>;
  postings: Map<string, Posting[]>;
  idf: Map<string, number>;
  /** Distinct folded words of the indexed fields, for fuzzy correction of a query word. */
  vocabulary: Fuse<{ word: string; stem: string }>;
}

/** Topic words of a text: folded, stop words dropped. */
const wordsOf = (text: string) => tokenize(text).filter((w) => !STOPWORDS.has(w));
const stripMarkup = (text: string) => text.replace(/\^\{([^}]*)\}/g, '$1');
const nameKey = (text: string) => tokenize(stripMarkup(text)).join(' ');

/** The lookup index of a catalogue (measures as read from the store, retired ones left out). */
export function buildMeasureIndex(measures: readonly StoredMeasure[]): MeasureIndex {
  const byId = new Map(measures.map((m) => [m.id, m]));
  const ids = measures.map((m) => m.id);
  const milestoneOf = new Map<string, string>();
  const names = new Map<string, string[]>();
  const words = new Map<string, string>();
  // Each text is tokenized once: its tokens give both its exact-name key and its stems.
  const stemsOf = (text: string, id: string, isName: boolean): string[] => {
    const tokens = tokenize(stripMarkup(text));
    if (isName && tokens.length > 0) {
      const key = tokens.join(' ');
      const list = names.get(key);
      if (!list) names.set(key, [id]);
      else if (!list.includes(id)) list.push(id);
    }
    return tokens
      .filter((w) => !STOPWORDS.has(w))
      .map((w) => {
        let stem = words.get(w);
        if (stem === undefined) words.set(w, (stem = stemWord(w)));
        return stem;
      });
  };
  // Stems per document per field, and average field lengths for BM25F length normalisation.
  const docs = measures.map((m): Record<FieldName, string[]> => {
    for (const ms of m.milestones) milestoneOf.set(ms.id, m.id);
    return {
      title: stemsOf(m.title, m.id, true),
      aliases: m.aliases.flatMap((a) => stemsOf(a.alias, m.id, true)),
      pilots: m.pilots.flatMap((p) => stemsOf(p, m.id, false)),
    };
  });
  const avg = Object.fromEntries(
    FIELDS.map(({ name }) => [name, Math.max(1, docs.reduce((n, d) => n + d[name].length, 0) / Math.max(1, docs.length))]),
  ) as Record<FieldName, number>;
  const postings = new Map<string, Posting[]>();
  docs.forEach((d, doc) => {
    const wtf = new Map<string, number>();
    for (const { name, weight } of FIELDS) {
      const norm = 1 - B + (B * d[name].length) / avg[name];
      for (const stem of d[name]) wtf.set(stem, (wtf.get(stem) ?? 0) + weight / norm);
    }
    for (const [stem, w] of wtf) {
      const list = postings.get(stem) ?? [];
      list.push({ doc, weight: w / (K1 + w) });
      postings.set(stem, list);
    }
  });
  const n = docs.length;
  const idf = new Map([...postings].map(([stem, list]) => [stem, Math.log(1 + (n - list.length + 0.5) / (list.length + 0.5))]));
  const vocabulary = new Fuse(
    [...words].map(([word, stem]) => ({ word, stem })),
    { keys: ['word'], includeScore: true, threshold: FUZZY_THRESHOLD, ignoreLocation: true, minMatchCharLength: 3 },
  );
  return { byId, ids, milestoneOf, names, postings, idf, vocabulary };
}

/** "chantier 3 projet 4" → "C3 P4", "mesure n°25" → "M25": ids as people say them. */
function spelledId(query: string): string {
  return foldText(query)
    .trim()
    .replace(/\bchantier\s*(\d+)/g, 'c$1')
    .replace(/\bsous-projet\s*(\d+)/g, 's$1')
    .replace(/\b(?:projet|proposition)\s*(?:n°\s*)?(\d+)/g, 'p$1')
    .replace(/\bmesure\s*(?:n°\s*)?(\d+)/g, 'm$1');
}

/**
 * Measure ids an ID-like query names: the exact id ("MS-C3-P4", "ms c3 p4"), a milestone's
 * measure ("MS-C3-P4-J2"), or every id ending with the typed segments ("C3-P4", "M25", "chantier 3
 * projet 4", "mesure 25"), shortest first. Empty when the query does not look like an id.
 */
export function matchIds(index: MeasureIndex, query: string): string[] {
  const typed = spelledId(query).toUpperCase().replace(/[\s_]+/g, '-');
  if (!/^[A-Z0-9]+(-[A-Z0-9]+)*$/.test(typed) || !/\d/.test(typed)) return [];
  if (index.byId.has(typed)) return [typed];
  const viaMilestone = index.milestoneOf.get(typed);
  if (viaMilestone) return [viaMilestone];
  const suffix = `-${typed}`;
  return index.ids.filter((id) => id.endsWith(suffix)).sort((a, b) => a.length - b.length);
}

/** The query's stems with their weight: catalogue words as typed, else their fuzzy corrections. */
function queryStems(index: MeasureIndex, query: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const word of wordsOf(query)) {
    const stem = stemWord(word);
    if (index.postings.has(stem)) {
      out.set(stem, Math.max(out.get(stem) ?? 0, 1));
      continue;
    }
    if (word.length < 4) continue;
    for (const hit of index.vocabulary.search(word, { limit: 3 })) {
      const w = 1 - (hit.score ?? 1);
      out.set(hit.item.stem, Math.max(out.get(hit.item.stem) ?? 0, w));
    }
  }
  return out;
}

/** BM25F over the stemmed fields, scaled by the share of the query's weight a measure covers. */
function rank(index: MeasureIndex, query: string, limit: number): string[] {
  const stems = queryStems(index, query);
  const scores = new Map<number, { sum: number; covered: number }>();
  let total = 0;
  for (const [stem, w] of stems) {
    const idf = (index.idf.get(stem) ?? 0) * w;
    total += idf;
    for (const p of index.postings.get(stem) ?? []) {
      const s = scores.get(p.doc) ?? { sum: 0, covered: 0 };
      s.sum += idf * p.weight;
      s.covered += idf;
      scores.set(p.doc, s);
    }
  }
  if (total === 0) return [];
  return [...scores]
    .map(([doc, s]) => ({ doc, score: s.sum * (s.covered / total) }))
    .sort((a, b) => b.score - a.score || a.doc - b.doc)
    .slice(0, limit)
    .map((r) => index.ids[r.doc]!);
}

/**
 * Fuzzy lookup, best first: ids (exact, then partial like "C3-P4"), then measures whose title,
 * alias or acronym is exactly the query, then ranked matches over titles, aliases, acronyms and
 * pilots, typos forgiven.
 */
export function findMeasureIds(index: MeasureIndex, query: string, k = 5): string[] {
  const out: string[] = [];
  const push = (id: string) => {
    if (out.length < k && !out.includes(id)) out.push(id);
  };
  if (!query.trim()) return out;
  for (const id of matchIds(index, query)) push(id);
  for (const id of index.names.get(nameKey(query)) ?? []) push(id);
  if (out.length >= k) return out;
  for (const id of rank(index, query, k + out.length)) push(id);
  return out;
}

/** `jalon measure find`: Measure[] best first, statuses derived for `today` (ISO day). */
export function findMeasures(index: MeasureIndex, query: string, options: { k?: number; today: string }): Measure[] {
  return findMeasureIds(index, query, options.k ?? 5).map((id) => toMeasure(index.byId.get(id)!, options.today));
}

/**
 * IDs close to a mistyped one, for "Vouliez-vous dire …": fewest edits first, then the nearest
 * numbers (MS-C3-P5 → MS-C3-P4 before MS-C3-P1); when no id is close, the best lookups of the text.
 */
export function suggestIds(index: MeasureIndex, typed: string, k = 3): string[] {
  const target = typed.trim().toUpperCase().replace(/[\s_]+/g, '-');
  const limit = Math.max(2, Math.ceil(target.length / 4));
  const numbers = (id: string) => (id.match(/\d+/g) ?? []).map(Number);
  const targetNumbers = numbers(target);
  const gap = (id: string) => numbers(id).reduce((sum, n, i) => sum + Math.abs(n - (targetNumbers[i] ?? 0)), 0);
  const near = index.ids
    .map((id) => ({ id, edits: editDistance(target, id, limit) }))
    .filter((c) => c.edits <= limit)
    .sort((a, b) => a.edits - b.edits || gap(a.id) - gap(b.id) || a.id.length - b.id.length)
    .slice(0, k)
    .map((c) => c.id);
  if (near.length > 0) return near;
  return findMeasureIds(index, typed, k);
}
