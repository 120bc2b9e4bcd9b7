import { stemmer } from '@orama/stemmers/french';

/** Lowercase, fold accents and typographic quotes, so "Été" and "ete", "d’accès" and "d'acces" meet. */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’‘`´]/g, "'")
    .replace(/œ/gi, 'oe')
    .replace(/æ/gi, 'ae')
    .toLowerCase();
}

/** Words of a folded text: letters and digits; elided articles ("l'", "d'", "qu'") dropped. */
export function tokenize(text: string): string[] {
  const folded = foldText(text)
    // Digit groups "4 000" are one number in French typography.
    .replace(/(\d)[\s\u00a0\u202f](?=\d{3}\b)/g, '$1');
  const words = folded.match(/[a-z0-9]+(?:'[a-z0-9]+)?/g) ?? [];
  return words.map((w) => w.replace(/^(?:[ldjmnst]|qu|jusqu|lorsqu|puisqu)'/, '')).filter((w) => w.length > 0);
}

const stemCache = new Map<string, string>();

/** French Snowball stem of one folded word; numbers and short acronyms stay as they are. */
export function stemWord(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  let stem = stemCache.get(word);
  if (stem === undefined) {
    stem = foldText(stemmer(word));
    if (stemCache.size > 50_000) stemCache.clear();
    stemCache.set(word, stem);
  }
  return stem;
}

/** The indexable form of a text: folded, tokenized, stemmed, space-joined. */
export function stemText(text: string): string {
  return tokenize(text).map(stemWord).join(' ');
}
