import { createHash } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import type { DocumentFormat } from '../documents/extracted-document.js';
import type { Db } from './open-database.js';

/** One added document as the catalogue keeps it. */
export interface AddedDocumentRow {
  seq: number;
  file: string;
  format: DocumentFormat;
  title: string;
  titleFound: boolean;
  date: string | null;
  publisher: string | null;
  kind: string;
  url: string | null;
  pageCount: number | null;
  /** First line of each page, or null without pages. */
  pageStarts: number[] | null;
  passages: number;
  bytes: number;
  fileHash: string;
  addedAt: string;
  addedBy: string;
}

interface RawRow {
  seq: number;
  file: string;
  format: DocumentFormat;
  title: string;
  title_found: number;
  date: string | null;
  publisher: string | null;
  kind: string;
  url: string | null;
  page_count: number | null;
  page_starts: string | null;
  passages: number;
  bytes: number;
  file_hash: string;
  added_at: string;
  added_by: string;
}

const fromRaw = (r: RawRow): AddedDocumentRow => ({
  seq: r.seq,
  file: r.file,
  format: r.format,
  title: r.title,
  titleFound: r.title_found === 1,
  date: r.date,
  publisher: r.publisher,
  kind: r.kind,
  url: r.url,
  pageCount: r.page_count,
  pageStarts: r.page_starts ? (JSON.parse(r.page_starts) as number[]) : null,
  passages: r.passages,
  bytes: r.bytes,
  fileHash: r.file_hash,
  addedAt: r.added_at,
  addedBy: r.added_by,
});

export function listAddedDocuments(db: Db): AddedDocumentRow[] {
  return (db.prepare('SELECT * FROM added_documents ORDER BY seq').all() as RawRow[]).map(fromRaw);
}

export function findAddedDocument(db: Db, by: { seq: number } | { file: string } | { fileHash: string }): AddedDocumentRow | null {
  const [column, value] = 'seq' in by ? ['seq', by.seq] : 'file' in by ? ['file', by.file] : ['file_hash', by.fileHash];
  const row = db.prepare(`SELECT * FROM added_documents WHERE ${column} = ?`).get(value) as RawRow | undefined;
  return row ? fromRaw(row) : null;
}

/** Inserts a catalogue row (its passages are counted later, in the same transaction); returns its seq. */
export function insertAddedDocument(db: Db, row: Omit<AddedDocumentRow, 'seq' | 'passages'>): number {
  const { lastInsertRowid } = db
    .prepare(
      `INSERT INTO added_documents (file, format, title, title_found, date, publisher, kind, url, page_count, page_starts, bytes, file_hash, added_at, added_by)
       VALUES (@file, @format, @title, @titleFound, @date, @publisher, @kind, @url, @pageCount, @pageStarts, @bytes, @fileHash, @addedAt, @addedBy)`,
    )
    .run({ ...row, titleFound: row.titleFound ? 1 : 0, pageStarts: row.pageStarts ? JSON.stringify(row.pageStarts) : null });
  return Number(lastInsertRowid);
}

/** Changes what a person may correct (title, date, link, kind, publisher) and the passage count. */
export function updateAddedDocument(
  db: Db,
  seq: number,
  changes: Partial<Pick<AddedDocumentRow, 'title' | 'titleFound' | 'date' | 'url' | 'kind' | 'publisher' | 'passages' | 'pageCount' | 'pageStarts'>>,
): void {
  const columns: Record<string, string> = {
    title: 'title',
    titleFound: 'title_found',
    date: 'date',
    url: 'url',
    kind: 'kind',
    publisher: 'publisher',
    passages: 'passages',
    pageCount: 'page_count',
    pageStarts: 'page_starts',
  };
  const entries = Object.entries(changes).filter(([key, value]) => key in columns && value !== undefined);
  if (entries.length === 0) return;
  const set = entries.map(([key]) => `${columns[key]} = @${key}`).join(', ');
  const stored = (value: unknown) => (typeof value === 'boolean' ? (value ? 1 : 0) : Array.isArray(value) ? JSON.stringify(value) : value);
  const values = Object.fromEntries(entries.map(([key, value]) => [key, stored(value)]));
  db.prepare(`UPDATE added_documents SET ${set} WHERE seq = @seq`).run({ ...values, seq });
}

export function deleteAddedDocument(db: Db, seq: number): void {
  db.prepare('DELETE FROM added_documents WHERE seq = ?').run(seq);
}

/** Passages per indexed document (shipped and added). */
export function countPassagesBySource(db: Db): Map<string, number> {
  const rows = db.prepare('SELECT file AS source, passage_count AS n FROM documents').all() as { source: string; n: number }[];
  return new Map(rows.map((r) => [r.source, r.n]));
}

/** An indexed document's id, text and index hash, or null when it is not indexed. */
export function readIndexedDocument(db: Db, file: string): { id: string; short: string; content: string; hash: string } | null {
  const row = db.prepare('SELECT d.slug AS id, d.short, t.content, d.hash FROM documents d JOIN document_texts t ON t.doc = d.id WHERE d.file = ?').get(file) as { id: string; short: string; content: Buffer; hash: string } | undefined;
  return row ? { ...row, content: inflateRawSync(row.content).toString('utf8') } : null;
}

/**
 * The shipped document (not an added one) whose text is exactly `content`, or null: a copy of the
 * shipped corpus is refused. Compared by hash — a shipped document's index hash ends with its text's
 * SHA-256 — so no document text is read.
 */
export function findShippedCopy(db: Db, content: string): { file: string; id: string; short: string } | null {
  const digest = createHash('sha256').update(content).digest('hex');
  return (
    (db
      .prepare("SELECT file, slug AS id, short FROM documents WHERE substr(hash, -64) = ? AND file NOT IN (SELECT file FROM added_documents)")
      .get(digest) as { file: string; id: string; short: string } | undefined) ?? null
  );
}
