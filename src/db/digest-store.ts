import type { Status, StatusChange } from '../domain/types.js';
import { toStatusChange, withWriteLock, type StatusChangeRow } from './measure-store.js';
import type { Db } from './open-database.js';
import { recordDigestPosted } from './slack-store.js';

/** The key of exactly-once delivery. */
export interface DigestRunKey {
  channel: string;
  scope: string;
  /** Local ISO day of the business day the digest is for. */
  period: string;
}

export type DigestRunStatus = 'claimed' | 'posted' | 'failed' | 'skipped';

export interface DigestRun extends DigestRunKey {
  id: number;
  status: DigestRunStatus;
  owner: string | null;
  attempts: number;
  claimedAt: string | null;
  postedAt: string | null;
  messageTs: string | null;
  asOf: string | null;
  error: string | null;
}

interface RunRow {
  id: number;
  channel: string;
  scope: string;
  period: string;
  status: DigestRunStatus;
  owner: string | null;
  attempts: number;
  claimed_at: string | null;
  posted_at: string | null;
  message_ts: string | null;
  as_of: string | null;
  error: string | null;
}

const toRun = (r: RunRow): DigestRun => ({
  id: r.id,
  channel: r.channel,
  scope: r.scope,
  period: r.period,
  status: r.status,
  owner: r.owner,
  attempts: r.attempts,
  claimedAt: r.claimed_at,
  postedAt: r.posted_at,
  messageTs: r.message_ts,
  asOf: r.as_of,
  error: r.error,
});

export type ClaimResult = { claimed: true; run: DigestRun } | { claimed: false; run: DigestRun };

/**
 * Claims the right to post one digest, in a BEGIN IMMEDIATE transaction: of two processes (or two
 * ticks) only one gets `claimed: true`. A row left "failed" (Slack refused, nothing posted) or
 * "skipped" may be claimed again while its attempts stay under `maxAttempts`; "claimed" and
 * "posted" rows never are.
 */
export function claimDigestRun(db: Db, key: DigestRunKey, claim: { owner: string; at: Date; asOf: Date; maxAttempts: number }): ClaimResult {
  return withWriteLock(db, () => {
    const existing = db.prepare('SELECT * FROM digest_runs WHERE channel = ? AND scope = ? AND period = ?').get(key.channel, key.scope, key.period) as
      | RunRow
      | undefined;
    const params = { ...key, owner: claim.owner, at: claim.at.toISOString(), asOf: claim.asOf.toISOString() };
    if (!existing) {
      const { lastInsertRowid } = db
        .prepare(
          `INSERT INTO digest_runs (channel, scope, period, status, owner, attempts, claimed_at, as_of)
           VALUES (@channel, @scope, @period, 'claimed', @owner, 1, @at, @asOf)`,
        )
        .run(params);
      return { claimed: true, run: readRun(db, Number(lastInsertRowid)) };
    }
    if ((existing.status === 'failed' || existing.status === 'skipped') && existing.attempts < claim.maxAttempts) {
      db.prepare(
        `UPDATE digest_runs SET status = 'claimed', owner = @owner, attempts = attempts + 1, claimed_at = @at, as_of = @asOf, error = NULL
         WHERE id = @id`,
      ).run({ ...params, id: existing.id });
      return { claimed: true, run: readRun(db, existing.id) };
    }
    return { claimed: false, run: toRun(existing) };
  });
}

function readRun(db: Db, id: number): DigestRun {
  return toRun(db.prepare('SELECT * FROM digest_runs WHERE id = ?').get(id) as RunRow);
}

/** Records the posted message (and the subscription's latest digest, for change notices' threads). */
export function markDigestPosted(db: Db, runId: number, posted: { ts: string; at: Date; subscriptionId: number | null }): void {
  withWriteLock(db, () => {
    db.prepare("UPDATE digest_runs SET status = 'posted', posted_at = ?, message_ts = ?, error = NULL WHERE id = ?").run(
      posted.at.toISOString(),
      posted.ts,
      runId,
    );
    if (posted.subscriptionId !== null) recordDigestPosted(db, posted.subscriptionId, posted.ts, posted.at);
  });
}

/** Records a run that needed no message (nothing to report and JALON_DIGEST_SKIP_EMPTY): done, no ts. */
export function markDigestUnneeded(db: Db, runId: number, at: Date): void {
  db.prepare("UPDATE digest_runs SET status = 'posted', posted_at = ?, message_ts = NULL, error = 'empty' WHERE id = ?").run(at.toISOString(), runId);
}

