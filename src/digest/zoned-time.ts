import { JalonError } from '../domain/errors.js';

/** A wall-clock reading in a time zone: the ISO day, the time, the weekday (0 = Sunday). */
export interface LocalTime {
  date: string;
  hour: number;
  minute: number;
  weekday: number;
}

/** JALON_TZ when not set: where the programmes' deadlines are read. */
export const DEFAULT_TIME_ZONE = 'Europe/Paris';

const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      });
    } catch {
      throw new JalonError('config', `unknown time zone ${timeZone}`, `Fuseau horaire inconnu : ${timeZone}`);
    }
    formats.set(timeZone, format);
  }
  return format;
}

/** Throws a config error when the zone is not one Intl knows (JALON_TZ is checked at start-up). */
export function assertTimeZone(timeZone: string): void {
  formatFor(timeZone);
}

function partsOf(instant: Date, timeZone: string): { y: number; mo: number; d: number; h: number; mi: number; s: number } {
  const out = { y: 0, mo: 0, d: 0, h: 0, mi: 0, s: 0 };
  for (const p of formatFor(timeZone).formatToParts(instant)) {
    if (p.type === 'year') out.y = Number(p.value);
    else if (p.type === 'month') out.mo = Number(p.value);
    else if (p.type === 'day') out.d = Number(p.value);
    else if (p.type === 'hour') out.h = Number(p.value);
    else if (p.type === 'minute') out.mi = Number(p.value);
    else if (p.type === 'second') out.s = Number(p.value);
  }
  return out;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The wall clock in `timeZone` at `instant`. */
export function toLocalTime(instant: Date, timeZone: string): LocalTime {
  const p = partsOf(instant, timeZone);
  const date = `${p.y}-${pad(p.mo)}-${pad(p.d)}`;
  return { date, hour: p.h, minute: p.mi, weekday: weekdayOf(date) };
}

/** The ISO day in `timeZone` at `instant`: "today" for digests, not the UTC day. */
export function localDay(instant: Date, timeZone: string): string {
  return toLocalTime(instant, timeZone).date;
}

/** Offset of the zone from UTC at `instant`, in ms (Paris: +3 600 000 in winter). */
function offsetAt(instant: number, timeZone: string): number {
  const p = partsOf(new Date(instant), timeZone);
  const asUtc = Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi, p.s);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant at which the wall clock in `timeZone` reads `date` `hour`:`minute`. A time skipped by
 * a spring-forward change maps to the same distance after the change (02:30 → 03:30 in Paris), a
 * repeated autumn time to one of its two instants: digests are never scheduled in those hours by
 * default, and the mapping only has to be deterministic.
 */
export function fromLocalTime(date: string, hour: number, minute: number, timeZone: string): Date {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(y, mo - 1, d, hour, minute);
  const first = guess - offsetAt(guess, timeZone);
  const second = guess - offsetAt(first, timeZone);
  return new Date(offsetAt(second, timeZone) === guess - second ? second : Math.max(first, second));
}

/** Weekday of an ISO day, 0 = Sunday … 6 = Saturday (cron's numbering). */
export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** The ISO day `days` after `date` (negative: before). */
export function addDays(date: string, days: number): string {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (ISO days; negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round(dayNumber(to) - dayNumber(from));
}

/** Days since 1970-01-01 of an ISO day, without parsing a Date (called per overdue milestone). */
function dayNumber(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;
}
