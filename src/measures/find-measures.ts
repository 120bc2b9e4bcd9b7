import {
  lookupByNumber,
  lookupCandidates,
  lookupExactId,
  lookupGroupMeasures,
  lookupIdPrefix,
  lookupIdSuffix,
  lookupName,
  lookupStemFrequency,
  lookupWordStem,
  lookupWordsLike,
  type SearchCandidate,
} from '../db/measure-lookup-store.js';
import { readProgrammes, readSearchStats, type SearchStats } from '../db/measure-store.js';
import type { Db } from '../db/open-database.js';
import { editDistance } from '../search/edit-distance.js';
import { foldText } from '../search/normalize.js';
import type { ProgrammeRecord } from './measure-record.js';
import { nameKey, topicWords } from './measure-search-doc.js';

/**
 * Measure lookup over the indexed tables of the store (src/db/measure-lookup-store.ts): nothing
 * is held in memory, so a lookup costs a few indexed reads whether the catalogue holds 250
 * measures or 100,000.
 *
 * In order: what the text names by structure — an ID ("MS-C3-P4", "c3-p4", a milestone's ID),
 * the document's numbering ("mesure 26", "segur 26", "pilier 4 mesure 26", "proposition 16"),
 * a chantier or pilier ("pilier 4": its measures); then measures one of whose names (title,
 * alias, acronym) is exactly the text; then a BM25F ranking over the stems of titles (weight 3),
 * aliases and acronyms (2.5), pilots (1.5) and descriptions (1), scaled by the share of the query's
 * weight a measure covers. A word typed without its accents or with a typo is matched to the catalogue's words
 * (trigram index, then edit distance).
 */

/** A lookup result: scores compare candidates of one query (1 = named by ID or number). */
export interface NameHit {
  id: string;
  score: number;
}

/** Named by ID, milestone ID or the document's number: certain. */
export const SCORE_ID = 1;
/** A title, alias or acronym typed in full. */
export const SCORE_NAME = 0.95;
/** One of the measures of a chantier or pilier the text names ("pilier 4"): a list, not one answer. */
export const SCORE_GROUP = 0.5;
/** The least score a ranked hit needs to be taken alone, and by how much it must beat the second. */
export const MIN_WINNER = 0.35;
export const MARGIN = 0.15;

/**
 * Whether the first hit wins: named with certainty (ID, number, a name typed in full) and alone at
 * that score; or ranked well enough and ahead of the second by a margin (by MARGIN, or by half the
 * second's score). Otherwise the text is ambiguous: offer the hits as choices. Pure.
 */
export function hasClearWinner(hits: readonly Pick<NameHit, 'score'>[]): boolean {
  const [first, second] = hits;
  if (!first) return false;
  if (!second) return first.score >= MIN_WINNER;
  if (first.score >= SCORE_NAME) return second.score < first.score;
  return first.score >= MIN_WINNER && (first.score - second.score >= MARGIN || first.score >= 1.5 * second.score);
}

/** Ranked scores are scaled below exact names: a full match of words is not a name typed in full. */
const RANKED_CEILING = 0.9;

const FIELDS = [
  { name: 'title', weight: 3 },
  { name: 'aliases', weight: 2.5 },
  { name: 'pilots', weight: 1.5 },
  { name: 'description', weight: 1 },
] as const;
const K1 = 1.2;
const B = 0.5;
/** Candidates re-ranked per query: bounded, whatever the size of the catalogue. */
const CANDIDATES = 200;
/**
 * How many index entries a lookup may rank to find its candidates: stems are added rarest first
 * while their document frequencies fit (all of them on a catalogue of a few thousand measures).
 */
const RANK_BUDGET = 4000;

/** "chantier 3 projet 4" → "C3 P4", "mesure n°25" → "M25": IDs as people say them. */
function spelledId(query: string): string {
  return foldText(query)
    .trim()
    .replace(/\bchantier\s*(\d+)/g, 'c$1')
    .replace(/\bsous-projet\s*(\d+)/g, 's$1')
    .replace(/\b(?:projet|proposition)\s*(?:n°\s*)?(\d+)/g, 'p$1')
    .replace(/\bmesure\s*(?:n°\s*)?(\d+)/g, 'm$1');
}

