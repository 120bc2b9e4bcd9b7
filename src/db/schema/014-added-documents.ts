import type { Migration } from '../migrations.js';

/**
 * The catalogue of documents added with `jalon documents add` or from Slack (the shipped ones are
 * catalogued in knowledge/sources.yml). Their text and passages live in `documents` / `passages`
 * like the shipped ones; this table keeps what only they have: where the file came from, its
 * pages, its hash (the same content is never indexed twice) and who added it. `seq` gives the
 * visible id (D<seq>) and is never reused.
 */
export const addedDocumentsMigration: Migration = {
  version: 14,
  name: 'added-documents',
  sql: `
    CREATE TABLE added_documents (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      file TEXT NOT NULL UNIQUE,
      format TEXT NOT NULL CHECK (format IN ('pdf', 'docx', 'pptx', 'txt', 'md')),
      title TEXT NOT NULL,
      -- 0 while the file name stands in for a title the document does not print.
      title_found INTEGER NOT NULL CHECK (title_found IN (0, 1)),
      date TEXT CHECK (date IS NULL OR date GLOB '[12][0-9][0-9][0-9]' OR date GLOB '[12][0-9][0-9][0-9]-[01][0-9]'),
      publisher TEXT,
      kind TEXT NOT NULL,
      url TEXT,
      page_count INTEGER,
      -- JSON array: the first line of each page (null without pages).
      page_starts TEXT,
      passages INTEGER NOT NULL DEFAULT 0,
      bytes INTEGER NOT NULL,
      file_hash TEXT NOT NULL UNIQUE,
      added_at TEXT NOT NULL,
      added_by TEXT NOT NULL
    );
  `,
};
