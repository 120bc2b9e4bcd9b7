import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { GlossaryEntry } from '../knowledge/load-glossary.js';
import type { Db } from './open-database.js';
import { prepared } from './prepared.js';
import { decodeVarints, encodeVarints } from './varints.js';

export interface DocumentRow {
  id: number;
  file: string;
  slug: string;
  title: string;
  short: string;
  size: number;
  mtime_ms: number;
  hash: string;
  line_count: number;
  passage_count: number;
}

export interface DocumentInput {
  file: string;
  slug: string;
  title: string;
  short: string;
  size: number;
  mtimeMs: number;
  hash: string;
  content: string;
  /** Stems naming the document (title and short name). */
  nameStems: readonly string[];
}

/** One stored sentence or bullet: its lines, its token span in the passage body, flags, text. */
export interface StoredUnit {
  lines: [number, number];
  /** [first, end) offsets into the passage's body terms. */
  tokens: [number, number];
  flags: number;
  text: string;
}

/** A passage ready to store: stems in text order (body), heading stems, units. */
export interface PassageInput {
  lines: [number, number];
  section: string;
  body: readonly string[];
  head: readonly string[];
  units: readonly StoredUnit[];
}

/** A passage as ranking reads it: term ids, not text. */
export interface PassageTerms {
  id: number;
  file: string;
  lines: [number, number];
  section: string;
  body: number[];
  head: number[];
}

export interface CorpusStats {
  passages: number;
  tokens: number;
}

/** Whether anything is indexed yet. */
export function hasDocuments(db: Db): boolean {
  return prepared(db, 'SELECT 1 FROM documents LIMIT 1').get() !== undefined;
}

export function listDocuments(db: Db): DocumentRow[] {
  return prepared(db, 'SELECT id, file, slug, title, short, size, mtime_ms, hash, line_count, passage_count FROM documents ORDER BY file').all() as DocumentRow[];
}

/** The file is unchanged but was touched: remember its new size and time so it is not read again. */
export function touchDocument(db: Db, file: string, size: number, mtimeMs: number): void {
  prepared(db, 'UPDATE documents SET size = ?, mtime_ms = ? WHERE file = ?').run(size, mtimeMs, file);
}

/**
 * Replaces one document — its text, passages, full-text rows, term frequencies and corpus
 * statistics — in one transaction: a crash leaves the old version or the new, never half of one.
 */
