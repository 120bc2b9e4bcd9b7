import type { AnalyzedQuery } from '../search/analyze-query.js';
import { foldText, lowerWords, stemText, stemWord } from '../search/normalize.js';
import type { PassageIndex } from '../search/passage-index.js';
import { STOPWORDS } from '../search/stopwords.js';

export type SupportVerdict = { supported: true } | { supported: false; reason: 'unknown-name' | 'no-person' | 'no-amount' };

/** Capitalised words inside the question (places, people, programmes): "Île-de-France", "Véran". */
function namedWords(text: string): string[] {
  const words = text.match(/(?<=[\p{L}\d,;:()«»"'’ ]\s)\p{Lu}[\p{Ll}’'-]*\p{Ll}(?:-\p{Lu}?\p{Ll}+)*/gu) ?? [];
  return words.filter((w) => !MONTHS_AND_TITLES.has(foldText(w)));
}
const MONTHS_AND_TITLES = new Set(
  'janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre january february march april may june july august september october november december mesure measure proposition proposal pilier chantier objectif etat conseil pr monsieur madame'.split(
    ' ',
  ),
);

/** The question wants a person's name ("comment s'appelle le ministre…", "what is the name of…"). */
const WANTS_NAME = /\b(comment s'appelle|comment se nomme|quel est le nom|nom du|nom de la|what is the name|who is the minister|name of the)\b/;
/** …or a sum of money ("quel budget", "total budget", "combien coûte"). */
const WANTS_AMOUNT = /\b(budget|montant|cout|coute|couteront|cost|costs|amount|enveloppe|combien d'euros|how much money)\b/;
const PERSON = /\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)? \p{Lu}(?:\p{Ll}+|\p{Lu}{2,})(?:-\p{Lu}\p{Ll}+)?/u;
const AMOUNT = /\d[\d  ,.]*\s*(?:€|euros?|m€|md€|mds€|md|mds|millions?|milliards?|k€)(?![\p{L}])/iu;

/**
 * Whether the chosen evidence can answer the question at all, beyond sharing its words: a name the
 * question gives (a place, a person) must appear in it; a question asking for someone's name needs a
 * person's name in it; one asking for a budget needs an amount. Otherwise Jalon declines rather than
 * quote a near miss.
 */
export function checkSupport(index: PassageIndex, query: AnalyzedQuery, evidence: readonly string[]): SupportVerdict {
  const text = evidence.join(' ');
  const stems = new Set(stemText(text).split(' '));
  for (const name of namedWords(query.text)) {
    const parts = lowerWords(name)
      .map(stemWord)
      .filter((p) => p.length > 1 && !STOPWORDS.has(p));
    if (parts.length === 0 || parts.every((p) => index.documentWords.has(p))) continue;
    // Each word may stand for a translation or an expansion: any term of its group will do.
    const found = parts.every((part) => {
      const groups = new Set(query.terms.filter((t) => t.stem === part).map((t) => t.group));
      return stems.has(part) || query.terms.some((t) => groups.has(t.group) && stems.has(t.stem));
    });
    if (!found) return { supported: false, reason: 'unknown-name' };
  }
  const folded = ` ${foldText(query.text)} `;
  if (WANTS_NAME.test(folded) && !PERSON.test(text)) return { supported: false, reason: 'no-person' };
  if (query.intent === 'quantity' && WANTS_AMOUNT.test(folded) && !AMOUNT.test(foldText(text))) return { supported: false, reason: 'no-amount' };
  return { supported: true };
}
