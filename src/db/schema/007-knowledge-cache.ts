import type { Migration } from '../migrations.js';

/**
 * Parsed knowledge files (glossary, lexicon, synonyms, catalogue), keyed by path and stamped with
 * the file's size and modification time: a command starts without parsing YAML it already read.
 */
export const knowledgeCacheMigration: Migration = {
  version: 7,
  name: 'knowledge-cache',
  sql: `
    CREATE TABLE knowledge_cache (
      path TEXT PRIMARY KEY,
      stamp TEXT NOT NULL,
      json TEXT NOT NULL
    );
  `,
};