export function storeDocument(db: Db, doc: DocumentInput, passages: readonly PassageInput[], indexedAt: string): void {
  db.transaction(() => {
    deleteDocumentRows(db, doc.file);
    const { lastInsertRowid } = prepared(
      db,
      `INSERT INTO documents (file, slug, title, short, size, mtime_ms, hash, line_count, passage_count, indexed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      doc.file,
      doc.slug,
      doc.title,
      doc.short,
      doc.size,
      doc.mtimeMs,
      doc.hash,
      doc.content.split('\n').length,
      passages.length,
      indexedAt,
    );
    const docId = Number(lastInsertRowid);
    prepared(db, 'INSERT INTO document_texts (doc, content) VALUES (?, ?)').run(docId, deflateRawSync(doc.content));
    for (const stem of new Set(doc.nameStems)) prepared(db, 'INSERT OR IGNORE INTO document_names (stem, doc) VALUES (?, ?)').run(stem, docId);

    // Document frequencies first: a stem's id is what the passages store.
    const perPassage = new Map<string, number>();
    for (const p of passages) for (const stem of new Set([...p.body, ...p.head])) perPassage.set(stem, (perPassage.get(stem) ?? 0) + 1);
    const ids = new Map<string, number>();
    const upsert = prepared(db, 'INSERT INTO terms (stem, df) VALUES (?, ?) ON CONFLICT(stem) DO UPDATE SET df = df + excluded.df RETURNING id');
    for (const [stem, n] of perPassage) ids.set(stem, (upsert.get(stem, n) as { id: number }).id);

    const insertPassage = prepared(db, 'INSERT INTO passages (doc, line_from, line_to, section, body, head, units) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const insertFts = prepared(db, 'INSERT INTO passages_fts (rowid, section, body) VALUES (?, ?, ?)');
    let tokens = 0;
    for (const p of passages) {
      const units = p.units.map((u) => [u.lines[0], u.lines[1], u.tokens[0], u.tokens[1], u.flags, u.text]);
      const row = insertPassage.run(
        docId,
        p.lines[0],
        p.lines[1],
        p.section,
        encodeVarints(p.body.map((s) => ids.get(s)!)),
        encodeVarints(p.head.map((s) => ids.get(s)!)),
        deflateRawSync(JSON.stringify(units)),
      );
      insertFts.run(row.lastInsertRowid, p.head.join(' '), p.body.join(' '));
      tokens += p.body.length;
    }
    addStats(db, passages.length, tokens);
  })();
}

export function removeDocument(db: Db, file: string): void {
  db.transaction(() => deleteDocumentRows(db, file))();
}

/** Deletes a document's rows and takes its passages out of the frequencies and statistics. */
function deleteDocumentRows(db: Db, file: string): void {
  const doc = prepared(db, 'SELECT id FROM documents WHERE file = ?').get(file) as { id: number } | undefined;
  if (!doc) return;
  const rows = prepared(db, 'SELECT id, body, head FROM passages WHERE doc = ?').all(doc.id) as { id: number; body: Buffer; head: Buffer }[];
  const perPassage = new Map<number, number>();
  let tokens = 0;
  const deleteFts = prepared(db, 'DELETE FROM passages_fts WHERE rowid = ?');
  for (const row of rows) {
    const body = decodeVarints(row.body);
    tokens += body.length;
    for (const id of new Set([...body, ...decodeVarints(row.head)])) perPassage.set(id, (perPassage.get(id) ?? 0) + 1);
    deleteFts.run(row.id);
  }
  const decrement = prepared(db, 'UPDATE terms SET df = df - ? WHERE id = ?');
  const drop = prepared(db, 'DELETE FROM terms WHERE id = ? AND df <= 0');
  for (const [id, n] of perPassage) {
    decrement.run(n, id);
    drop.run(id);
  }
  prepared(db, 'DELETE FROM passages WHERE doc = ?').run(doc.id);
  prepared(db, 'DELETE FROM document_names WHERE doc = ?').run(doc.id);
  prepared(db, 'DELETE FROM document_texts WHERE doc = ?').run(doc.id);
  prepared(db, 'DELETE FROM documents WHERE id = ?').run(doc.id);
  addStats(db, -rows.length, -tokens);
}

function addStats(db: Db, passages: number, tokens: number): void {
  const add = prepared(db, 'UPDATE corpus_stats SET value = value + ? WHERE key = ?');
  add.run(passages, 'passages');
  add.run(tokens, 'tokens');
}

export function readCorpusStats(db: Db): CorpusStats {
  const rows = prepared(db, 'SELECT key, value FROM corpus_stats').all() as { key: string; value: number }[];
  const get = (key: string) => rows.find((r) => r.key === key)?.value ?? 0;
  return { passages: get('passages'), tokens: get('tokens') };
}

/** Ids and document frequencies of the stems the index knows (absent stems are left out). */
export function lookupTerms(db: Db, stems: readonly string[]): Map<string, { id: number; df: number }> {
  const out = new Map<string, { id: number; df: number }>();
  if (stems.length === 0) return out;
  const rows = prepared(db, 'SELECT id, stem, df FROM terms WHERE stem IN (SELECT value FROM json_each(?)) AND df > 0').all(JSON.stringify([...new Set(stems)])) as {
    id: number;
    stem: string;
    df: number;
  }[];
  for (const r of rows) out.set(r.stem, { id: r.id, df: r.df });
  return out;
}

/** Known stems that start with `prefix` and whose length is within [min, max]: typo-repair candidates. */
export function termsWithPrefix(db: Db, prefix: string, min: number, max: number, limit: number): { stem: string; df: number }[] {
  return prepared(db, 'SELECT stem, df FROM terms WHERE stem >= ? AND stem < ? AND length(stem) BETWEEN ? AND ? AND df > 0 LIMIT ?').all(
    prefix,
    `${prefix}\uffff`,
    min,
    max,
    limit,
  ) as { stem: string; df: number }[];
}

export function stemsOfTerms(db: Db, ids: readonly number[]): Map<number, string> {
  const rows = prepared(db, 'SELECT id, stem FROM terms WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify([...new Set(ids)])) as { id: number; stem: string }[];
  return new Map(rows.map((r) => [r.id, r.stem]));
}

/**
 * FTS5 candidates: ids of passages matching `match`, best bm25 first (the heading weighs double).
 * `match` must be a safe FTS5 expression built from quoted stems.
 */
export function matchPassages(db: Db, match: string, limit: number): number[] {
  const rows = prepared(db, 'SELECT rowid AS id FROM passages_fts WHERE passages_fts MATCH ? ORDER BY bm25(passages_fts, 2.0, 1.0) LIMIT ?').all(match, limit) as { id: number }[];
  return rows.map((r) => r.id);
}

export function readPassageTerms(db: Db, ids: readonly number[]): PassageTerms[] {
  if (ids.length === 0) return [];
  const rows = prepared(
    db,
    `SELECT p.id, d.file, p.line_from, p.line_to, p.section, p.body, p.head
     FROM passages p JOIN documents d ON d.id = p.doc WHERE p.id IN (SELECT value FROM json_each(?))`,
  ).all(JSON.stringify(ids)) as { id: number; file: string; line_from: number; line_to: number; section: string; body: Buffer; head: Buffer }[];
  return rows.map((r) => ({ id: r.id, file: r.file, lines: [r.line_from, r.line_to], section: r.section, body: decodeVarints(r.body), head: decodeVarints(r.head) }));
}

export function readPassageUnits(db: Db, id: number): StoredUnit[] {
  const row = prepared(db, 'SELECT units FROM passages WHERE id = ?').get(id) as { units: Buffer } | undefined;
  if (!row) return [];
  return (JSON.parse(inflateRawSync(row.units).toString('utf8')) as [number, number, number, number, number, string][]).map(([a, b, t0, t1, flags, text]) => ({
    lines: [a, b],
    tokens: [t0, t1],
    flags,
    text,
  }));
}

/** Passages of a document in order, as [id, lines]: the neighbours of a passage. */
export function passagesAround(db: Db, id: number, span: number): { id: number; lines: [number, number] }[] {
  const rows = prepared(
    db,
    `SELECT p.id, p.line_from, p.line_to FROM passages p
     WHERE p.doc = (SELECT doc FROM passages WHERE id = ?) AND p.id BETWEEN ? AND ? ORDER BY p.id`,
  ).all(id, id - span, id + span) as { id: number; line_from: number; line_to: number }[];
  return rows.map((r) => ({ id: r.id, lines: [r.line_from, r.line_to] }));
}

/** Each indexed document's lines, as indexed (citations and quote checks read these). */
export function readDocumentLines(db: Db, file: string): string[] | null {
  const row = prepared(db, 'SELECT t.content FROM documents d JOIN document_texts t ON t.doc = d.id WHERE d.file = ?').get(file) as { content: Buffer } | undefined;
  return row ? inflateRawSync(row.content).toString('utf8').split('\n') : null;
}

/** Documents whose title or short name holds each stem. */
export function documentsNamedBy(db: Db, stems: readonly string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (stems.length === 0) return out;
  const rows = prepared(
    db,
    'SELECT n.stem, d.file FROM document_names n JOIN documents d ON d.id = n.doc WHERE n.stem IN (SELECT value FROM json_each(?))',
  ).all(JSON.stringify([...new Set(stems)])) as { stem: string; file: string }[];
  for (const r of rows) out.set(r.stem, [...(out.get(r.stem) ?? []), r.file]);
  return out;
}

export function readDocumentTitle(db: Db, file: string): { title: string; short: string } | null {
  return (prepared(db, 'SELECT title, short FROM documents WHERE file = ?').get(file) as { title: string; short: string } | undefined) ?? null;
}

/** Replaces the stored glossary when it differs (no write at all when it is the same). */
export function replaceGlossary(db: Db, entries: readonly GlossaryEntry[]): void {
  if (JSON.stringify(readGlossary(db)) === JSON.stringify(entries)) return;
  const insert = db.prepare('INSERT INTO glossary (acronym, expansion, variants, source, line) VALUES (?, ?, ?, ?, ?)');
  db.transaction(() => {
    db.prepare('DELETE FROM glossary').run();
    for (const e of entries) insert.run(e.acronym, e.expansion, JSON.stringify(e.variants), e.source, e.line);
  })();
}

export function readGlossary(db: Db): GlossaryEntry[] {
  const rows = db.prepare('SELECT acronym, expansion, variants, source, line FROM glossary').all() as {
    acronym: string;
    expansion: string;
    variants: string;
    source: string;
    line: number;
  }[];
  return rows.map((r) => ({ ...r, variants: JSON.parse(r.variants) as string[] }));
}
