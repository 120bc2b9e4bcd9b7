import type { Migration } from '../migrations.js';

/** Tables of the measure database. */
export const measuresMigration: Migration = {
  version: 2,
  name: 'measures',
  sql: `
    SELECT 1;
  `,
};
