import { frenchHolidayOn } from './holidays-fr.js';
import { addDays, weekdayOf } from './zoned-time.js';

/** Monday to Friday and not a French public holiday. */
export function isBusinessDay(date: string): boolean {
  const weekday = weekdayOf(date);
  return weekday !== 0 && weekday !== 6 && frenchHolidayOn(date) === null;
}

/** The first business day on or after `date` (ISO days). */
export function nextBusinessDay(date: string): string {
  let day = date;
  // At most a weekend plus two holidays in a row: the loop ends within a few steps.
  while (!isBusinessDay(day)) day = addDays(day, 1);
  return day;
}
