import type { Citation } from '../domain/types.js';
import type { Db } from './open-database.js';

/** An answer Jalon posted in a Slack thread (or printed in the console). */
export interface AnswerRecord {
  id: number;
  channel: string;
  threadTs: string;
  messageTs: string | null;
  userId: string;
  question: string;
  answer: string;
  answered: boolean;
  citations: Citation[];
  createdAt: string;
}

export type FeedbackValue = 'up' | 'down' | 'report';

export interface FeedbackRecord {
  id: number;
  answerId: number | null;
  question: string;
  answer: string;
  citations: Citation[];
  userId: string;
  value: FeedbackValue;
  comment: string | null;
  createdAt: string;
}

/** A channel that receives the digests of a scope (key as written by formatScope: "chantier:3"). */
export interface Subscription {
  id: number;
  channel: string;
  scope: string;
  cron: string | null;
  paused: boolean;
  createdBy: string;
  createdAt: string;
  lastDigestTs: string | null;
  lastDigestAt: string | null;
}

/**
 * Claims a delivery: true the first time `eventId` is seen, false for every retry after. Atomic
 * (one INSERT OR IGNORE), so two concurrent deliveries cannot both win.
 */
export function claimEvent(db: Db, eventId: string, at: Date): boolean {
  return db.prepare('INSERT OR IGNORE INTO processed_events (event_id, received_at) VALUES (?, ?)').run(eventId, at.toISOString()).changes === 1;
}

/** Forgets deliveries older than `before` (Slack stops retrying after minutes). Returns rows removed. */
export function pruneProcessedEvents(db: Db, before: Date): number {
  return db.prepare('DELETE FROM processed_events WHERE received_at < ?').run(before.toISOString()).changes;
}

interface AnswerRow {
  id: number;
  channel: string;
  thread_ts: string;
  message_ts: string | null;
  user_id: string;
  question: string;
  answer: string;
  answered: number;
  citations: string;
  created_at: string;
}

const toAnswer = (r: AnswerRow): AnswerRecord => ({
  id: r.id,
  channel: r.channel,
  threadTs: r.thread_ts,
  messageTs: r.message_ts,
  userId: r.user_id,
  question: r.question,
  answer: r.answer,
  answered: r.answered === 1,
  citations: JSON.parse(r.citations) as Citation[],
  createdAt: r.created_at,
});

