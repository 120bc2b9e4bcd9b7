import type { Migration } from '../migrations.js';

/**
 * Tables of the Slack app: event dedup, the answers Jalon gave (so feedback and thread follow-ups
 * know what was said), feedback, and channel subscriptions to a scope's digests.
 */
export const slackMigration: Migration = {
  version: 3,
  name: 'slack',
  sql: `
    -- One row per delivery already handled: a Slack retry (X-Slack-Retry-Num, Socket Mode
    -- retry_attempt) carries the same event_id and is dropped. Also keyed "msg:<channel>:<ts>" so
    -- one user message reaching us as app_mention and as message never gets two replies.
    CREATE TABLE processed_events (
      event_id TEXT PRIMARY KEY,
      received_at TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX processed_events_received ON processed_events(received_at);

    -- Every answer posted, with what it cited: feedback refers to it; a thread holding one is a
    -- Jalon conversation (follow-ups there are answered without a mention).
    CREATE TABLE answers (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      channel TEXT NOT NULL,
      thread_ts TEXT NOT NULL,
      message_ts TEXT,
      user_id TEXT NOT NULL,
      question TEXT NOT NULL,
      answer TEXT NOT NULL,
      answered INTEGER NOT NULL,
      citations TEXT NOT NULL DEFAULT '[]',
      created_at TEXT NOT NULL
    );
    CREATE INDEX answers_thread ON answers(channel, thread_ts);

    -- Self-contained: the question, answer and cited passages are copied, so feedback stays
    -- readable whatever happens to the corpus.
    CREATE TABLE feedback (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      answer_id INTEGER REFERENCES answers(id) ON DELETE SET NULL,
      question TEXT NOT NULL,
      answer TEXT NOT NULL,
      citations TEXT NOT NULL DEFAULT '[]',
      user_id TEXT NOT NULL,
      value TEXT NOT NULL CHECK (value IN ('up', 'down', 'report')),
      comment TEXT,
      created_at TEXT NOT NULL
    );
    CREATE INDEX feedback_answer ON feedback(answer_id);

    -- A channel receives the digests of a scope: "chantier:3", "pilier:2", "programme:segur".
    -- cron NULL = the default schedule (JALON_DIGEST_CRON). last_digest_ts: the latest digest
    -- posted there, so change notices go in its thread.
    CREATE TABLE subscriptions (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      channel TEXT NOT NULL,
      scope TEXT NOT NULL,
      cron TEXT,
      paused INTEGER NOT NULL DEFAULT 0,
      created_by TEXT NOT NULL,
      created_at TEXT NOT NULL,
      last_digest_ts TEXT,
      last_digest_at TEXT,
      UNIQUE (channel, scope)
    );
    CREATE INDEX subscriptions_scope ON subscriptions(scope);
  `,
};
