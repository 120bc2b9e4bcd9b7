import type { Logger } from '../log.js';
import type { Migration } from './migrations.js';
import { openDatabase, type Db } from './open-database.js';

export { inboxPathOf } from './inbox-path.js';

/**
 * The Slack intake journal: every request Jalon accepted, recorded before it is acknowledged, and
 * every question's progress (placeholder posted, answer computed, messages delivered). A separate
 * SQLite file from the store, written only by the Slack process in tiny transactions, so that a
 * long write by another process on the store never holds an acknowledgement.
 */
const inboxMigrations: Migration[] = [
  {
    version: 1,
    name: 'inbox',
    sql: `
      -- One row per request accepted (event, slash command, button, form): the key is what a
      -- replay or a retry repeats (event_id, trigger_id), the body what a resumed run reads.
      CREATE TABLE requests (
        key TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('event', 'command', 'action', 'view')),
        body TEXT NOT NULL,
        received_at TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'abandoned')),
        attempts INTEGER NOT NULL DEFAULT 0,
        finished_at TEXT
      ) WITHOUT ROWID;
      CREATE INDEX requests_pending ON requests(received_at) WHERE state = 'pending';
      CREATE INDEX requests_received ON requests(received_at);

      -- One row per user message answered, whichever delivery (app_mention, message) brought it.
      -- new → posting (placeholder sent) → placed → ready (answer computed) → answered, or an
      -- apology; messages tagged with the question's key can be found again in the thread.
      CREATE TABLE questions (
        channel TEXT NOT NULL,
        ts TEXT NOT NULL,
        thread_ts TEXT NOT NULL,
        user_id TEXT NOT NULL,
        text TEXT NOT NULL,
        request_key TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'new'
          CHECK (state IN ('new', 'posting', 'placed', 'ready', 'answered', 'apologised', 'abandoned')),
        placeholder_ts TEXT,
        messages TEXT,
        parts_posted INTEGER NOT NULL DEFAULT 0,
        failure TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_try_at TEXT,
        created_at TEXT NOT NULL,
        PRIMARY KEY (channel, ts)
      ) WITHOUT ROWID;
      CREATE INDEX questions_open ON questions(next_try_at) WHERE state IN ('new', 'posting', 'placed', 'ready');
    `,
  },
];

/** Writes here are tiny and local: a short wait is enough, and keeps the event loop free. */
const INBOX_BUSY_MS = 200;

/** Opens (creating) the intake journal at `path` (`:memory:` in tests). */
export function openInbox(path: string, logger?: Logger): Db {
  return openDatabase(path, inboxMigrations, { busyTimeoutMs: INBOX_BUSY_MS, ...(logger ? { logger } : {}) });
}

export type RequestKind = 'event' | 'command' | 'action' | 'view';

export interface InboxRequest {
  key: string;
  kind: RequestKind;
  body: string;
  receivedAt: string;
  attempts: number;
}

/** Records a request; false when its key was already recorded (a replay or a retry). */
export function recordRequest(inbox: Db, r: { key: string; kind: RequestKind; body: string; at: Date }): boolean {
  return (
    inbox.prepare('INSERT OR IGNORE INTO requests (key, kind, body, received_at) VALUES (?, ?, ?, ?)').run(r.key, r.kind, r.body, r.at.toISOString())
      .changes === 1
  );
}

/** Counts one more processing attempt of a request; returns the count. */
export function beginAttempt(inbox: Db, key: string): number {
  const row = inbox.prepare('UPDATE requests SET attempts = attempts + 1 WHERE key = ? RETURNING attempts').get(key) as { attempts: number } | undefined;
  return row?.attempts ?? 0;
}

export function finishRequest(inbox: Db, key: string, state: 'done' | 'abandoned', at: Date): void {
  inbox.prepare("UPDATE requests SET state = ?, finished_at = ? WHERE key = ? AND state = 'pending'").run(state, at.toISOString(), key);
}

/** Requests accepted but not finished, oldest first. */
export function pendingRequests(inbox: Db, limit = 500): InboxRequest[] {
  return inbox
    .prepare(
      `SELECT key, kind, body, received_at AS receivedAt, attempts FROM requests
        WHERE state = 'pending' ORDER BY received_at, key LIMIT ?`,
    )
    .all(limit) as InboxRequest[];
}

export type QuestionState = 'new' | 'posting' | 'placed' | 'ready' | 'answered' | 'apologised' | 'abandoned';

