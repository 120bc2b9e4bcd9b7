import type { Migration } from '../migrations.js';

export const corpusMigration: Migration = {
  version: 1,
  name: 'corpus',
  sql: `
    CREATE TABLE documents (
      file TEXT PRIMARY KEY,
      id TEXT NOT NULL,
      title TEXT NOT NULL,
      short TEXT NOT NULL,
      hash TEXT NOT NULL,
      line_count INTEGER NOT NULL,
      -- The seed text as indexed: quotes are verified against exactly these lines.
      content TEXT NOT NULL,
      indexed_at TEXT NOT NULL
    );
    CREATE TABLE passages (
      id INTEGER PRIMARY KEY,
      source TEXT NOT NULL REFERENCES documents(file) ON DELETE CASCADE,
      line_from INTEGER NOT NULL,
      line_to INTEGER NOT NULL,
      section TEXT NOT NULL,
      text TEXT NOT NULL
    );
    CREATE INDEX passages_source ON passages(source, line_from);
    -- Stemmed, accent-folded forms are computed in JS (French Snowball), so FTS5 only tokenizes.
    CREATE VIRTUAL TABLE passages_fts USING fts5(
      section, body, tokenize = 'unicode61 remove_diacritics 2'
    );
    CREATE TABLE glossary (
      acronym TEXT PRIMARY KEY,
      expansion TEXT NOT NULL,
      variants TEXT NOT NULL DEFAULT '[]',
      source TEXT,
      line INTEGER
    );
  `,
};
