import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import {
  claimDigestRun,
  lastPostedRun,
  markDigestFailed,
  markDigestPosted,
  markDigestUnneeded,
  pauseSubscription,
  readDigestRun,
  recordSkippedRun,
} from '../db/digest-store.js';
import type { Db } from '../db/open-database.js';
import { listSubscriptions, type Subscription } from '../db/slack-store.js';
import type { Scope } from '../domain/types.js';
import type { Logger } from '../log.js';
import { parseScope } from '../measures/list-measures.js';
import type { Block } from '../slack/blocks/block-kit.js';
import { escapeMrkdwn } from '../slack/escape-mrkdwn.js';
import { pictureErrorCode, postPicture, type PictureClient } from '../slack/post-picture.js';
import type { Timeline } from '../timeline/build-timeline.js';
import { timelineFromSource } from '../timeline/load-timeline.js';
import type { PictureFile } from '../timeline/timeline-picture.js';
import { isEmptyDigest } from './build-digest.js';
import { isStillDue, latestOccurrence, previousOccurrence, type DigestOccurrence } from './digest-period.js';
import { digestFromSource, loadDigestSource, resolveScope } from './load-digest-source.js';
import { parseCron, type CronSpec } from './parse-cron.js';
import { renderDigestBlocks } from './render-digest-blocks.js';
import { localDay } from './zoned-time.js';

/**
 * The two Web API methods digests use. A `WebClient` fits; for digests build it with
 * `rejectRateLimitedCalls: true` and `retryConfig: { retries: 0 }` so that waits and retries
 * happen here, on the injected clock, instead of inside the client.
 */
export interface DigestSlackClient {
  chat: {
    postMessage(args: { channel: string; text: string; blocks?: Block[]; unfurl_links?: boolean; unfurl_media?: boolean }): Promise<{
      ok?: boolean;
      ts?: string;
      error?: string;
    }>;
  };
  conversations: {
    open(args: { users: string }): Promise<{ ok?: boolean; channel?: { id?: string } }>;
  };
  /** Shares a digest's picture in its thread (files.uploadV2); without it, digests go without pictures. */
  filesUploadV2?: PictureClient['filesUploadV2'];
}

export interface DigestSettings {
  timezone: string;
  /** Default schedule (JALON_DIGEST_CRON); a subscription may override it. */
  cron: string;
  horizonDays: number;
  graceHours: number;
  skipEmpty: boolean;
  /** Slack user ids told by DM when a subscription is paused (JALON_ADMINS). */
  admins: readonly string[];
}

export interface DigestDeps {
  db: Db;
  slack: DigestSlackClient;
  settings: DigestSettings;
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
  logger: Logger;
  /** Who claims runs (host:pid:random by default): tells apart two processes in the ledger. */
  owner?: string;
  /**
   * Draws a digest's timeline picture (JALON_DIGEST_PICTURES): it is shared in the digest's thread
   * once the digest is posted and recorded. Without it, digests are text only.
   */
  drawPicture?: (timeline: Timeline) => Promise<PictureFile>;
  /** Shutdown: no further digest is claimed once it is aborted (the rest go out at the next start). */
  signal?: AbortSignal;
}

/** One digest to post: a subscription and the scheduled occurrence it is for. */
export interface DigestJob {
  subscription: Subscription;
  scope: Scope;
  scopeKey: string;
  spec: CronSpec;
  occurrence: DigestOccurrence;
}

export type DigestOutcome =
  | { result: 'posted'; channel: string; scope: string; period: string; ts: string }
  | { result: 'empty' | 'already'; channel: string; scope: string; period: string }
  | { result: 'paused' | 'failed'; channel: string; scope: string; period: string; error: string };

/** Slack errors saying the channel cannot receive posts: retrying is useless, pause instead. */
const CHANNEL_GONE = new Set(['channel_not_found', 'not_in_channel', 'is_archived', 'channel_is_archived']);
/** Slack errors that mean "nothing was done, try later". */
const RETRYABLE_PLATFORM = new Set(['ratelimited', 'internal_error', 'service_unavailable']);
const MAX_TRIES = 4;
const BACKOFF_MS = 1_000;
/** Runs refused by Slack may be claimed again (next tick, or --post) this many times in all. */
const MAX_RUN_ATTEMPTS = 3;
/** Slack asks for at most about one message per second per channel. */
const CHANNEL_GAP_MS = 1_000;

