import type { Db } from './open-database.js';
import { prepared } from './prepared.js';

/**
 * The queries of measure lookup (see src/measures/find-measures.ts). Each one is an indexed read
 * of a few rows: no lookup reads the whole catalogue, so the cost does not grow with it. Retired
 * measures are never found.
 */

/** A measure the lookup may return, with what ranking and tie-breaking need. */
export interface LookupRow {
  id: string;
  /** Catalogue order: programme, then file order. */
  rank: number;
}

const SHOWN = 'm.retired = 0';

const ORDER = 'ORDER BY p.position, m.position';
const FROM = 'FROM measures m JOIN programmes p ON p.id = m.programme_id';

/** The measure an exact ID names (case already normalised), or the measure of a milestone ID. */
export function lookupExactId(db: Db, id: string): string | null {
  const row = prepared(db, 
      `SELECT m.id FROM measures m WHERE m.id = @id AND ${SHOWN}
       UNION ALL SELECT m.id FROM milestones ms JOIN measures m ON m.id = ms.measure_id WHERE ms.id = @id AND ${SHOWN} LIMIT 1`,
    )
    .get({ id }) as { id: string } | undefined;
  return row?.id ?? null;
}

const reverse = (s: string) => [...s].reverse().join('');

/**
 * Measures whose ID ends with "-<suffix>" ("C3-P4" → MS-C3-P4), shortest first, at most `limit`:
 * a suffix of the ID is a prefix of the reversed ID, which is indexed.
 */
export function lookupIdSuffix(db: Db, suffix: string, limit = 50): string[] {
  const from = `${reverse(suffix)}-`;
  const to = `${reverse(suffix)}.`; // '.' sorts right after '-'
  return (
    prepared(db, `SELECT m.id ${FROM} WHERE m.id_rev >= ? AND m.id_rev < ? AND ${SHOWN} ORDER BY length(m.id), p.position, m.position LIMIT ?`)
      .all(from, to, limit) as { id: string }[]
  ).map((r) => r.id);
}

/** IDs starting with `prefix` (indexed range), at most `limit`, for suggestions. */
export function lookupIdPrefix(db: Db, prefix: string, limit: number): string[] {
  return (
    prepared(db, `SELECT m.id FROM measures m WHERE m.id >= ? AND m.id < ? AND ${SHOWN} LIMIT ?`).all(prefix, `${prefix}\uffff`, limit) as { id: string }[]
  ).map((r) => r.id);
}

/** Measures by the document's own number ("mesure 26"), optionally of one kind, programme or pilier. */
export function lookupByNumber(
  db: Db,
  where: { number: number; kinds: readonly string[] | null; programmeId: string | null; pilier: number | null },
): string[] {
  return (
    prepared(db, 
        `SELECT m.id ${FROM} WHERE m.number = @number AND ${SHOWN}
           AND (@kinds IS NULL OR m.kind IN (SELECT value FROM json_each(@kinds)))
           AND (@programme IS NULL OR m.programme_id = @programme)
           AND (@pilier IS NULL OR m.pilier = @pilier)
         ${ORDER} LIMIT 50`,
      )
      .all({
        number: where.number,
        kinds: where.kinds ? JSON.stringify(where.kinds) : null,
        programme: where.programmeId,
        pilier: where.pilier,
      }) as { id: string }[]
  ).map((r) => r.id);
}

/** The measures of a chantier or pilier, in catalogue order, at most `limit`. */
export function lookupGroupMeasures(db: Db, group: { kind: 'chantier' | 'pilier'; number: number }, limit: number): string[] {
  const column = group.kind === 'chantier' ? 'm.chantier' : 'm.pilier';
  return (prepared(db, `SELECT m.id ${FROM} WHERE ${column} = ? AND ${SHOWN} ${ORDER} LIMIT ?`).all(group.number, limit) as { id: string }[]).map(
    (r) => r.id,
  );
}

/** Measures one of whose full names (title, alias, acronym), folded, is `name`. */
export function lookupName(db: Db, name: string): string[] {
  return (
    prepared(db, `SELECT m.id FROM measure_names n JOIN measures m ON m.id = n.measure_id JOIN programmes p ON p.id = m.programme_id
                WHERE n.name = ? AND ${SHOWN} ${ORDER} LIMIT 50`).all(name) as { id: string }[]
  ).map((r) => r.id);
}

/** The catalogue's stem of a folded word, when the catalogue has that word. */
export function lookupWordStem(db: Db, word: string): string | null {
  const row = prepared(db, 'SELECT stem FROM measure_words WHERE word = ?').get(word) as { stem: string } | undefined;
  return row?.stem ?? null;
}

/** In how many measures a stem occurs (0 when none). */
export function lookupStemFrequency(db: Db, stem: string): number {
  const row = prepared(db, 'SELECT doc FROM measure_search_terms WHERE term = ?').get(stem) as { doc: number } | undefined;
  return row?.doc ?? 0;
}

/** Catalogue words sharing trigrams with `word`, most shared first: candidates for a typo's correction. */
export function lookupWordsLike(db: Db, word: string, limit: number): { word: string; stem: string }[] {
  const trigrams = new Set<string>();
  for (let i = 0; i + 3 <= word.length; i++) trigrams.add(word.slice(i, i + 3));
  if (trigrams.size === 0) return [];
  const match = [...trigrams].map((t) => `"${t.replace(/"/g, '""')}"`).join(' OR ');
  return prepared(db, 
      `SELECT w.word, w.stem FROM measure_words_trigram t JOIN measure_words w ON w.id = t.rowid
       WHERE measure_words_trigram MATCH ? ORDER BY rank LIMIT ?`,
    )
    .all(match, limit) as { word: string; stem: string }[];
}

/** A candidate of ranked lookup: its indexed stems per field. */
export interface SearchCandidate extends LookupRow {
  title: string;
  aliases: string;
  pilots: string;
  description: string;
}

/**
 * Measures matching an FTS5 expression over stems, at most `limit`: the candidates the caller
 * re-ranks. `ranked`: the best bm25 first (titles weigh most), which costs a little per match;
 * else the first matches in index order, for a set too large to rank.
 */
export function lookupCandidates(db: Db, match: string, limit: number, ranked = true): SearchCandidate[] {
  const top = ranked
    ? 'SELECT rowid FROM measure_search WHERE measure_search MATCH ? ORDER BY bm25(measure_search, 3, 2.5, 1.5, 1) LIMIT ?'
    : 'SELECT rowid FROM measure_search WHERE measure_search MATCH ? LIMIT ?';
  return prepared(db, 
      `WITH top AS (${top})
       SELECT m.id, p.position * 1000000000 + m.position AS rank, s.title, s.aliases, s.pilots, s.description
       FROM top JOIN measure_search s ON s.rowid = top.rowid JOIN measures m ON m.rowid = top.rowid JOIN programmes p ON p.id = m.programme_id
       WHERE ${SHOWN}`,
    )
    .all(match, limit) as SearchCandidate[];
}