export function insertAnswer(db: Db, a: Omit<AnswerRecord, 'id'>): AnswerRecord {
  const { lastInsertRowid } = db
    .prepare(
      `INSERT INTO answers (channel, thread_ts, message_ts, user_id, question, answer, answered, citations, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(a.channel, a.threadTs, a.messageTs, a.userId, a.question, a.answer, a.answered ? 1 : 0, JSON.stringify(a.citations), a.createdAt);
  return { id: Number(lastInsertRowid), ...a };
}

export function readAnswer(db: Db, id: number): AnswerRecord | null {
  const row = db.prepare('SELECT * FROM answers WHERE id = ?').get(id) as AnswerRow | undefined;
  return row ? toAnswer(row) : null;
}

/** True when Jalon answered in this thread: a follow-up there needs no mention. */
export function isAnswerThread(db: Db, channel: string, threadTs: string): boolean {
  return db.prepare('SELECT 1 FROM answers WHERE channel = ? AND thread_ts = ? LIMIT 1').get(channel, threadTs) !== undefined;
}

interface FeedbackRow {
  id: number;
  answer_id: number | null;
  question: string;
  answer: string;
  citations: string;
  user_id: string;
  value: FeedbackValue;
  comment: string | null;
  created_at: string;
}

/** Stores one feedback, copying the answer's question, text and cited passages into the row. */
export function insertFeedback(
  db: Db,
  f: { answer: AnswerRecord; userId: string; value: FeedbackValue; comment: string | null; createdAt: string },
): FeedbackRecord {
  const citations = JSON.stringify(f.answer.citations);
  const { lastInsertRowid } = db
    .prepare(
      `INSERT INTO feedback (answer_id, question, answer, citations, user_id, value, comment, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(f.answer.id, f.answer.question, f.answer.answer, citations, f.userId, f.value, f.comment, f.createdAt);
  return {
    id: Number(lastInsertRowid),
    answerId: f.answer.id,
    question: f.answer.question,
    answer: f.answer.answer,
    citations: f.answer.citations,
    userId: f.userId,
    value: f.value,
    comment: f.comment,
    createdAt: f.createdAt,
  };
}

export function readFeedback(db: Db): FeedbackRecord[] {
  return (db.prepare('SELECT * FROM feedback ORDER BY id').all() as FeedbackRow[]).map((r) => ({
    id: r.id,
    answerId: r.answer_id,
    question: r.question,
    answer: r.answer,
    citations: JSON.parse(r.citations) as Citation[],
    userId: r.user_id,
    value: r.value,
    comment: r.comment,
    createdAt: r.created_at,
  }));
}

interface SubscriptionRow {
  id: number;
  channel: string;
  scope: string;
  cron: string | null;
  paused: number;
  created_by: string;
  created_at: string;
  last_digest_ts: string | null;
  last_digest_at: string | null;
}

const toSubscription = (r: SubscriptionRow): Subscription => ({
  id: r.id,
  channel: r.channel,
  scope: r.scope,
  cron: r.cron,
  paused: r.paused === 1,
  createdBy: r.created_by,
  createdAt: r.created_at,
  lastDigestTs: r.last_digest_ts,
  lastDigestAt: r.last_digest_at,
});

/** Subscribes a channel to a scope. Returns the subscription and whether it already existed. */
export function addSubscription(
  db: Db,
  s: { channel: string; scope: string; createdBy: string; createdAt: string; cron?: string | null },
): { subscription: Subscription; created: boolean } {
  const { changes } = db
    .prepare('INSERT OR IGNORE INTO subscriptions (channel, scope, cron, created_by, created_at) VALUES (?, ?, ?, ?, ?)')
    .run(s.channel, s.scope, s.cron ?? null, s.createdBy, s.createdAt);
  const row = db.prepare('SELECT * FROM subscriptions WHERE channel = ? AND scope = ?').get(s.channel, s.scope) as SubscriptionRow;
  return { subscription: toSubscription(row), created: changes === 1 };
}

/** Unsubscribes a channel from a scope. True when there was such a subscription. */
export function removeSubscription(db: Db, channel: string, scope: string): boolean {
  return db.prepare('DELETE FROM subscriptions WHERE channel = ? AND scope = ?').run(channel, scope).changes === 1;
}

/** Subscriptions, optionally of one channel or one scope, oldest first. */
export function listSubscriptions(db: Db, filter: { channel?: string; scope?: string } = {}): Subscription[] {
  const clauses: string[] = [];
  const params: string[] = [];
  if (filter.channel !== undefined) {
    clauses.push('channel = ?');
    params.push(filter.channel);
  }
  if (filter.scope !== undefined) {
    clauses.push('scope = ?');
    params.push(filter.scope);
  }
  const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
  return (db.prepare(`SELECT * FROM subscriptions ${where} ORDER BY id`).all(...params) as SubscriptionRow[]).map(toSubscription);
}

/** Pauses or resumes a subscription's digests, or overrides its schedule (null = default cron). */
export function updateSubscription(db: Db, id: number, change: { paused?: boolean; cron?: string | null }): void {
  if (change.paused !== undefined) db.prepare('UPDATE subscriptions SET paused = ? WHERE id = ?').run(change.paused ? 1 : 0, id);
  if (change.cron !== undefined) db.prepare('UPDATE subscriptions SET cron = ? WHERE id = ?').run(change.cron, id);
}

/**
 * Records the digest just posted for a subscription (for the digest engineer): change notices of
 * that scope then go in its thread.
 */
export function recordDigestPosted(db: Db, id: number, ts: string, at: Date): void {
  db.prepare('UPDATE subscriptions SET last_digest_ts = ?, last_digest_at = ? WHERE id = ?').run(ts, at.toISOString(), id);
}
