import { countCatalogueMeasures, resumeSubscription } from '../db/digest-store.js';
import { withWriteLock } from '../db/measure-store.js';
import type { Db } from '../db/open-database.js';
import { addSubscription, listSubscriptions, updateSubscription, type Subscription } from '../db/slack-store.js';
import { JalonError } from '../domain/errors.js';
import type { Scope } from '../domain/types.js';
import { formatScope } from '../measures/list-measures.js';
import { nextOccurrence } from './digest-period.js';
import { resolveScope, scopeFilter } from './load-digest-source.js';
import { parseCron } from './parse-cron.js';
import { describeSchedule, parseDigestSchedule } from './parse-digest-schedule.js';

export interface SubscribeRequest {
  /** Slack channel id. */
  channel: string;
  /** As typed (`programme:ms`): resolved here, stored by id. */
  scope: Scope;
  /**
   * The schedule as typed: French words ("lundi 8h30") or cron ("30 8 * * 1"). Absent: a new
   * subscription follows the default schedule, an existing one keeps its own.
   */
  schedule?: string | null | undefined;
  /** Slack user id, or "cli". */
  createdBy: string;
  now: Date;
}

export interface SubscribeOutcome {
  /** The subscription as stored now. */
  subscription: Subscription;
  scope: Scope;
  scopeKey: string;
  /** Measures in the scope. */
  measures: number;
  created: boolean;
  /** It was paused (channel_not_found…): subscribing again resumed it. */
  resumed: boolean;
  /** An existing subscription got a new schedule. */
  rescheduled: boolean;
  /** The cron it follows: its own, else the default. */
  cron: string;
  defaultCron: boolean;
  /** The schedule in French words: "le lundi à 8 h 30". */
  scheduleWords: string;
  /** Its next digest, or null when the schedule never fires within a year. */
  next: Date | null;
}

/**
 * Subscribes a channel to a scope's digests — what `/mesure abonner` and `jalon subscribe` both
 * do: resolves the scope (an empty one is refused), reads the schedule, then in one transaction
 * adds the subscription or sets its new schedule, and resumes it when it was paused (subscribing
 * again is how a paused channel is resumed). Throws a JalonError (unknown programme, empty scope,
 * unreadable schedule with examples) before storing anything.
 */
export function subscribeChannel(db: Db, defaults: { timezone: string; cron: string }, request: SubscribeRequest): SubscribeOutcome {
  const scope = resolveScope(db, request.scope);
  const scopeKey = formatScope(scope);
  const cron = request.schedule === undefined || request.schedule === null ? undefined : parseDigestSchedule(request.schedule).cron;
  const measures = countCatalogueMeasures(db, scopeFilter(scope));
  if (measures === 0) throw new JalonError('not_found', `no measure in scope ${scopeKey}`, `Aucune mesure dans la portée ${scopeKey}.`);
  const { before, created } = withWriteLock(db, () => {
    const added = addSubscription(db, { channel: request.channel, scope: scopeKey, createdBy: request.createdBy, createdAt: request.now.toISOString(), cron: cron ?? null });
    const { subscription } = added;
    if (!added.created && cron !== undefined && cron !== subscription.cron) updateSubscription(db, subscription.id, { cron });
    if (subscription.paused) resumeSubscription(db, subscription.id);
    return { before: subscription, created: added.created };
  });
  const subscription = listSubscriptions(db, { channel: request.channel, scope: scopeKey })[0]!;
  const effective = subscription.cron ?? defaults.cron;
  const spec = parseCron(effective);
  return {
    subscription,
    scope,
    scopeKey,
    measures,
    created,
    resumed: before.paused,
    rescheduled: !created && before.cron !== subscription.cron,
    cron: effective,
    defaultCron: subscription.cron === null,
    scheduleWords: describeSchedule(spec),
    next: nextOccurrence(spec, defaults.timezone, request.now)?.at ?? null,
  };
}
