import { countCatalogueMeasures, resumeSubscription } from '../db/digest-store.js';
import { withWriteLock } from '../db/measure-store.js';
import type { Db } from '../db/open-database.js';
import { addSubscription, listSubscriptions, updateSubscription, type Subscription } from '../db/slack-store.js';
import { JalonError } from '../domain/errors.js';
import type { Scope } from '../domain/types.js';
import { formatScope } from '../measures/list-measures.js';
import { nextOccurrence } from './digest-period.js';
import { resolveScope, scopeFilter } from './load-digest-source.js';
import { parseCron, sameSchedule } from './parse-cron.js';
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
  /** Its next digest, or null when the default schedule never fires within a year. */
  next: Date | null;
}

/**
 * Subscribes a channel to a scope's digests — what `/mesure abonner` and `jalon subscribe` both
 * do: resolves the scope (an empty one is refused), reads the schedule, then in one transaction
 * adds the subscription or sets its new schedule, and resumes it when it was paused (subscribing
 * again is how a paused channel is resumed). Throws a JalonError (unknown programme, empty scope,
 * unreadable schedule with examples, schedule that never fires within a year) before storing
 * anything.
 */
export function subscribeChannel(db: Db, defaults: { timezone: string; cron: string }, request: SubscribeRequest): SubscribeOutcome {
  const scope = resolveScope(db, request.scope);
  const scopeKey = formatScope(scope);
  const requested = request.schedule === undefined || request.schedule === null ? undefined : parseDigestSchedule(request.schedule);
  // Day of month and day of week combine with AND: "0 9 1 1 1" is valid cron, yet would be stored
  // and silently never post (1 January falls on a Monday once in years).
  if (requested && !nextOccurrence(requested.spec, defaults.timezone, request.now)) {
    throw new JalonError(
      'invalid_input',
      `digest schedule "${requested.cron}" never fires within a year`,
      `Horaire refusé : « ${request.schedule} » ne donne aucun point dans l'année qui vient (en cron, un jour du mois et un jour de la semaine donnés ensemble doivent tomber le même jour). Exemples : « lundi 8h30 », « 0 9 1 * * » (le 1er du mois à 9 h).`,
    );
  }
  const measures = countCatalogueMeasures(db, scopeFilter(scope));
  if (measures === 0) throw new JalonError('not_found', `no measure in scope ${scopeKey}`, `Aucune mesure dans la portée ${scopeKey}.`);
  const { before, created } = withWriteLock(db, () => {
    const added = addSubscription(db, { channel: request.channel, scope: scopeKey, createdBy: request.createdBy, createdAt: request.now.toISOString(), cron: requested?.cron ?? null });
    const { subscription } = added;
    // Compared as parsed: "0 9 * * mon" then "lundi 9h" is the same schedule, not a new one.
    const stored = subscription.cron;
    if (!added.created && requested && (stored === null || !sameSchedule(parseCron(stored), requested.spec))) {
      updateSubscription(db, subscription.id, { cron: requested.cron });
    }
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
    rescheduled: !created && !sameSchedule(parseCron(before.cron ?? defaults.cron), spec),
    cron: effective,
    defaultCron: subscription.cron === null,
    scheduleWords: describeSchedule(spec),
    next: nextOccurrence(spec, defaults.timezone, request.now)?.at ?? null,
  };
}
