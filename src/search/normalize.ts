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

/** A lookup key typed by a person: folded, with spaces, "_" and "-" alike ("En_cours" = "en cours"). */
export function foldKey(text: string): string {
  return foldText(text)
    .replace(/[\s_-]+/g, ' ')
    .trim();
}

/** Words of a folded text: letters and digits; elided articles ("l'", "d'", "qu'") dropped. */
export function tokenize(text: string): string[] {
  return lowerWords(text).map(foldText);
}

/**
 * Words in lower case with their accents: the French stemmer needs them ("élevées" and "élevé"
 * meet as "élev" only before folding; folded first, they stem apart).
 */
export function lowerWords(text: string): string[] {
  const lower = text
    .normalize('NFC')
    .replace(/[’‘`´]/g, "'")
    .replace(/œ/g, 'oe')
    .replace(/Œ/g, 'OE')
    .toLocaleLowerCase('fr')
    // Digit groups "4 000" are one number in French typography.
    .replace(/(\d)[\s\u00a0\u202f](?=\d{3}\b)/g, '$1')
    // Ordinals: "5e", "5ème", "5^{ème}", "1er", "2nde" are written many ways.
    .replace(/(\d+)\s*\^?\{?(?:ème|eme|è|e|er|ers|ère|ères|ere|res|nd|nde|de)\}?(?![\p{L}\d])/gu, '$1e');
  const words = lower.match(/[\p{L}0-9]+(?:'[\p{L}0-9]+)?/gu) ?? [];
  return words.map((w) => w.replace(/^(?:[ldjmnst]|qu|jusqu|lorsqu|puisqu)'/, '')).filter((w) => w.length > 0);
}

const stemCache = new Map<string, string>();

/** Folded French Snowball stem of one lower-case word; numbers and short words stay as they are. */
export function stemWord(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return foldText(word);
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
  return lowerWords(text).map(stemWord).join(' ');
}
