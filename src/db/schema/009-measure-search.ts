import type { Migration } from '../migrations.js';

/**
 * Lookup of measures by name, on disk and indexed, so that a lookup reads a few rows whatever the
 * size of the catalogue:
 * - measure_search: FTS5 over the folded French stems of each measure's title, aliases (with
 *   glossary acronyms) and pilots, one row per measure with the measure's rowid;
 *   measure_search_terms gives each stem's document frequency (for IDF);
 * - measure_names: exact names (a title, alias or acronym typed in full), folded;
 * - measure_words: every folded word of those fields with its stem, and a trigram index over
 *   them, for words typed without accents or with a typo.
 * Filled by each load of knowledge/ (see applySyncPlan); the curated-data hashes are cleared so
 * that the next load writes them.
 */
export const measureSearchMigration: Migration = {
  version: 9,
  name: 'measure-search',
  sql: `
    CREATE VIRTUAL TABLE measure_search USING fts5(title, aliases, pilots, tokenize = 'unicode61 remove_diacritics 0');
    CREATE VIRTUAL TABLE measure_search_terms USING fts5vocab(measure_search, 'row');
    CREATE TABLE measure_names (
      name TEXT NOT NULL,
      measure_id TEXT NOT NULL,
      PRIMARY KEY (name, measure_id)
    ) WITHOUT ROWID;
    CREATE INDEX measure_names_measure ON measure_names(measure_id);
    CREATE TABLE measure_words (
      id INTEGER PRIMARY KEY,
      word TEXT NOT NULL UNIQUE,
      stem TEXT NOT NULL
    );
    CREATE VIRTUAL TABLE measure_words_trigram USING fts5(word, content = 'measure_words', content_rowid = 'id', tokenize = 'trigram');
    UPDATE measures SET hash = '';
    UPDATE measure_meta SET value = '' WHERE key = 'knowledge_hash';
    DELETE FROM measure_meta WHERE key IN ('input_hash', 'input_stamp');
  `,
};
