import { parse as parseCronFields, validate as validateCron } from 'node-cron';
import { JalonError } from '../domain/errors.js';

/** A cron expression read into the sets it allows; `null` day fields mean "any day". */
export interface CronSpec {
  readonly expression: string;
  readonly minutes: readonly number[];
  readonly hours: readonly number[];
  readonly daysOfMonth: readonly number[] | null;
  readonly months: readonly number[];
  readonly daysOfWeek: readonly number[] | null;
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const isFull = (values: readonly (number | string)[], from: number, to: number) =>
  values.length === to - from + 1 && range(from, to).every((v) => values.includes(v));

const invalid = (expression: string, why: string) =>
  new JalonError('invalid_input', `invalid cron "${expression}": ${why}`, `Expression cron invalide : « ${expression} » (${why}).`);

/**
 * Reads a 5-field cron expression (6 with a seconds field of 0) with node-cron's own parser, so the
 * scheduler and node-cron agree on what a field means. Day-of-month and day-of-week combine with
 * AND, as in node-cron. Minute precision only, and none of the L / W / # extensions: a digest is
 * a weekly or daily post, and those forms are easy to get wrong from Slack.
 */
export function parseCron(expression: string): CronSpec {
  const text = expression.trim().replace(/\s+/g, ' ');
  const known = parsed.get(text);
  if (known) {
    // Most recently used last: the first key is the one to evict.
    parsed.delete(text);
    parsed.set(text, known);
    return known;
  }
  if (!validateCron(text)) throw invalid(text, 'forme attendue « minute heure jour mois jour-de-semaine », ex. 0 9 * * 1');
  const f = parseCronFields(text);
  if (f.second.length !== 1 || f.second[0] !== 0) throw invalid(text, 'la précision est la minute');
  const numbers = (values: readonly (number | string)[]) => {
    if (values.some((v) => typeof v !== 'number')) throw invalid(text, 'L, W et # ne sont pas pris en charge');
    return [...new Set(values as number[])].sort((a, b) => a - b);
  };
  const daysOfMonth = numbers(f.dayOfMonth);
  const daysOfWeek = numbers(f.dayOfWeek.map((d) => (d === 7 ? 0 : d)));
  const spec: CronSpec = {
    expression: text,
    minutes: numbers(f.minute),
    hours: numbers(f.hour),
    daysOfMonth: isFull(daysOfMonth, 1, 31) ? null : daysOfMonth,
    months: numbers(f.month),
    daysOfWeek: isFull(daysOfWeek, 0, 6) ? null : daysOfWeek,
  };
  parsed.set(text, spec);
  if (parsed.size > CACHE_SIZE) parsed.delete(parsed.keys().next().value!);
  return spec;
}

/**
 * Every scheduler tick reads each subscription's cron: parse each expression once. Bounded (least
 * recently used out), since expressions come from people typing in Slack.
 */
const parsed = new Map<string, CronSpec>();
const CACHE_SIZE = 256;

/** Whether two crons fire at the same times, however written ("0 9 * * mon" = "0 9 * * 1"). */
export function sameSchedule(a: CronSpec, b: CronSpec): boolean {
  const fields = (s: CronSpec) => JSON.stringify([s.minutes, s.hours, s.daysOfMonth, s.months, s.daysOfWeek]);
  return fields(a) === fields(b);
}

/** Whether the cron fires at some time on `date` (ISO day). */
export function cronMatchesDay(spec: CronSpec, date: string, weekday: number): boolean {
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  return (
    spec.months.includes(month) &&
    (spec.daysOfMonth === null || spec.daysOfMonth.includes(day)) &&
    (spec.daysOfWeek === null || spec.daysOfWeek.includes(weekday))
  );
}
