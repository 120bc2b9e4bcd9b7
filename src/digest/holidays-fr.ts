import { addDays } from './zoned-time.js';

export interface Holiday {
  /** ISO day. */
  date: string;
  name: string;
}

/**
 * Easter Sunday of a Gregorian year (anonymous Gregorian algorithm, "Meeus/Jones/Butcher"), as an
 * ISO day. Three French public holidays hang on it.
 */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The eleven national public holidays of metropolitan France (Code du travail, L3133-1) for a
 * year, in date order. Lundi de Pentecôte stays in: it is a public holiday in law, even though
 * many employers make it the "journée de solidarité". Alsace-Moselle's extra days (Vendredi saint,
 * 26 décembre) are not national and left out.
 */
export function frenchHolidays(year: number): Holiday[] {
  const easter = easterSunday(year);
  const fixed = (md: string, name: string): Holiday => ({ date: `${year}-${md}`, name });
  return [
    fixed('01-01', "Jour de l'an"),
    { date: addDays(easter, 1), name: 'Lundi de Pâques' },
    fixed('05-01', 'Fête du Travail'),
    fixed('05-08', 'Victoire 1945'),
    { date: addDays(easter, 39), name: 'Ascension' },
    { date: addDays(easter, 50), name: 'Lundi de Pentecôte' },
    fixed('07-14', 'Fête nationale'),
    fixed('08-15', 'Assomption'),
    fixed('11-01', 'Toussaint'),
    fixed('11-11', 'Armistice 1918'),
    fixed('12-25', 'Noël'),
  ].sort((x, y) => x.date.localeCompare(y.date));
}

const byYear = new Map<number, Map<string, string>>();

/** The holiday's name when `date` (ISO day) is a French public holiday, else null. */
export function frenchHolidayOn(date: string): string | null {
  const year = Number(date.slice(0, 4));
  let days = byYear.get(year);
  if (!days) {
    days = new Map(frenchHolidays(year).map((h) => [h.date, h.name]));
    byYear.set(year, days);
  }
  return days.get(date) ?? null;
}
