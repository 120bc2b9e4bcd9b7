import type { MeasureSearchDoc } from '../db/measure-store.js';
import { stemWord, tokenize } from '../search/normalize.js';
import { STOPWORDS } from '../search/stopwords.js';
import type { MeasureRecord } from './measure-record.js';

/** The PDF extraction prints "1^{er}", "2^{ème}": the markup is no part of a name. */
export const stripMarkup = (text: string): string => text.replace(/\^\{([^}]*)\}/g, '$1');

/** A name as the exact-name lookup keys it: folded words, space-joined ("Service d’accès aux soins" → "service acces aux soins"). */
export const nameKey = (text: string): string => tokenize(stripMarkup(text)).join(' ');

/** Topic words of a text, folded, with their stems: stop words dropped. */
export function topicWords(text: string): [word: string, stem: string][] {
  return tokenize(stripMarkup(text))
    .filter((w) => !STOPWORDS.has(w))
    .map((w) => [w, stemWord(w)]);
}

/**
 * What the name lookup indexes of a measure: the stems of its title, aliases (glossary acronyms
 * included), pilots and description (weighed least: a lookup names a measure more than it
 * describes it), its full names, and its words with their stems. Pure.
 */
export function measureSearchDoc(m: Pick<MeasureRecord, 'title' | 'aliases' | 'pilots' | 'description'>): MeasureSearchDoc {
  const words = new Map<string, string>();
  const field = (texts: readonly string[]) =>
    texts
      .flatMap(topicWords)
      .map(([w, s]) => {
        words.set(w, s);
        return s;
      })
      .join(' ');
  const names = [m.title, ...m.aliases.map((a) => a.alias)].map(nameKey).filter(Boolean);
  return {
    title: field([m.title]),
    aliases: field(m.aliases.map((a) => a.alias)),
    pilots: field(m.pilots),
    description: field(m.description ? [m.description] : []),
    names: [...new Set(names)],
    words: [...words],
  };
}
