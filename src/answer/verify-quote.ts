import { cleanLine } from '../corpus/clean-line.js';

/**
 * A text with hyphens and blanks taken out, lower-cased: the form in which a quote and its lines
 * are compared, so that line breaks and end-of-line hyphenation do not count as differences.
 */
export const squashText = (s: string): string => s.replace(/[\s\u00a0\u202f-]+/g, '').toLowerCase();

/**
 * True when `quote` occurs word for word in the cited lines (after the same artefact cleaning the
 * index applies; line breaks and end-of-line hyphenation do not count as differences).
 */
export function quoteOccursIn(quote: string, rawLines: readonly string[], [from, to]: readonly [number, number]): boolean {
  if (from < 1 || to > rawLines.length || from > to || !quote.trim()) return false;
  const cited = rawLines.slice(from - 1, to).map(cleanLine).join(' ');
  return squashText(cited).includes(squashText(quote));
}
