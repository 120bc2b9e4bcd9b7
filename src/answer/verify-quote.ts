import { cleanLine } from '../corpus/clean-line.js';

const flat = (s: string) =>
  s
    .replace(/-\s+/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
const squash = (s: string) => flat(s).replace(/-/g, '').replace(/\s/g, '');

/**
 * True when `quote` occurs word for word in the cited lines (after the same artefact cleaning the
 * index applies; line breaks and end-of-line hyphenation do not count as differences).
 */
export function quoteOccursIn(quote: string, rawLines: readonly string[], [from, to]: readonly [number, number]): boolean {
  if (from < 1 || to > rawLines.length || from > to || !quote.trim()) return false;
  const cited = rawLines.slice(from - 1, to).map(cleanLine).join(' ');
  return squash(cited).includes(squash(quote));
}
