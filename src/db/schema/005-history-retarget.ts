import type { Migration } from '../migrations.js';

/**
 * Milestone IDs are positional (`<measure>-J<n>`): when a curator inserts or removes a milestone,
 * the ones after it change ID, and a load moves their history to the new ID (see applySyncPlan).
 * So `target_id` may be rewritten; every other column of status_history stays append-only.
 */
export const historyRetargetMigration: Migration = {
  version: 5,
  name: 'history-retarget',
  sql: `
    DROP TRIGGER status_history_no_update;
    CREATE TRIGGER status_history_no_update
      BEFORE UPDATE OF id, target_kind, measure_id, old_status, new_status, who, at, comment, origin ON status_history
      BEGIN SELECT RAISE(ABORT, 'status_history is append-only'); END;
  `,
};
