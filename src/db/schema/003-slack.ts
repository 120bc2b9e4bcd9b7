import type { Migration } from '../migrations.js';

/** Tables of the Slack app (event dedup, feedback, subscriptions). */
export const slackMigration: Migration = {
  version: 3,
  name: 'slack',
  sql: `
    SELECT 1;
  `,
};
