import { JalonError } from '../domain/errors.js';
import { foldText } from '../search/normalize.js';
import { parseCron, type CronSpec } from './parse-cron.js';

const DAYS = ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'] as const;

/**
 * Accents and case folded, apostrophes as spaces ("jusqu'à"). Not foldKey: it would read
 * "lundi-vendredi" as Monday and Friday, where an unreadable schedule is the honest answer.
 */
const fold = (s: string) =>
  foldText(s)
    .replace(/'/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

const unreadable = (text: string) =>
  new JalonError(
    'invalid_input',
    `unreadable digest schedule "${text}"`,
    `Horaire illisible : « ${text} ». Exemples : « lundi 8h30 », « du lundi au vendredi 9h », « tous les jours 8h », ou une expression cron « 30 8 * * 1 ».`,
  );

/** A cron expression: five fields of digits and cron punctuation (names of days too). */
const CRON_LIKE = /^[\d*/,\-a-z?]+( [\d*/,\-a-z?]+){4,5}$/i;

/**
 * Reads the schedule people type in Slack or on the command line into a cron expression: either a
 * cron string ("30 8 * * 1") or French words — "lundi 8h30", "le mardi à 9 h", "lundi et jeudi
 * 14h", "du lundi au vendredi 8h", "en semaine 9h", "tous les jours 7h45", "vendredi midi". With no
 * time, 9 h. Throws an invalid_input error whose message gives examples.
 */
export function parseDigestSchedule(text: string): { cron: string; spec: CronSpec } {
  const raw = text.trim();
  if (raw === '') throw unreadable(text);
  if (CRON_LIKE.test(raw) && /\d|\*/.test(raw.split(/\s+/)[0]!)) {
    const spec = parseCron(raw);
    return { cron: spec.expression, spec };
  }
  let s = ` ${fold(raw)} `;
  let hour = 9;
  let minute = 0;
  const time = /(?:^|\s)(?:a\s+)?(\d{1,2})\s*(?:h|heures?|:)\s*(\d{2})?(?=\s|$)/.exec(s);
  if (time) {
    hour = Number(time[1]);
    minute = time[2] === undefined ? 0 : Number(time[2]);
    s = s.replace(time[0], ' ');
  } else if (/\b(?:a\s+)?midi\b/.test(s)) {
    hour = 12;
    s = s.replace(/\b(?:a\s+)?midi\b/, ' ');
  }
  if (hour > 23 || minute > 59) throw unreadable(text);
  let days: string;
  const between = /\bdu (\w+) au (\w+)\b/.exec(s);
  if (between) {
    const from = dayIndex(between[1]!);
    const to = dayIndex(between[2]!);
    if (from === null || to === null || from >= to) throw unreadable(text);
    days = `${from}-${to}`;
    s = s.replace(between[0], ' ');
  } else if (/\b(en semaine|jours? ouvres?|jours? ouvrables?)\b/.test(s)) {
    days = '1-5';
    s = s.replace(/\b(en semaine|jours? ouvres?|jours? ouvrables?)\b/, ' ');
  } else if (/\b(tous les jours|chaque jour|quotidien(ne)?(ment)?)\b/.test(s)) {
    days = '*';
    s = s.replace(/\b(tous les jours|chaque jour|quotidien(ne)?(ment)?)\b/, ' ');
  } else {
    const found = new Set<number>();
    s = s.replace(/\b(\w+)\b/g, (word) => {
      const day = dayIndex(word);
      if (day === null) return word;
      found.add(day);
      return ' ';
    });
    if (found.size === 0) throw unreadable(text);
    days = [...found].sort((a, b) => a - b).join(',');
  }
  // What is left may only be filler words ("le", "chaque", "et", "à"…).
  const rest = s.replace(/\b(le|les|chaque|tous|toutes|et|a|,|matin|soir)\b/g, ' ').replace(/[,.]/g, ' ').trim();
  if (rest !== '') throw unreadable(text);
  const cron = `${minute} ${hour} * * ${days}`;
  return { cron, spec: parseCron(cron) };
}

function dayIndex(word: string): number | null {
  const w = word.replace(/s$/, '');
  const i = DAYS.indexOf(w as (typeof DAYS)[number]);
  return i === -1 ? null : i;
}

const clock = (hour: number, minute: number) => (minute === 0 ? `${hour} h` : `${hour} h ${String(minute).padStart(2, '0')}`);

/** A cron expression as people read it: "le lundi à 8 h 30", "du lundi au vendredi à 9 h"; else the expression. */
export function describeSchedule(spec: CronSpec): string {
  const [hour] = spec.hours;
  const [minute] = spec.minutes;
  const simple = spec.hours.length === 1 && spec.minutes.length === 1 && spec.daysOfMonth === null && spec.months.length === 12;
  if (!simple || hour === undefined || minute === undefined) return `cron ${spec.expression}`;
  const at = `à ${clock(hour, minute)}`;
  const days = spec.daysOfWeek;
  if (days === null) return `tous les jours ${at}`;
  if (days.join(',') === '1,2,3,4,5') return `du lundi au vendredi ${at}`;
  const names = days.map((d) => DAYS[d]!);
  if (names.length === 1) return `le ${names[0]} ${at}`;
  return `les ${names.slice(0, -1).join(', ')} et ${names.at(-1)} ${at}`;
}