/** The text as an ID ("ms c3 p4" → "MS-C3-P4"), or null when it does not look like one. */
function asId(query: string): string | null {
  const typed = spelledId(query).toUpperCase().replace(/[\s_]+/g, '-');
  return /^[A-Z0-9]+(-[A-Z0-9]+)*$/.test(typed) && /\d/.test(typed) ? typed : null;
}

/**
 * Measure IDs an ID-like text names: the exact ID, a milestone's measure ("MS-C3-P4-J2"), or every
 * ID ending with the typed segments ("C3-P4", "M25", "chantier 3 projet 4"), shortest first.
 * Empty when the text does not look like an ID.
 */
export function matchIds(db: Db, query: string): string[] {
  const typed = asId(query);
  if (!typed) return [];
  const exact = lookupExactId(db, typed);
  return exact ? [exact] : lookupIdSuffix(db, typed);
}

/** What a text names by the documents' structure, read from its words. Pure. */
export type Structure =
  | { kind: 'number'; number: number; kinds: ('measure' | 'proposal')[] | null; programmeId: string | null; pilier: number | null }
  | { kind: 'group'; group: 'chantier' | 'pilier'; number: number };

/**
 * "pilier 4", "chantier 3" → that group; "mesure 26", "segur 26", "Ségur mesure n°26", "pilier 4
 * mesure 26", "stss 6", "proposition 16", "CFE 16" → the document's number (of that programme,
 * pilier and kind when said). A bare number is no structure. Pure.
 */
export function readStructure(text: string, programmes: readonly Pick<ProgrammeRecord, 'id' | 'code'>[]): Structure | null {
  let rest = ` ${foldText(text).replace(/[°º]/g, ' ').replace(/[^a-z0-9]+/g, ' ').trim()} `;
  let programmeId: string | null = null;
  for (const p of programmes) {
    // "segur", "ma sante 2022", "cfe cgc", "cfe", "ms": the programme's id, code and the id's first word.
    const names = [p.id.replace(/-/g, ' '), p.code.toLowerCase(), p.id.split('-')[0]!].filter((n) => !/^\d+$/.test(n));
    for (const name of [...new Set(names)].sort((a, b) => b.length - a.length)) {
      if (rest.includes(` ${name} `)) {
        programmeId = p.id;
        rest = rest.replace(` ${name} `, ' ');
        break;
      }
    }
    if (programmeId) break;
  }
  const group = /^ (chantier|pilier) (?:n )?(\d+) $/.exec(rest);
  if (group && !programmeId) return { kind: 'group', group: group[1] as 'chantier' | 'pilier', number: Number(group[2]) };
  let pilier: number | null = null;
  rest = rest.replace(/ pilier (?:n )?(\d+) /, (_, n: string) => {
    pilier = Number(n);
    return ' ';
  });
  const numbered = /^ (?:(mesure|mesures|measure|proposition|propositions|proposal|prop) )?(?:n )?(\d{1,4}) $/.exec(rest);
  if (!numbered || (!numbered[1] && !programmeId && pilier === null)) return null;
  const word = numbered[1];
  const kinds: ('measure' | 'proposal')[] | null = !word ? null : /^prop/.test(word) ? ['proposal'] : ['measure'];
  return { kind: 'number', number: Number(numbered[2]), kinds, programmeId, pilier };
}

/**
 * The query's stems with their weight — catalogue words as typed or without accents, else their
 * corrections — and, per query word, the stems that stand for it (a typo's corrections are
 * alternatives).
 */
