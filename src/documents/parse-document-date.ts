import { findPrintedDate } from './find-printed-date.js';

/**
 * A document date as a person types it — "2020-12", "12/2020", "décembre 2020", "2020" — as
 * "YYYY-MM" or "YYYY"; null when it is not one.
 */
export function parseDocumentDate(text: string): string | null {
  const t = text.trim();
  let m = /^((?:19|20)\d\d)(?:-(0[1-9]|1[0-2]))?(?:-\d\d)?$/.exec(t);
  if (m) return m[2] ? `${m[1]}-${m[2]}` : m[1]!;
  m = /^(0?[1-9]|1[0-2])[/.-]((?:19|20)\d\d)$/.exec(t);
  if (m) return `${m[2]}-${m[1]!.padStart(2, '0')}`;
  return findPrintedDate([t]);
}