/**
 * Records a failed post. `notPosted`: Slack answered with an error, so nothing was posted and the
 * run may be claimed again; otherwise the outcome is unknown and the row stays claimed.
 */
export function markDigestFailed(db: Db, runId: number, failure: { error: string; notPosted: boolean }): void {
  db.prepare(`UPDATE digest_runs SET status = CASE WHEN @notPosted THEN 'failed' ELSE status END, error = @error WHERE id = @id`).run({
    id: runId,
    error: failure.error.slice(0, 500),
    notPosted: failure.notPosted ? 1 : 0,
  });
}

/** Records a digest missed while down and too late to post. True the first time (log it once). */
export function recordSkippedRun(db: Db, key: DigestRunKey, skip: { at: Date; reason: string }): boolean {
  return (
    db
      .prepare(
        `INSERT OR IGNORE INTO digest_runs (channel, scope, period, status, attempts, claimed_at, error)
         VALUES (?, ?, ?, 'skipped', 0, ?, ?)`,
      )
      .run(key.channel, key.scope, key.period, skip.at.toISOString(), skip.reason).changes === 1
  );
}

/** The latest digest actually posted to a channel for a scope before `period`, or null. */
export function lastPostedRun(db: Db, channel: string, scope: string, beforePeriod: string): DigestRun | null {
  const row = db
    .prepare("SELECT * FROM digest_runs WHERE channel = ? AND scope = ? AND status = 'posted' AND period < ? ORDER BY period DESC LIMIT 1")
    .get(channel, scope, beforePeriod) as RunRow | undefined;
  return row ? toRun(row) : null;
}

/** The run of one key, or null. */
export function readDigestRun(db: Db, key: DigestRunKey): DigestRun | null {
  const row = db.prepare('SELECT * FROM digest_runs WHERE channel = ? AND scope = ? AND period = ?').get(key.channel, key.scope, key.period) as
    | RunRow
    | undefined;
  return row ? toRun(row) : null;
}

/** Runs, newest period first, optionally of one channel. */
export function listDigestRuns(db: Db, filter: { channel?: string } = {}): DigestRun[] {
  const rows = (
    filter.channel === undefined
      ? db.prepare('SELECT * FROM digest_runs ORDER BY period DESC, id DESC').all()
      : db.prepare('SELECT * FROM digest_runs WHERE channel = ? ORDER BY period DESC, id DESC').all(filter.channel)
  ) as RunRow[];
  return rows.map(toRun);
}

/** Pauses a subscription, saying why (a Slack error code): the scheduler leaves it alone until resumed. */
export function pauseSubscription(db: Db, id: number, pause: { reason: string; at: Date }): void {
  db.prepare('UPDATE subscriptions SET paused = 1, paused_reason = ?, paused_at = ? WHERE id = ?').run(pause.reason, pause.at.toISOString(), id);
}

/** Resumes a paused subscription and forgets why it was paused. */
export function resumeSubscription(db: Db, id: number): void {
  db.prepare('UPDATE subscriptions SET paused = 0, paused_reason = NULL, paused_at = NULL WHERE id = ?').run(id);
}

/** Why paused subscriptions are paused, by subscription id. */
export function readPauseReasons(db: Db): Map<number, { reason: string | null; at: string | null }> {
  const rows = db.prepare('SELECT id, paused_reason, paused_at FROM subscriptions WHERE paused = 1').all() as {
    id: number;
    paused_reason: string | null;
    paused_at: string | null;
  }[];
  return new Map(rows.map((r) => [r.id, { reason: r.paused_reason, at: r.paused_at }]));
}


/** Status changes with `since` < at ≤ `until`, every measure, oldest first. */
export function readStatusChangesBetween(db: Db, since: Date, until: Date): StatusChange[] {
  return (
    db.prepare('SELECT * FROM status_history WHERE at > ? AND at <= ? ORDER BY at, id').all(since.toISOString(), until.toISOString()) as StatusChangeRow[]
  ).map(toStatusChange);
}

/** Person-made changes (not from the documents) of some measures or milestones, oldest first. */
export function readPersonChangesOf(db: Db, targetIds: readonly string[]): StatusChange[] {
  if (targetIds.length === 0) return [];
  return (
    db
      .prepare("SELECT * FROM status_history WHERE origin <> 'seed' AND target_id IN (SELECT value FROM json_each(?)) ORDER BY at, id")
      .all(JSON.stringify(targetIds)) as StatusChangeRow[]
  ).map(toStatusChange);
}

