import { MONTH_ABBREVIATIONS_FR as MONTHS_SHORT, MONTH_NAMES_FR as MONTHS } from '../domain/months.js';
import { toLocalTime } from './zoned-time.js';

const WEEKDAYS = ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'];

const split = (iso: string) => {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number) as [number, number, number];
  return { y, m, d };
};
const dayWord = (d: number) => (d === 1 ? '1er' : String(d));

/** "lundi 7 octobre 2019" from an ISO day. */
export function formatDayLong(iso: string): string {
  const { y, m, d } = split(iso);
  return `${WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]} ${dayWord(d)} ${MONTHS[m - 1]} ${y}`;
}

/** "7 oct. 2019" from an ISO day (or the day part of an ISO instant). */
export function formatDayShort(iso: string): string {
  const { y, m, d } = split(iso);
  return `${dayWord(d)} ${MONTHS_SHORT[m - 1]} ${y}`;
}

/** "lundi 14 octobre 2019 à 8 h 30" (9 h 00 on the hour): an instant on the wall clock of `timeZone`. */
export function formatMomentLong(at: Date, timeZone: string): string {
  const local = toLocalTime(at, timeZone);
  return `${formatDayLong(local.date)} à ${local.hour} h ${String(local.minute).padStart(2, '0')}`;
}
