import type { Migration } from '../migrations.js';

/**
 * Lookup of measures by name, on disk and indexed, so that a lookup reads a few rows whatever the
 * size of the catalogue:
 * - measure_search: FTS5 over the folded French stems of each measure's title, aliases (with
 *   glossary acronyms), pilots and description, one row per measure with the measure's rowid;
 *   measure_search_terms gives each stem's document frequency (for IDF);
 * - measure_names: exact names (a title, alias or acronym typed in full), folded;
 * - measure_words: every folded word of those fields with its stem, and a trigram index over
 *   them, for words typed without accents or with a typo.
 * Filled by each load of knowledge/ (see applySyncPlan); the curated-data hashes are cleared so
 * that the next load writes them.
 *
 * Also: status changes may come from a spreadsheet import (origin 'import'). SQLite cannot alter a
 * CHECK constraint, so status_history is rebuilt with the same rows, indexes and triggers.
 */
export const measureSearchMigration: Migration = {
  version: 9,
  name: 'measure-search',
  sql: `
    CREATE VIRTUAL TABLE measure_search USING fts5(title, aliases, pilots, description, tokenize = 'unicode61 remove_diacritics 0');
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
    DROP TRIGGER status_history_no_update;
    DROP TRIGGER status_history_no_delete;
    CREATE TABLE status_history_v9 (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      target_id TEXT NOT NULL,
      target_kind TEXT NOT NULL CHECK (target_kind IN ('measure', 'milestone')),
      measure_id TEXT NOT NULL,
      old_status TEXT CHECK (old_status IN ('planned', 'in_progress', 'late', 'blocked', 'done', 'cancelled')),
      new_status TEXT NOT NULL CHECK (new_status IN ('planned', 'in_progress', 'late', 'blocked', 'done', 'cancelled')),
      who TEXT NOT NULL,
      at TEXT NOT NULL,
      comment TEXT,
      origin TEXT NOT NULL CHECK (origin IN ('seed', 'slack', 'cli', 'import'))
    );
    INSERT INTO status_history_v9 SELECT id, target_id, target_kind, measure_id, old_status, new_status, who, at, comment, origin FROM status_history;
    DROP TABLE status_history;
    ALTER TABLE status_history_v9 RENAME TO status_history;
    CREATE INDEX status_history_measure ON status_history(measure_id, id);
    CREATE INDEX status_history_at ON status_history(at);
    CREATE INDEX status_history_target ON status_history(target_id, id);
    CREATE TRIGGER status_history_no_update
      BEFORE UPDATE OF id, target_kind, measure_id, old_status, new_status, who, at, comment, origin ON status_history
      BEGIN SELECT RAISE(ABORT, 'status_history is append-only'); END;
    CREATE TRIGGER status_history_no_delete BEFORE DELETE ON status_history
      BEGIN SELECT RAISE(ABORT, 'status_history is append-only'); END;
    UPDATE measure_meta SET value = '' WHERE key = 'knowledge_hash';
    DELETE FROM measure_meta WHERE key IN ('input_hash', 'input_stamp');
  `,
};