function queryStems(db: Db, query: string): { weights: Map<string, number>; words: string[][] } {
  const weights = new Map<string, number>();
  const words: string[][] = [];
  const add = (stem: string, weight: number) => weights.set(stem, Math.max(weights.get(stem) ?? 0, weight));
  // A word of one or two letters names nothing ("co", "et") unless typed as an acronym ("IA", "SU").
  const acronyms = new Set((query.match(/\b[A-Z]{2}\b/g) ?? []).map((a) => a.toLowerCase()));
  for (const [word, stem] of topicWords(query)) {
    if (word.length <= 2 && !/\d/.test(word) && !acronyms.has(word)) continue;
    const known = lookupWordStem(db, word);
    let found: { stem: string; weight: number }[] = [];
    if (known !== null) found = [{ stem: known, weight: 1 }];
    else if (lookupStemFrequency(db, stem) > 0) found = [{ stem, weight: 1 }];
    else if (word.length >= 4) found = corrections(db, word);
    for (const f of found) add(f.stem, f.weight);
    if (found.length > 0) words.push(found.map((f) => f.stem));
  }
  return { weights, words };
}

/** Catalogue words a mistyped word may mean: few edits away, weighted by how few. */
function corrections(db: Db, word: string): { stem: string; weight: number }[] {
  const limit = Math.max(1, Math.floor(word.length / 4));
  return lookupWordsLike(db, word, 30)
    .map((c) => ({ ...c, edits: editDistance(word, c.word, limit) }))
    .filter((c) => c.edits <= limit)
    .sort((a, b) => a.edits - b.edits)
    .slice(0, 3)
    .map((c) => ({ stem: c.stem, weight: 1 - c.edits / Math.max(word.length, c.word.length) }));
}

/** FTS5 phrase for one stem. */
const phrase = (stem: string) => `"${stem.replace(/"/g, '""')}"`;

/**
 * BM25F over the candidates' fields, scaled by the share of the query's weight each covers, and
 * normalised by the best a measure could score, so that scores of one query compare. Pure.
 */
export function scoreCandidates(stems: ReadonlyMap<string, { weight: number; idf: number }>, candidates: readonly SearchCandidate[], stats: SearchStats): NameHit[] {
  let total = 0;
  for (const { weight, idf } of stems.values()) total += weight * idf;
  if (total === 0) return [];
  return candidates
    .map((c) => {
      const wtf = new Map<string, number>();
      for (const { name, weight } of FIELDS) {
        const terms = c[name] ? c[name].split(' ') : [];
        const norm = 1 - B + (B * terms.length) / Math.max(1, stats[name]);
        for (const t of terms) if (stems.has(t)) wtf.set(t, (wtf.get(t) ?? 0) + weight / norm);
      }
      let sum = 0;
      let covered = 0;
      for (const [t, w] of wtf) {
        const q = stems.get(t)!;
        sum += q.weight * q.idf * (w / (K1 + w));
        covered += q.weight * q.idf;
      }
      return { id: c.id, rank: c.rank, score: RANKED_CEILING * (sum / total) * (covered / total) };
    })
    .filter((h) => h.score > 0)
    .sort((a, b) => b.score - a.score || a.rank - b.rank)
    .map(({ id, score }) => ({ id, score }));
}

/** Ranked lookup of free text: a bounded candidate set from the index, re-ranked. */
function rank(db: Db, query: string, k: number): NameHit[] {
  const { weights, words } = queryStems(db, query);
  if (weights.size === 0) return [];
  const stats = readSearchStats(db);
  const docs = Math.max(1, stats.docs);
  const stems = new Map<string, { weight: number; idf: number; df: number }>();
  for (const [stem, weight] of weights) {
    const df = lookupStemFrequency(db, stem);
    if (df > 0) stems.set(stem, { weight, df, idf: Math.log(1 + (docs - df + 0.5) / (df + 0.5)) });
  }
  if (stems.size === 0) return [];
  // Query planning: measures holding every stem first (their intersection is no larger than the
  // rarest stem's postings); when too few do, the rarer stems (any of them) while their postings
  // fit the budget. When even the rarest stem is too common to rank, a bounded sample (such a text
  // names no record in particular). Then the candidates are re-ranked with every stem.
  const byRarity = [...stems].sort((a, b) => a[1].df - b[1].df).map(([s]) => s);
  const affordable = stems.get(byRarity[0]!)!.df <= RANK_BUDGET;
  let candidates: SearchCandidate[] = [];
  const every = words
    .map((alternatives) => alternatives.filter((s) => stems.has(s)))
    .filter((a) => a.length > 0)
    .map((a) => (a.length === 1 ? phrase(a[0]!) : `(${a.map(phrase).join(' OR ')})`));
  if (every.length > 1) candidates = lookupCandidates(db, every.join(' AND '), CANDIDATES, affordable);
  if (candidates.length <= k) {
    const retrieve: string[] = [];
    let postings = 0;
    for (const s of byRarity) {
      postings += stems.get(s)!.df;
      if (postings > RANK_BUDGET && retrieve.length > 0) break;
      retrieve.push(s);
    }
    const more = lookupCandidates(db, retrieve.map(phrase).join(' OR '), CANDIDATES, affordable);
    const have = new Set(candidates.map((c) => c.id));
    candidates = [...candidates, ...more.filter((c) => !have.has(c.id))];
  }
  return scoreCandidates(stems, candidates, stats).slice(0, k);
}

