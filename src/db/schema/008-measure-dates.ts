import type { Migration } from '../migrations.js';

/**
 * What the documents say about time, stored once when knowledge/ is loaded instead of being read
 * again from the labels: a milestone's deadline (`due`, null when its label only says when it
 * starts, or when it is undated), the day from which the document's report that it was achieved
 * holds (`done_on`), and whether achieving it achieves the whole measure (`completes`).
 * A deadline a person set (a spreadsheet import) lives apart, like person-set statuses, so that a
 * load keeps it: `due_set`, `due_set_by`, `due_set_at`.
 * `id_rev` is the measure ID reversed, so "C3-P4" finds MS-C3-P4 through an index (a suffix of
 * the ID is a prefix of the reversed one). Existing rows are rewritten by the next load: the
 * curated-data hashes are cleared.
 */
export const measureDatesMigration: Migration = {
  version: 8,
  name: 'measure-dates',
  sql: `
    ALTER TABLE milestones ADD COLUMN due TEXT;
    ALTER TABLE milestones ADD COLUMN done_on TEXT;
    ALTER TABLE milestones ADD COLUMN completes INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE milestones ADD COLUMN due_set TEXT;
    ALTER TABLE milestones ADD COLUMN due_set_by TEXT;
    ALTER TABLE milestones ADD COLUMN due_set_at TEXT;
    ALTER TABLE measures ADD COLUMN id_rev TEXT;
    ALTER TABLE measures ADD COLUMN pilots_text TEXT;
    CREATE INDEX measures_id_rev ON measures(id_rev);
    CREATE INDEX measures_number ON measures(number) WHERE number IS NOT NULL;
    UPDATE milestones SET due = date_to;
    UPDATE measures SET hash = '';
    UPDATE measure_meta SET value = '' WHERE key = 'knowledge_hash';
    DELETE FROM measure_meta WHERE key IN ('input_hash', 'input_stamp');
  `,
};