const CHANNEL_ID = /^[CGD][A-Z0-9]{2,}$/;

type SlackFailure =
  | { kind: 'rate_limited'; retryAfterMs: number }
  | { kind: 'http'; status: number }
  | { kind: 'platform'; code: string }
  | { kind: 'unknown'; message: string };

/** Reads a thrown Web API error by its fields (WebClient's error classes), without importing it. */
function failureOf(error: unknown): SlackFailure {
  const e = error as { code?: unknown; retryAfter?: unknown; statusCode?: unknown; data?: { error?: unknown }; message?: unknown };
  if (e?.code === 'slack_webapi_rate_limited_error' && typeof e.retryAfter === 'number') return { kind: 'rate_limited', retryAfterMs: e.retryAfter * 1000 };
  if (e?.code === 'slack_webapi_http_error' && typeof e.statusCode === 'number') return { kind: 'http', status: e.statusCode };
  if (e?.code === 'slack_webapi_platform_error' && typeof e.data?.error === 'string') return { kind: 'platform', code: e.data.error };
  return { kind: 'unknown', message: typeof e?.message === 'string' ? e.message : String(error) };
}

const describe = (f: SlackFailure) =>
  f.kind === 'platform' ? f.code : f.kind === 'http' ? `http_${f.status}` : f.kind === 'rate_limited' ? 'rate_limited' : `request: ${f.message}`;

class PostError extends Error {
  constructor(readonly failure: SlackFailure) {
    super(describe(failure));
  }
}

/**
 * Posts digests, exactly once per (channel, scope, period), one at a time:
 * 1. claim the run in a transaction (another process or tick that claimed it wins: skip);
 * 2. build and render the digest, post it, retrying 429s after their Retry-After and 5xx with
 *    backoff, at least 1 s after the previous post in the same channel;
 * 3. store the message ts. A crash between 1 and 3 leaves the run claimed, and a claimed run is
 *    never posted again: a digest may go missing, but is never posted twice.
 * channel_not_found / not_in_channel pause the subscription and tell the admins by DM.
 */