/**
 * Lookup of measures by what a person types, best first, each with a score that compares with the
 * other candidates of the same text (so that a caller can require a margin between the best and
 * the second): structure first (ID, number, chantier or pilier), then names typed in full, then
 * ranked words. At most `k`.
 */
export function searchMeasureNames(db: Db, text: string, k = 5): NameHit[] {
  const query = text.trim();
  if (!query || k < 1) return [];
  const certain = (ids: readonly string[], score = SCORE_ID) => ids.slice(0, k).map((id) => ({ id, score }));
  const typedId = asId(query);
  const exact = typedId ? lookupExactId(db, typedId) : null;
  if (exact) return certain([exact]);
  const structure = readStructure(query, readProgrammes(db));
  if (structure?.kind === 'number') {
    const ids = lookupByNumber(db, { number: structure.number, kinds: structure.kinds, programmeId: structure.programmeId, pilier: structure.pilier });
    if (ids.length > 0) return certain(ids);
  }
  if (structure?.kind === 'group') return certain(lookupGroupMeasures(db, { kind: structure.group, number: structure.number }, k), SCORE_GROUP);
  if (typedId) {
    const ids = lookupIdSuffix(db, typedId, k);
    if (ids.length > 0) return certain(ids);
  }
  const out: NameHit[] = [];
  const seen = new Set<string>();
  const push = (hit: NameHit) => {
    if (out.length < k && !seen.has(hit.id)) {
      seen.add(hit.id);
      out.push(hit);
    }
  };
  const key = nameKey(query);
  if (key) for (const id of lookupName(db, key)) push({ id, score: SCORE_NAME });
  if (out.length < k) for (const hit of rank(db, query, k + out.length)) push(hit);
  return out;
}

/**
 * IDs close to a mistyped one, for "Vouliez-vous dire …": fewest edits first, then the nearest
 * numbers (MS-C3-P5 → MS-C3-P4 before MS-C3-P1); when no ID is close, the best lookups of the
 * text. Only IDs sharing the typed one's leading segments are compared (an indexed range).
 */
export function suggestIds(db: Db, typed: string, k = 3): string[] {
  const target = typed.trim().toUpperCase().replace(/[\s_]+/g, '-');
  const limit = Math.max(2, Math.ceil(target.length / 4));
  const numbers = (id: string) => (id.match(/\d+/g) ?? []).map(Number);
  const targetNumbers = numbers(target);
  const gap = (id: string) => numbers(id).reduce((sum, n, i) => sum + Math.abs(n - (targetNumbers[i] ?? 0)), 0);
  const segments = target.split('-');
  for (let cut = segments.length - 1; cut >= 1; cut--) {
    const ids = lookupIdPrefix(db, `${segments.slice(0, cut).join('-')}-`, 2000);
    const near = ids
      .map((id) => ({ id, edits: editDistance(target, id, limit) }))
      .filter((c) => c.edits <= limit)
      .sort((a, b) => a.edits - b.edits || gap(a.id) - gap(b.id) || a.id.length - b.id.length)
      .slice(0, k)
      .map((c) => c.id);
    if (near.length > 0) return near;
  }
  return searchMeasureNames(db, typed, k).map((h) => h.id);
}