export interface QuestionJob {
  channel: string;
  ts: string;
  threadTs: string;
  userId: string;
  text: string;
  requestKey: string;
  state: QuestionState;
  placeholderTs: string | null;
  /** The answer's messages once computed (JSON), delivered from here when resumed. */
  messages: string | null;
  partsPosted: number;
  /** Set when the question can only end in an apology (its reason, for the log). */
  failure: string | null;
  attempts: number;
  nextTryAt: string | null;
  createdAt: string;
}

const JOB_COLUMNS = `channel, ts, thread_ts AS threadTs, user_id AS userId, text, request_key AS requestKey, state,
  placeholder_ts AS placeholderTs, messages, parts_posted AS partsPosted, failure, attempts, next_try_at AS nextTryAt, created_at AS createdAt`;

/**
 * Registers a question (a user message to answer) unless it already is: returns its job, and
 * whether `requestKey` owns it (the delivery that registered it; another delivery of the same
 * message leaves it alone).
 */
export function claimQuestion(
  inbox: Db,
  q: { channel: string; ts: string; threadTs: string; userId: string; text: string; requestKey: string; at: Date },
): { job: QuestionJob; owned: boolean } {
  inbox
    .prepare('INSERT OR IGNORE INTO questions (channel, ts, thread_ts, user_id, text, request_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(q.channel, q.ts, q.threadTs, q.userId, q.text, q.requestKey, q.at.toISOString());
  const job = readQuestion(inbox, q.channel, q.ts)!;
  return { job, owned: job.requestKey === q.requestKey };
}

export function readQuestion(inbox: Db, channel: string, ts: string): QuestionJob | null {
  return (inbox.prepare(`SELECT ${JOB_COLUMNS} FROM questions WHERE channel = ? AND ts = ?`).get(channel, ts) as QuestionJob | undefined) ?? null;
}

const JOB_FIELDS = {
  state: 'state',
  placeholderTs: 'placeholder_ts',
  messages: 'messages',
  partsPosted: 'parts_posted',
  failure: 'failure',
  attempts: 'attempts',
  nextTryAt: 'next_try_at',
} as const;

export type QuestionPatch = Partial<Pick<QuestionJob, keyof typeof JOB_FIELDS>>;

/** Saves a step of a question's progress; returns the job as saved. */
export function updateQuestion(inbox: Db, job: QuestionJob, patch: QuestionPatch): QuestionJob {
  const entries = Object.entries(patch) as [keyof typeof JOB_FIELDS, string | number | null][];
  if (entries.length > 0) {
    const set = entries.map(([k]) => `${JOB_FIELDS[k]} = ?`).join(', ');
    inbox.prepare(`UPDATE questions SET ${set} WHERE channel = ? AND ts = ?`).run(...entries.map(([, v]) => v), job.channel, job.ts);
  }
  return { ...job, ...patch };
}

/** Unfinished questions whose next try is due, oldest first. */
export function dueQuestions(inbox: Db, now: Date, limit = 200): QuestionJob[] {
  return inbox
    .prepare(
      `SELECT ${JOB_COLUMNS} FROM questions
        WHERE state IN ('new', 'posting', 'placed', 'ready') AND (next_try_at IS NULL OR next_try_at <= ?)
        ORDER BY created_at LIMIT ?`,
    )
    .all(now.toISOString(), limit) as QuestionJob[];
}

/** What is still unfinished: pending requests and open questions (logged at shutdown). */
export function unfinishedCounts(inbox: Db): { requests: number; questions: number } {
  const requests = (inbox.prepare("SELECT count(*) AS n FROM requests WHERE state = 'pending'").get() as { n: number }).n;
  const questions = (inbox.prepare("SELECT count(*) AS n FROM questions WHERE state IN ('new', 'posting', 'placed', 'ready')").get() as { n: number }).n;
  return { requests, questions };
}

/** Forgets finished requests and questions received before `before`. Returns rows removed. */
export function pruneInbox(inbox: Db, before: Date): number {
  const at = before.toISOString();
  const requests = inbox.prepare("DELETE FROM requests WHERE state <> 'pending' AND received_at < ?").run(at).changes;
  const questions = inbox.prepare("DELETE FROM questions WHERE state IN ('answered', 'apologised', 'abandoned') AND created_at < ?").run(at).changes;
  return requests + questions;
}
