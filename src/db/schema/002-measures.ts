import type { Migration } from '../migrations.js';

/**
 * Tables of the measure database. Curated columns are rewritten by every load of knowledge/;
 * what people set lives apart (`status`, `status_by`, `status_at` on measures and milestones, and
 * status_history) and is never touched by a load, so a reload cannot erase it.
 */
export const measuresMigration: Migration = {
  version: 2,
  name: 'measures',
  sql: `
    CREATE TABLE programmes (
      id TEXT PRIMARY KEY,
      code TEXT NOT NULL UNIQUE,
      title TEXT NOT NULL,
      source TEXT NOT NULL,
      as_of TEXT NOT NULL,
      position INTEGER NOT NULL
    );
    -- chantier (Ma santé 2022) / pilier (Ségur) / objective (CFE-CGC) / theme (STSS).
    CREATE TABLE groups (
      id TEXT PRIMARY KEY,
      programme_id TEXT NOT NULL REFERENCES programmes(id),
      kind TEXT NOT NULL CHECK (kind IN ('chantier', 'pilier', 'objective', 'theme')),
      number INTEGER NOT NULL,
      title TEXT NOT NULL,
      steering TEXT,
      line_from INTEGER NOT NULL,
      line_to INTEGER NOT NULL,
      position INTEGER NOT NULL
    );
    CREATE INDEX groups_kind_number ON groups(kind, number);
    CREATE TABLE measures (
      id TEXT PRIMARY KEY,
      programme_id TEXT NOT NULL REFERENCES programmes(id),
      -- Denormalised from the group (or the parent's group) so a scope is one indexed lookup.
      group_id TEXT,
      chantier INTEGER,
      pilier INTEGER,
      parent_id TEXT,
      kind TEXT NOT NULL,
      number INTEGER,
      title TEXT NOT NULL,
      description TEXT,
      arrangements TEXT,
      legal_vehicle TEXT,
      financial_stakes TEXT,
      status_text TEXT,
      start_label TEXT,
      start_from TEXT,
      start_to TEXT,
      end_label TEXT,
      end_from TEXT,
      end_to TEXT,
      deliverables TEXT NOT NULL DEFAULT '[]',
      line_from INTEGER NOT NULL,
      line_to INTEGER NOT NULL,
      position INTEGER NOT NULL,
      -- Hash of the curated record (with milestones, pilots, aliases): an unchanged one is not rewritten.
      hash TEXT NOT NULL DEFAULT '',
      -- Set when the record left knowledge/ while people had set statuses on it: kept, not shown.
      retired INTEGER NOT NULL DEFAULT 0,
      status TEXT CHECK (status IN ('planned', 'in_progress', 'late', 'blocked', 'done', 'cancelled')),
      status_by TEXT,
      status_at TEXT
    );
    CREATE INDEX measures_programme ON measures(programme_id, position);
    CREATE INDEX measures_chantier ON measures(chantier) WHERE chantier IS NOT NULL;
    CREATE INDEX measures_pilier ON measures(pilier) WHERE pilier IS NOT NULL;
    CREATE TABLE milestones (
      id TEXT PRIMARY KEY,
      measure_id TEXT NOT NULL REFERENCES measures(id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('past', 'planned', 'progress', 'calendar')),
      label TEXT,
      date_from TEXT,
      date_to TEXT,
      text TEXT NOT NULL,
      -- What the documents report, as of the programme's as_of date.
      seed_done INTEGER NOT NULL DEFAULT 0,
      line_from INTEGER NOT NULL,
      line_to INTEGER NOT NULL,
      status TEXT CHECK (status IN ('planned', 'in_progress', 'late', 'blocked', 'done', 'cancelled')),
      status_by TEXT,
      status_at TEXT
    );
    CREATE INDEX milestones_measure ON milestones(measure_id, position);
    CREATE TABLE pilots (
      owner_id TEXT NOT NULL,
      position INTEGER NOT NULL,
      name TEXT NOT NULL,
      PRIMARY KEY (owner_id, position)
    ) WITHOUT ROWID;
    CREATE TABLE aliases (
      measure_id TEXT NOT NULL REFERENCES measures(id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      alias TEXT NOT NULL,
      -- alias: written by a curator; acronym: derived from the glossary.
      kind TEXT NOT NULL CHECK (kind IN ('alias', 'acronym')),
      PRIMARY KEY (measure_id, position)
    ) WITHOUT ROWID;
    -- Append-only: no foreign keys, so history outlives a record that leaves knowledge/.
    CREATE TABLE status_history (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      target_id TEXT NOT NULL,
      target_kind TEXT NOT NULL CHECK (target_kind IN ('measure', 'milestone')),
      measure_id TEXT NOT NULL,
      old_status TEXT CHECK (old_status IN ('planned', 'in_progress', 'late', 'blocked', 'done', 'cancelled')),
      new_status TEXT NOT NULL CHECK (new_status IN ('planned', 'in_progress', 'late', 'blocked', 'done', 'cancelled')),
      who TEXT NOT NULL,
      at TEXT NOT NULL,
      comment TEXT,
      origin TEXT NOT NULL CHECK (origin IN ('seed', 'slack', 'cli'))
    );
    CREATE INDEX status_history_measure ON status_history(measure_id, id);
    CREATE TRIGGER status_history_no_update BEFORE UPDATE ON status_history
      BEGIN SELECT RAISE(ABORT, 'status_history is append-only'); END;
    CREATE TRIGGER status_history_no_delete BEFORE DELETE ON status_history
      BEGIN SELECT RAISE(ABORT, 'status_history is append-only'); END;
    -- content_rev / status_rev: a long-running process compares them to know when to reload its
    -- cache; knowledge_hash: a load whose result did not change writes nothing. No type affinity.
    CREATE TABLE measure_meta (
      key TEXT PRIMARY KEY,
      value NOT NULL
    );
    INSERT INTO measure_meta (key, value) VALUES ('content_rev', 0), ('status_rev', 0), ('knowledge_hash', '');
  `,
};
