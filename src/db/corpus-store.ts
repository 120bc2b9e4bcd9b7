import type { Passage } from '../corpus/build-passages.js';
import type { GlossaryEntry } from '../knowledge/load-glossary.js';
import type Database from 'better-sqlite3';
import type { Db } from './open-database.js';

export interface DocumentRow {
  file: string;
  id: string;
  title: string;
  short: string;
  hash: string;
  line_count: number;
}

export interface DocumentWithContent extends DocumentRow {
  content: string;
}

export interface StoredPassage extends Passage {
  id: number;
}

export interface IndexedPassage {
  passage: Passage;
  /** Stemmed, folded forms for FTS5 (see search/normalize). */
  sectionStems: string;
  bodyStems: string;
}

export function listDocuments(db: Db): DocumentRow[] {
  return db.prepare('SELECT file, id, title, short, hash, line_count FROM documents ORDER BY file').all() as DocumentRow[];
}

/** Replaces one document and its passages atomically. */
export function replaceDocument(db: Db, doc: DocumentWithContent, passages: readonly IndexedPassage[], indexedAt: string): void {
  const deleteFts = db.prepare('DELETE FROM passages_fts WHERE rowid IN (SELECT id FROM passages WHERE source = ?)');
  const deletePassages = db.prepare('DELETE FROM passages WHERE source = ?');
  const upsertDoc = db.prepare(
    `INSERT INTO documents (file, id, title, short, hash, line_count, content, indexed_at) VALUES (@file, @id, @title, @short, @hash, @line_count, @content, @indexedAt)
     ON CONFLICT(file) DO UPDATE SET id = excluded.id, title = excluded.title, short = excluded.short, hash = excluded.hash,
       line_count = excluded.line_count, content = excluded.content, indexed_at = excluded.indexed_at`,
  );
  const insertPassage = db.prepare('INSERT INTO passages (source, line_from, line_to, section, text) VALUES (?, ?, ?, ?, ?)');
  const insertFts = db.prepare('INSERT INTO passages_fts (rowid, section, body) VALUES (?, ?, ?)');
  db.transaction(() => {
    deleteFts.run(doc.file);
    deletePassages.run(doc.file);
    upsertDoc.run({ ...doc, indexedAt });
    for (const { passage, sectionStems, bodyStems } of passages) {
      const { lastInsertRowid } = insertPassage.run(doc.file, passage.lines[0], passage.lines[1], passage.section, passage.text);
      insertFts.run(lastInsertRowid, sectionStems, bodyStems);
    }
  })();
}

export function removeDocument(db: Db, file: string): void {
  db.transaction(() => {
    db.prepare('DELETE FROM passages_fts WHERE rowid IN (SELECT id FROM passages WHERE source = ?)').run(file);
    db.prepare('DELETE FROM passages WHERE source = ?').run(file);
    db.prepare('DELETE FROM documents WHERE file = ?').run(file);
  })();
}

export function replaceGlossary(db: Db, entries: readonly GlossaryEntry[]): void {
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

const matchStatements = new WeakMap<Db, Database.Statement>();

/**
 * FTS5 candidates: ids of passages containing any of the terms, best bm25 first (the section weighs
 * double). `match` must be a safe FTS5 expression (quoted stems joined by OR).
 */
export function matchPassages(db: Db, match: string, limit: number): { id: number }[] {
  let statement = matchStatements.get(db);
  if (!statement) {
    statement = db.prepare('SELECT rowid AS id FROM passages_fts WHERE passages_fts MATCH ? ORDER BY bm25(passages_fts, 2.0, 1.0) LIMIT ?');
    matchStatements.set(db, statement);
  }
  return statement.all(match, limit) as { id: number }[];
}

/** All passages, in document order: the search layer keeps them in memory for re-ranking. */
export function readPassages(db: Db): StoredPassage[] {
  const rows = db.prepare('SELECT id, source, line_from, line_to, section, text FROM passages ORDER BY source, line_from').all() as {
    id: number;
    source: string;
    line_from: number;
    line_to: number;
    section: string;
    text: string;
  }[];
  return rows.map((r) => ({ id: r.id, source: r.source, lines: [r.line_from, r.line_to], section: r.section, text: r.text }));
}

/** The stemmed forms stored for FTS5, read back to build the in-memory re-ranking statistics. */
export function readPassageStems(db: Db): { id: number; section: string; body: string }[] {
  return db.prepare('SELECT rowid AS id, section, body FROM passages_fts').all() as { id: number; section: string; body: string }[];
}

/** Each indexed document's lines, as indexed (citations and quote checks read these). */
export function readDocumentLines(db: Db): Map<string, string[]> {
  const rows = db.prepare('SELECT file, content FROM documents').all() as { file: string; content: string }[];
  return new Map(rows.map((r) => [r.file, r.content.split('\n')]));
}
