import type { Migration } from '../migrations.js';

/**
 * Tables of scheduled digests. `digest_runs` is the exactly-once ledger: a (channel, scope, period)
 * row is claimed in a transaction before anything is posted, so a restart, a crash mid-run or a
 * second process finds it and does not post again. `period` is the local day (JALON_TZ) of the
 * business day the digest is for. Subscriptions (migration 3) gain why and when they were paused.
 */
export const digestsMigration: Migration = {
  version: 4,
  name: 'digests',
  sql: `
    CREATE TABLE digest_runs (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      channel TEXT NOT NULL,
      scope TEXT NOT NULL,
      period TEXT NOT NULL,
      -- claimed: being posted, or the poster died without knowing whether Slack got it (never
      -- re-posted: better a missing digest than two); posted: message_ts known; failed: Slack
      -- answered with an error, nothing was posted (may be claimed again); skipped: missed
      -- while down and too late to post.
      status TEXT NOT NULL CHECK (status IN ('claimed', 'posted', 'failed', 'skipped')),
      owner TEXT,
      attempts INTEGER NOT NULL DEFAULT 0,
      claimed_at TEXT,
      posted_at TEXT,
      message_ts TEXT,
      -- The instant the digest was built for: the next digest's changes start there.
      as_of TEXT,
      error TEXT,
      UNIQUE (channel, scope, period)
    );
    CREATE INDEX digest_runs_last ON digest_runs(channel, scope, status, period);
    -- Digests read the changes of a time window, whatever the measure.
    CREATE INDEX status_history_at ON status_history(at);
    ALTER TABLE subscriptions ADD COLUMN paused_reason TEXT;
    ALTER TABLE subscriptions ADD COLUMN paused_at TEXT;
  `,
};
