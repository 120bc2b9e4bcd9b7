/**
 * How close two quotes' scores must be for the newer document's to go first: both must answer,
 * not one answer and one aside.
 */
export const NEAR_TIE = 0.95;

/**
 * Quotes in answer order, except that a newer document's quote goes ahead of an older one's when
 * it scores about as well (≥ NEAR_TIE of it): when two documents of different dates answer — a 2020
 * progress deck updating a 2019 table — the newer comes first. Stable; undated quotes never move.
 */
export function newerFirst<T extends { source: string; score: number }>(quotes: readonly T[], dateOf: (source: string) => string | null | undefined): T[] {
  const out = [...quotes];
  const newer = (a: T, b: T) => {
    const da = dateOf(a.source);
    const db = dateOf(b.source);
    return Boolean(da && db && da > db && a.score >= NEAR_TIE * b.score);
  };
  for (let i = 1; i < out.length; i++) {
    for (let j = i; j > 0 && newer(out[j]!, out[j - 1]!); j--) [out[j - 1], out[j]] = [out[j]!, out[j - 1]!];
  }
  return out;
}

const numbers = (text: string) => new Set(text.replace(/(\d)[\s\u00a0\u202f](?=\d{3}\b)/g, '$1').match(/\d+(?:[.,]\d+)?/g) ?? []);

/**
 * Whether `b` restates `a` with other figures from a document of another date ("38 hélistations" in
 * 2019, "52" in 2021): an update to show beside it, not a repeat to drop. Restating means sharing
 * most words both ways (one sentence contained in a longer one is not a restatement).
 */
export function isUpdate(
  a: { source: string; text: string; stems: ReadonlySet<string> },
  b: { source: string; text: string; stems: ReadonlySet<string> },
  dateOf: ((source: string) => string | null | undefined) | undefined,
): boolean {
  if (!dateOf || a.source === b.source) return false;
  const da = dateOf(a.source);
  const db = dateOf(b.source);
  if (!da || !db || da === db) return false;
  const na = numbers(a.text);
  const nb = numbers(b.text);
  if (na.size === 0 || nb.size === 0 || [...nb].every((n) => na.has(n))) return false;
  const words = (s: ReadonlySet<string>) => [...s].filter((w) => !/\d/.test(w));
  const wa = words(a.stems);
  const wb = new Set(words(b.stems));
  const shared = wa.filter((w) => wb.has(w)).length;
  return shared >= 0.7 * Math.max(wa.length, wb.size);
}
