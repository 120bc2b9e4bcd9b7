import { frenchHolidayOn } from './holidays-fr.js';
import { nextBusinessDay } from './next-business-day.js';
import { cronMatchesDay, type CronSpec } from './parse-cron.js';
import { addDays, fromLocalTime, toLocalTime, weekdayOf } from './zoned-time.js';

/**
 * One scheduled digest. `scheduledFor` is when the cron fires; `at` is when the digest is due,
 * moved to the next business day (same wall-clock time) when the cron day is a public holiday;
 * `period` is the local ISO day of `at`, the key of exactly-once delivery.
 */
export interface DigestOccurrence {
  period: string;
  scheduledFor: Date;
  at: Date;
  /** The holiday that moved it, if one did. */
  holiday: string | null;
}

/** A holiday moves a digest by a few days at most (a weekend plus two holidays in a row). */
const MAX_SHIFT_DAYS = 7;
/** How far to look for a cron's occurrence: a yearly cron still has one within this range. */
const SEARCH_DAYS = 400;

function occurrenceOn(date: string, hour: number, minute: number, timeZone: string): DigestOccurrence {
  const scheduledFor = fromLocalTime(date, hour, minute, timeZone);
  const holiday = frenchHolidayOn(date);
  if (holiday === null) return { period: date, scheduledFor, at: scheduledFor, holiday };
  const moved = nextBusinessDay(date);
  return { period: moved, scheduledFor, at: fromLocalTime(moved, hour, minute, timeZone), holiday };
}

function timesOfDay(spec: CronSpec): [number, number][] {
  return spec.hours.flatMap((h) => spec.minutes.map((m) => [h, m] as [number, number]));
}

/**
 * The latest digest due at or before `now`, or null when the cron has not fired within the last
 * year. Several cron times on the same business day share one period: at most one digest a day.
 */
export function latestOccurrence(spec: CronSpec, timeZone: string, now: Date): DigestOccurrence | null {
  const today = toLocalTime(now, timeZone).date;
  const times = timesOfDay(spec).reverse();
  let best: DigestOccurrence | null = null;
  for (let i = 0; i <= SEARCH_DAYS; i++) {
    const day = addDays(today, -i);
    if (best && day < addDays(best.period, -MAX_SHIFT_DAYS)) break;
    if (!cronMatchesDay(spec, day, weekdayOf(day))) continue;
    for (const [hour, minute] of times) {
      const occurrence = occurrenceOn(day, hour, minute, timeZone);
      if (occurrence.scheduledFor > now || occurrence.at > now) continue;
      if (!best || occurrence.at > best.at) best = occurrence;
      // Later times of a day come first: the first that is due is that day's latest.
      break;
    }
  }
  return best;
}

/** The next digest due strictly after `now`, or null when none within a year. */
export function nextOccurrence(spec: CronSpec, timeZone: string, now: Date): DigestOccurrence | null {
  const today = toLocalTime(now, timeZone).date;
  const times = timesOfDay(spec);
  let best: DigestOccurrence | null = null;
  for (let i = -MAX_SHIFT_DAYS; i <= SEARCH_DAYS; i++) {
    const day = addDays(today, i);
    if (best && day > best.period) break;
    if (!cronMatchesDay(spec, day, weekdayOf(day))) continue;
    for (const [hour, minute] of times) {
      const occurrence = occurrenceOn(day, hour, minute, timeZone);
      if (occurrence.at <= now) continue;
      if (!best || occurrence.at < best.at) best = occurrence;
      break;
    }
  }
  return best;
}

/**
 * The digest before `occurrence` with a different period: where "since the previous digest"
 * starts when no earlier digest was actually posted.
 */
export function previousOccurrence(spec: CronSpec, timeZone: string, occurrence: DigestOccurrence): DigestOccurrence | null {
  let cursor = new Date(occurrence.at.getTime() - 60_000);
  for (let guard = 0; guard < 50; guard++) {
    const found = latestOccurrence(spec, timeZone, cursor);
    if (!found || found.period !== occurrence.period) return found;
    cursor = new Date(found.at.getTime() - 60_000);
  }
  return null;
}

/** The scheduler ticks every minute: a digest is never refused for being a few minutes late. */
const MIN_WINDOW_MS = 5 * 60_000;

/**
 * Whether a digest may still go out at `now`: from its time until `graceHours` later (at least a
 * few minutes), and only on the same local day. Past that, a digest missed while the process was
 * down is skipped: Monday's digest on Tuesday would mislead more than it helps.
 */
export function isStillDue(occurrence: DigestOccurrence, now: Date, timeZone: string, graceHours: number): boolean {
  const late = now.getTime() - occurrence.at.getTime();
  const window = Math.max(graceHours * 3_600_000, MIN_WINDOW_MS);
  return late >= 0 && late <= window && toLocalTime(now, timeZone).date === occurrence.period;
}
