import type { Migration } from '../migrations.js';

/**
 * The passage index moves to disk (docs/decisions/0007): what ranking and answering need per
 * passage and per sentence is computed once at indexing and stored, so a process reads only the
 * rows a question touches. Replaces the tables of migration 1; documents are re-indexed.
 */
export const corpusOnDiskMigration: Migration = {
  version: 6,
  name: 'corpus-on-disk',
  sql: `
    DROP TABLE passages_fts;
    DROP TABLE passages;
    DROP TABLE documents;
    CREATE TABLE documents (
      id INTEGER PRIMARY KEY,
      file TEXT NOT NULL UNIQUE,
      slug TEXT NOT NULL,
      title TEXT NOT NULL,
      short TEXT NOT NULL,
      -- size and mtime tell an unchanged file without reading it; hash covers the text, the
      -- catalogue entry and the indexer version.
      size INTEGER NOT NULL,
      mtime_ms INTEGER NOT NULL,
      hash TEXT NOT NULL,
      line_count INTEGER NOT NULL,
      passage_count INTEGER NOT NULL,
      indexed_at TEXT NOT NULL
    );
    -- The text as indexed, deflated: quotes are verified against exactly these lines. Apart from
    -- the catalogue, so that listing documents never reads their texts.
    CREATE TABLE document_texts (
      doc INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
      content BLOB NOT NULL
    );
    CREATE TABLE passages (
      id INTEGER PRIMARY KEY,
      doc INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
      line_from INTEGER NOT NULL,
      line_to INTEGER NOT NULL,
      section TEXT NOT NULL,
      -- Term ids of the body and of the heading path, in text order (varints).
      body BLOB NOT NULL,
      head BLOB NOT NULL,
      -- Sentences and bullets, deflated JSON: [[line_from, line_to, first_token, end_token, flags, text], …].
      units BLOB NOT NULL
    );
    CREATE INDEX passages_doc ON passages(doc, line_from);
    -- Document frequency counts passages whose body or heading holds the stem.
    CREATE TABLE terms (
      id INTEGER PRIMARY KEY,
      stem TEXT NOT NULL UNIQUE,
      df INTEGER NOT NULL
    );
    CREATE TABLE corpus_stats (
      key TEXT PRIMARY KEY,
      value INTEGER NOT NULL
    ) WITHOUT ROWID;
    INSERT INTO corpus_stats (key, value) VALUES ('passages', 0), ('tokens', 0);
    -- Stems of each document's title and short name: a question naming a document leans to it.
    CREATE TABLE document_names (
      stem TEXT NOT NULL,
      doc INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
      PRIMARY KEY (stem, doc)
    ) WITHOUT ROWID;
    CREATE INDEX document_names_doc ON document_names(doc);
    -- Contentless: the stems live in passages.body already; rows are deleted by rowid.
    CREATE VIRTUAL TABLE passages_fts USING fts5(
      section, body, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
    );
  `,
};
