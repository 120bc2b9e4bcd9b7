/**
 * How close two quotes' scores (the sentence model's probabilities) must be for the newer
 * document's to go first: both must answer, not one answer and one aside.
 */
export const NEAR_TIE = 0.5;

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