/** Which measures a digest reads: one chantier, pilier or programme (by id), or all. */
export interface CatalogueFilter {
  chantier?: number;
  pilier?: number;
  programmeId?: string;
}

/** [id, programme_id, group_title, chantier, pilier, title, status, status_by, status_at] */
export type CatalogueMeasureRow = [string, string, string | null, number | null, number | null, string, Status | null, string | null, string | null];
/** [id, measure_id, kind, label, date_from, date_to, text, seed_done, line_from, line_to, status, status_by, status_at, due, done_on, completes] */
export type CatalogueMilestoneRow = [
  string,
  string,
  'past' | 'planned' | 'progress' | 'calendar',
  string | null,
  string | null,
  string | null,
  string,
  number,
  number,
  number,
  Status | null,
  string | null,
  string | null,
  string | null,
  string | null,
  number,
];

/** The measure tables as digests need them, read in arrays (no per-row objects). */
export interface DigestCatalogue {
  programmes: { id: string; title: string; source: string; asOf: string }[];
  /** Catalogue order (programme, then file order); retired measures left out. */
  measures: CatalogueMeasureRow[];
  pilots: Map<string, string[]>;
  /** By measure, then position; may include milestones of retired measures (ignore them). */
  milestones: CatalogueMilestoneRow[];
}

/** How many (non-retired) measures a scope holds: a subscription to an empty scope is refused. */
export function countCatalogueMeasures(db: Db, filter: CatalogueFilter = {}): number {
  const row = db
    .prepare(
      `SELECT count(*) AS n FROM measures WHERE retired = 0 AND (@chantier IS NULL OR chantier = @chantier)
       AND (@pilier IS NULL OR pilier = @pilier) AND (@programmeId IS NULL OR programme_id = @programmeId)`,
    )
    .get({ chantier: filter.chantier ?? null, pilier: filter.pilier ?? null, programmeId: filter.programmeId ?? null }) as { n: number };
  return row.n;
}

/**
 * Reads what a digest shows of the measure database: fewer columns than readStoredMeasures and
 * rows as arrays, because "every scope's digest" reads every milestone (100k in the bench) and
 * building a full record per row cost most of the time there. Statuses are derived by the caller
 * with the measure domain's own rules.
 */
export function readDigestCatalogue(db: Db, filter: CatalogueFilter = {}): DigestCatalogue {
  const clauses = ['m.retired = 0'];
  const params: (string | number)[] = [];
  if (filter.chantier !== undefined) {
    clauses.push('m.chantier = ?');
    params.push(filter.chantier);
  }
  if (filter.pilier !== undefined) {
    clauses.push('m.pilier = ?');
    params.push(filter.pilier);
  }
  if (filter.programmeId !== undefined) {
    clauses.push('m.programme_id = ?');
    params.push(filter.programmeId);
  }
  const where = `WHERE ${clauses.join(' AND ')}`;
  const scoped = clauses.length > 1;
  const programmes = db.prepare('SELECT id, title, source, as_of AS asOf FROM programmes ORDER BY position').all() as DigestCatalogue['programmes'];
  const measures = db
    .prepare(
      `SELECT m.id, m.programme_id, g.title, m.chantier, m.pilier, m.title, m.status, m.status_by, m.status_at
       FROM measures m JOIN programmes p ON p.id = m.programme_id LEFT JOIN groups g ON g.id = m.group_id
       ${where} ORDER BY p.position, m.position`,
    )
    .raw()
    .all(...params) as CatalogueMeasureRow[];
  const inScope = scoped ? `WHERE owner_id IN (SELECT m.id FROM measures m ${where})` : '';
  const pilots = new Map<string, string[]>();
  for (const [owner, name] of db
    .prepare(`SELECT owner_id, name FROM pilots ${inScope} ORDER BY owner_id, position`)
    .raw()
    .all(...(scoped ? params : [])) as [string, string][]) {
    const list = pilots.get(owner);
    if (list) list.push(name);
    else pilots.set(owner, [name]);
  }
  const milestones = db
    .prepare(
      `SELECT id, measure_id, kind, label, date_from, date_to, text, seed_done, line_from, line_to, status, status_by, status_at,
         coalesce(due_set, due), done_on, completes
       FROM milestones ${scoped ? `WHERE measure_id IN (SELECT m.id FROM measures m ${where})` : ''} ORDER BY measure_id, position`,
    )
    .raw()
    .all(...(scoped ? params : [])) as CatalogueMilestoneRow[];
  return { programmes, measures, pilots, milestones };
}