export function createDigestPoster(deps: DigestDeps) {
  const owner = deps.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const lastPostAt = new Map<string, number>();
  const { db, settings, logger } = deps;

  async function paced<T>(channel: string, send: () => Promise<T>): Promise<T> {
    const last = lastPostAt.get(channel);
    if (last !== undefined) {
      const wait = last + CHANNEL_GAP_MS - deps.now().getTime();
      if (wait > 0) await deps.sleep(wait);
    }
    try {
      return await send();
    } finally {
      lastPostAt.set(channel, deps.now().getTime());
    }
  }

  async function postMessage(channel: string, content: { text: string; blocks?: Block[] }): Promise<string> {
    for (let attempt = 1; ; attempt++) {
      let failure: SlackFailure;
      try {
        const res = await paced(channel, () => deps.slack.chat.postMessage({ channel, ...content, unfurl_links: false, unfurl_media: false }));
        if (res.ok !== false && typeof res.ts === 'string') return res.ts;
        failure = res.ok === false ? { kind: 'platform', code: res.error ?? 'unknown_error' } : { kind: 'unknown', message: 'no ts in response' };
      } catch (error) {
        failure = failureOf(error);
      }
      const retryable =
        failure.kind === 'rate_limited' ||
        (failure.kind === 'http' && failure.status >= 500) ||
        (failure.kind === 'platform' && RETRYABLE_PLATFORM.has(failure.code));
      if (!retryable || attempt >= MAX_TRIES) throw new PostError(failure);
      const wait = failure.kind === 'rate_limited' ? failure.retryAfterMs : BACKOFF_MS * 2 ** (attempt - 1);
      logger.warn('digest post retried', { channel, attempt, waitMs: wait, error: describe(failure) });
      await deps.sleep(wait);
    }
  }

  async function tellAdmins(text: string): Promise<void> {
    if (settings.admins.length === 0) {
      logger.warn('no JALON_ADMINS to tell about a paused subscription');
      return;
    }
    for (const admin of settings.admins) {
      try {
        const dm = await deps.slack.conversations.open({ users: admin });
        const channel = dm.channel?.id;
        if (!channel) throw new Error('no DM channel');
        await postMessage(channel, { text });
      } catch (error) {
        logger.warn('admin DM failed', { admin, error: error instanceof PostError ? error.message : describe(failureOf(error)) });
      }
    }
  }

  async function pause(job: DigestJob, code: string): Promise<void> {
    const { subscription } = job;
    pauseSubscription(db, subscription.id, { reason: code, at: deps.now() });
    logger.warn('subscription paused', { channel: subscription.channel, scope: job.scopeKey, error: code });
    const where = CHANNEL_ID.test(subscription.channel) ? `<#${subscription.channel}>` : escapeMrkdwn(subscription.channel);
    const why = code === 'not_in_channel' ? "Jalon n'est pas membre du canal" : code === 'channel_not_found' ? 'le canal est introuvable' : 'le canal est archivé';
    await tellAdmins(
      `:pause_button: Les points *${escapeMrkdwn(job.scopeKey)}* dans ${where} sont en pause : ${why} (${code}). ` +
        `Invitez Jalon dans le canal (/invite @Jalon), puis réabonnez-le : \`/mesure abonner ${escapeMrkdwn(job.scopeKey)}\` ` +
        `ou \`jalon subscribe ${escapeMrkdwn(job.scopeKey)} --channel ${escapeMrkdwn(subscription.channel)}\`.`,
    );
  }

  /**
   * The digest's picture in its thread, after the digest is posted and recorded: a picture that
   * cannot be drawn or uploaded is logged and left out — the digest stands, and is never reposted
   * for it. A scope with nothing dated to draw gets no picture.
   */
  async function attachPicture(key: { channel: string; scope: string; period: string }, ts: string, timelineOf: () => Timeline): Promise<void> {
    const { drawPicture } = deps;
    const upload = deps.slack.filesUploadV2?.bind(deps.slack);
    if (!drawPicture || !upload) return;
    try {
      const timeline = timelineOf();
      if (timeline.points.length === 0) return;
      const picture = await drawPicture(timeline);
      await paced(key.channel, () => postPicture({ filesUploadV2: upload }, picture, { channel: key.channel, threadTs: ts }));
      logger.info('digest picture posted', { ...key, ts });
    } catch (error) {
      logger.warn('digest picture not posted', { ...key, ts, error: pictureErrorCode(error) });
    }
  }

  /** Posts the given digests in order; each is claimed first, so a job already done is skipped. */
  async function post(jobs: readonly DigestJob[]): Promise<DigestOutcome[]> {
    if (jobs.length === 0) return [];
    const now = deps.now();
    // "Since the previous digest": the last one posted here, else the previous scheduled one.
    const sinces = jobs.map(
      (job) =>
        toDate(lastPostedRun(db, job.subscription.channel, job.scopeKey, job.occurrence.period)?.asOf) ??
        previousOccurrence(job.spec, settings.timezone, job.occurrence)?.at ??
        new Date(job.occurrence.at.getTime() - 7 * 86_400_000),
    );
    const earliest = new Date(Math.min(...sinces.map((d) => d.getTime())));
    const source = loadDigestSource(db, { scope: jobs.length === 1 ? jobs[0]!.scope : null, now, since: earliest, timeZone: settings.timezone });
    const outcomes: DigestOutcome[] = [];
    for (const [i, job] of jobs.entries()) {
      const key = { channel: job.subscription.channel, scope: job.scopeKey, period: job.occurrence.period };
      if (deps.signal?.aborted) {
        logger.info('digest left for the next start: stopping', key);
        continue;
      }
      const claim = claimDigestRun(db, key, { owner, at: deps.now(), asOf: now, maxAttempts: MAX_RUN_ATTEMPTS });
      if (!claim.claimed) {
        logger.debug('digest already claimed', { ...key, status: claim.run.status, owner: claim.run.owner });
        outcomes.push({ result: 'already', ...key });
        continue;
      }
      try {
        const digest = digestFromSource(source, job.scope, { timeZone: settings.timezone, horizonDays: settings.horizonDays, since: sinces[i]! });
        if (isEmptyDigest(digest) && settings.skipEmpty) {
          markDigestUnneeded(db, claim.run.id, deps.now());
          logger.info('digest empty, not posted', key);
          outcomes.push({ result: 'empty', ...key });
          continue;
        }
        const ts = await postMessage(key.channel, renderDigestBlocks(digest));
        markDigestPosted(db, claim.run.id, { ts, at: deps.now(), subscriptionId: job.subscription.id });
        logger.info('digest posted', { ...key, ts, overdue: digest.stats.overdue, upcoming: digest.stats.upcoming });
        outcomes.push({ result: 'posted', ...key, ts });
        await attachPicture(key, ts, () => timelineFromSource(source, { kind: 'scope', scope: job.scope }, { timeZone: settings.timezone, horizonDays: settings.horizonDays }));
      } catch (error) {
        const failure = error instanceof PostError ? error.failure : null;
        const message = failure ? describe(failure) : (error as Error)?.message ?? String(error);
        // Slack answered, so nothing was posted: the run may be tried again. Otherwise (no
        // answer) the message may be there: leave the run claimed, never post it twice.
        const notPosted = failure === null || failure.kind !== 'unknown';
        markDigestFailed(db, claim.run.id, { error: message, notPosted });
        if (failure?.kind === 'platform' && CHANNEL_GONE.has(failure.code)) {
          await pause(job, failure.code);
          outcomes.push({ result: 'paused', ...key, error: failure.code });
        } else {
          logger.error('digest post failed', { ...key, error: message, outcomeKnown: notPosted });
          outcomes.push({ result: 'failed', ...key, error: message });
        }
      }
    }
    return outcomes;
  }

  /**
   * The subscription's job for its latest scheduled digest, or null when its scope cannot be read
   * or the schedule has not fired within a year (`orToday`: then a job for today instead).
   */
  function jobOf(subscription: Subscription, now: Date, orToday = false): DigestJob | null {
    let spec: CronSpec;
    try {
      spec = parseCron(subscription.cron ?? settings.cron);
    } catch {
      logger.warn('subscription cron unreadable, default used', { channel: subscription.channel, scope: subscription.scope });
      spec = parseCron(settings.cron);
    }
    let scope: Scope;
    try {
      scope = resolveScope(db, parseScope(subscription.scope));
    } catch (error) {
      logger.warn('subscription scope unreadable', { channel: subscription.channel, scope: subscription.scope, error: (error as Error).message });
      return null;
    }
    let occurrence = latestOccurrence(spec, settings.timezone, now);
    if (!occurrence && orToday) occurrence = { period: localDay(now, settings.timezone), scheduledFor: now, at: now, holiday: null };
    if (!occurrence) return null;
    return { subscription, scope, scopeKey: subscription.scope, spec, occurrence };
  }

  /**
   * One scheduler tick: posts every subscription's latest digest that is due and not yet claimed.
   * A digest is due from its time until the grace period ends, within the same day (JALON_TZ);
   * one missed for longer (the process was down) is recorded as skipped and logged once.
   */
  async function postDue(): Promise<DigestOutcome[]> {
    const now = deps.now();
    const due: DigestJob[] = [];
    for (const subscription of listSubscriptions(db)) {
      if (subscription.paused) continue;
      const job = jobOf(subscription, now);
      if (!job) continue;
      const key = { channel: subscription.channel, scope: job.scopeKey, period: job.occurrence.period };
      const run = readDigestRun(db, key);
      if (run && (run.status !== 'failed' || run.attempts >= MAX_RUN_ATTEMPTS)) continue;
      if (isStillDue(job.occurrence, now, settings.timezone, settings.graceHours)) {
        due.push(job);
      } else if (!run && subscription.createdAt <= job.occurrence.at.toISOString()) {
        // Missed while down, and too late now: say so once, post nothing.
        if (recordSkippedRun(db, key, { at: now, reason: 'missed: past the grace period' })) {
          logger.warn('digest missed while down, skipped', { ...key, scheduledFor: job.occurrence.at.toISOString() });
        }
      }
    }
    return post(due);
  }

  /**
   * `jalon digest --post`: every active subscription's current digest now, whatever the time, but
   * still once per period: the period is that of the latest scheduled digest (today's date when
   * the schedule has not fired yet), so running it after the scheduler posted does nothing.
   * `scopeKey` limits it to the subscriptions of one scope.
   */
  async function postNow(scopeKey?: string): Promise<DigestOutcome[]> {
    const now = deps.now();
    const jobs: DigestJob[] = [];
    for (const subscription of listSubscriptions(db, scopeKey === undefined ? {} : { scope: scopeKey })) {
      if (subscription.paused) continue;
      const job = jobOf(subscription, now, true);
      if (job) jobs.push(job);
    }
    return post(jobs);
  }

  return { post, postDue, postNow, owner };
}

export type DigestPoster = ReturnType<typeof createDigestPoster>;

const toDate = (iso: string | null | undefined) => (iso ? new Date(iso) : undefined);
