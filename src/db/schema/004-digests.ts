import type { Migration } from '../migrations.js';

/** Tables of scheduled digests. */
export const digestsMigration: Migration = {
  version: 4,
  name: 'digests',
  sql: `
    SELECT 1;
  `,
};
