import { wantedAnswer, type AnswerType } from '../domain/answer-types.js';
import type { GlossaryEntry } from '../knowledge/load-glossary.js';
import { englishCognates } from './english-cognates.js';
import { foldText, lowerWords, stemText, stemWord, tokenize } from './normalize.js';
import { ENGLISH_MARKERS, FRENCH_STOPWORDS, STOPWORDS } from './stopwords.js';
import { wordFamily } from './word-family.js';

export type TermOrigin = 'query' | 'acronym' | 'synonym' | 'english' | 'cognate' | 'family' | 'typo';

export interface QueryTerm {
  stem: string;
  /** 1 for the user's own words; less for expansions (acronym, synonym, translation, typo fix). */
  weight: number;
  origin: TermOrigin;
  /** Which of the user's words this term stands for: coverage is counted per group. */
  group: number;
  /** The stem's id in the index, and how many passages hold it. */
  id: number;
  df: number;
}

export interface AnalyzedQuery {
  text: string;
  english: boolean;
  /** What the question wants: a date, an amount, a person… */
  answerType: AnswerType;
  terms: QueryTerm[];
  /** Numbers the question names ("mesure 19", "2021"). */
  numbers: string[];
  /** Ids of adjacent user stems, for phrase bonuses. */
  bigrams: [number, number][];
  /** The user's content words the corpus does not know, even after repairs and translations. */
  unknown: string[];
  /** Numbered parts of a document the question names ("pilier 1", "mesure 9"): stems and ids of the word and the number. */
  references: { stems: [string, string]; ids: [number, number] }[];
}

/** Words that number the parts of the reform documents, in French and English, as their French stem. */
const PART_WORDS: Readonly<Record<string, string>> = {
  pilier: 'pilier', pillar: 'pilier', chantier: 'chantier', workstream: 'chantier', mesure: 'mesure', measure: 'mesure',
  proposition: 'proposition', proposal: 'proposition', prop: 'proposition', axe: 'axe', axis: 'axe', objectif: 'objectif',
  objective: 'objectif', article: 'article', projet: 'projet', project: 'projet',
};
const PART_REFERENCE = new RegExp(`\\b(${Object.keys(PART_WORDS).join('|')})s?\\s*(?:n\\s*°?\\s*)?(\\d{1,3})\\b`, 'g');

/** Knowledge that expands a question: fixed-size files, loaded once. */
export interface QueryResources {
  glossary: readonly GlossaryEntry[];
  lexicon: ReadonlyMap<string, string[]>;
  synonyms: readonly string[][];
  /** The same, already tokenized and stemmed (from a cache); computed on first use otherwise. */
  prepared?: PreparedResources;
}

/** What the corpus knows: document frequencies of stems, and near spellings for typos. */
export interface Vocabulary {
  lookup(stems: readonly string[]): Map<string, { id: number; df: number }>;
  near(stem: string, maxEdits: number): string[];
}

const MAX_QUERY_CHARS = 1000;

/** Weights of expansions: a translation or a repair is nearly the word; a synonym is a hint. */
export const EXPANSION_WEIGHTS = { english: 0.9, cognate: 0.8, typo: 0.8, family: 0.5, synonym: 0.4, acronymKnown: 0.3, acronymUnknown: 0.6, acronymOf: 0.8 };

/** The resources in the form questions are matched against: tokenized and stemmed once. */
export interface PreparedResources {
  glossary: { names: string[]; expansion: string; entry: GlossaryEntry }[];
  synonyms: string[][];
  /** English phrases as folded tokens joined by spaces → French words. */
  lexicon: [string, string[]][];
}
const prepared = new WeakMap<QueryResources, { glossary: PreparedResources['glossary']; synonyms: string[][]; lexicon: Map<string, string[]> }>();

/** Tokenizes and stems the glossary, synonyms and lexicon (a few tens of ms: done once, and cacheable). */
export function prepareResources(res: Omit<QueryResources, 'prepared'>): PreparedResources {
  return {
    glossary: res.glossary.map((entry) => ({
      names: [entry.acronym, ...entry.variants].map((n) => tokenize(n).join(' ')).filter(Boolean),
      // Stemmed, so that "agences régionales de santé" meets "Agence régionale de santé".
      expansion: stemText(entry.expansion),
      entry,
    })),
    synonyms: res.synonyms.map((group) => group.map((g) => stemText(g))),
    lexicon: [...res.lexicon].map(([en, fr]) => [tokenize(en).join(' '), fr]),
  };
}

function prepare(res: QueryResources) {
  let p = prepared.get(res);
  if (!p) {
    const ready = res.prepared ?? prepareResources(res);
    p = { glossary: ready.glossary, synonyms: ready.synonyms, lexicon: new Map(ready.lexicon) };
    prepared.set(res, p);
  }
  return p;
}

/** Slack markup and control characters out: `<@U123>`, `<#C1|x>`, `<!channel>`, `<http://…|label>`. */
export function stripMarkup(text: string): string {
  return text
    .replace(/<([@#!][^>|]*)(\|[^>]*)?>/g, ' ')
    .replace(/<(https?:[^>|]*)\|([^>]*)>/g, '$2')
    .replace(/<https?:[^>]*>/g, ' ')
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .replace(/&(amp|lt|gt);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>' })[e as 'amp' | 'lt' | 'gt'])
    .trim();
}

/** English plurals and inflections, to find a lexicon key: "diseases" → "disease", "policies" → "policy". */
const englishKeys = (phrase: string) => [phrase, phrase.replace(/ies$/, 'y'), phrase.replace(/es$/, ''), phrase.replace(/s$/, ''), phrase.replace(/ed$/, ''), phrase.replace(/ing$/, '')];

/**
 * Turns a question into weighted search terms: the user's content words (stemmed); English words
 * translated through the lexicon and by cognate rules; acronyms expanded both ways from the
 * glossary; words of the same French family; domain synonyms; repairs for words the corpus does
 * not know (typos). Every expansion is kept only when the corpus knows its stem.
 */
export function analyzeQuery(raw: string, res: QueryResources, vocabulary: Vocabulary): AnalyzedQuery {
  const text = stripMarkup(raw).slice(0, MAX_QUERY_CHARS);
  const prep = prepare(res);
  const accented = lowerWords(text);
  const words = accented.map(foldText);
  // An acronym typed in capitals ("HAD", "SI", "AS") is a topic even when its letters spell a function word.
  const capitals = new Set((text.match(/\b[A-Z]{2,}\b/g) ?? []).map((w) => w.toLowerCase()));
  const isStopword = (w: string) => STOPWORDS.has(w) && !capitals.has(w);
  const english = words.filter((w) => ENGLISH_MARKERS.has(w)).length >= 2 || /^(what|which|who|when|how|where|is|are|does|did)\b/i.test(text);
  const userStems = accented.map((w) => (isStopword(foldText(w)) ? '' : stemWord(w)));

  // Everything an expansion could add, looked up in one round trip.
  const candidates = new Set<string>(userStems.filter(Boolean));
  const translations = new Map<number, { stems: string[]; origin: TermOrigin; size: number }[]>();
  const addTranslation = (i: number, french: readonly string[], origin: TermOrigin, size: number) => {
    const stems = french.flatMap((fr) => stemText(fr).split(' ')).filter((s) => s && !FRENCH_STOPWORDS.has(s));
    for (const s of stems) candidates.add(s);
    translations.set(i, [...(translations.get(i) ?? []), { stems, origin, size }]);
  };
  for (let size = 3; size >= 1; size--) {
    for (let i = 0; i + size <= words.length; i++) {
      const phrase = words.slice(i, i + size).join(' ');
      const french = englishKeys(phrase)
        .map((k) => prep.lexicon.get(k))
        .find(Boolean);
      if (french) addTranslation(i, french, 'english', size);
    }
  }
  words.forEach((word, i) => {
    if (!userStems[i]) return;
    addTranslation(i, englishCognates(word), 'cognate', 1);
    for (const form of wordFamily(accented[i]!)) candidates.add(stemWord(form));
  });
  const folded = ` ${words.join(' ')} `;
  const stemmedQuestion = ` ${stemText(text)} `;
  const acronyms = prep.glossary.filter(({ names, expansion }) => names.some((n) => folded.includes(` ${n} `)) || (expansion.includes(' ') && stemmedQuestion.includes(` ${expansion} `)));
  for (const { entry, expansion } of acronyms) {
    for (const s of expansion.split(' ')) candidates.add(s);
    candidates.add(stemText(entry.acronym));
    for (const n of [entry.acronym, ...entry.variants]) candidates.add(stemText(n));
  }
  // Synonyms expand the French side of the question: its own words, or the translations of an English one.
  const frenchSide = english ? ` ${[...translations.values()].flat().map((t) => t.stems.join(' ')).join(' | ')} ` : stemmedQuestion;
  const synonymGroups = prep.synonyms.filter((stems) => stems.some((s) => s && frenchSide.includes(` ${s} `)));
  for (const stems of synonymGroups) for (const s of stems) for (const part of s.split(' ')) candidates.add(part);
  const parts = [...folded.matchAll(PART_REFERENCE)].map((m) => [stemWord(PART_WORDS[m[1]!]!), m[2]!] as const);
  for (const [word, number] of parts) candidates.add(word).add(number);
  const df = vocabulary.lookup([...candidates].filter((s) => s && !FRENCH_STOPWORDS.has(s)));
  const known = (s: string) => df.has(s);

  const terms: QueryTerm[] = [];
  const seen = new Map<string, QueryTerm>();
  let groups = 0;
  const add = (stem: string, weight: number, origin: TermOrigin, group: number) => {
    // Expansions are French: an English function word ("had", "as") may be a French acronym.
    if (!stem || (origin === 'query' ? isStopword(stem) : FRENCH_STOPWORDS.has(stem)) || !known(stem)) return;
    const existing = seen.get(stem);
    if (existing) {
      if (existing.weight < weight) Object.assign(existing, { weight, origin, group });
      return;
    }
    const term = { stem, weight, origin, group, ...df.get(stem)! };
    seen.set(stem, term);
    terms.push(term);
  };

  // The user's words, with what stands for them: a translation when the question is English or the
  // corpus does not know the word ("emergency"), its family, or its nearest spellings (typos).
  const unknown: string[] = [];
  const consumed = new Set<number>();
  words.forEach((word, i) => {
    const stem = userStems[i];
    if (!stem || consumed.has(i)) return;
    const group = groups++;
    // In an English question, a word the lexicon translates stands for its translations only:
    // "report" is a "rapport", not a French "report" (postponement).
    const lexical = english && (translations.get(i) ?? []).some((t) => t.origin === 'english' && t.stems.some(known));
    const ownKnown = known(stem) && !(english && (ENGLISH_MARKERS.has(word) || lexical));
    if (ownKnown) add(stem, 1, 'query', group);
    let translated = false;
    if (english || !ownKnown) {
      // Longest phrase first: "mental health" before "health".
      for (const t of (translations.get(i) ?? []).sort((a, b) => b.size - a.size)) {
        const weight = t.origin === 'english' ? EXPANSION_WEIGHTS.english : EXPANSION_WEIGHTS.cognate;
        const hits = t.stems.filter(known);
        if (hits.length === 0) continue;
        for (const s of hits) add(s, weight, t.origin, group);
        translated = true;
        if (t.origin === 'english') {
          for (let k = 1; k < t.size; k++) consumed.add(i + k);
          break;
        }
      }
    }
    for (const form of wordFamily(accented[i]!)) add(stemWord(form), EXPANSION_WEIGHTS.family, 'family', group);
    if (!ownKnown && !translated && !terms.some((t) => t.group === group)) {
      if (!/\d/.test(word) && stem.length >= 4) {
        const fixes = vocabulary.near(stem, stem.length >= 8 ? 2 : 1).slice(0, 3);
        for (const [fix, term] of vocabulary.lookup(fixes)) df.set(fix, term);
        for (const fix of fixes) add(fix, EXPANSION_WEIGHTS.typo, 'typo', group);
        if (fixes.length === 0) unknown.push(word);
      } else if (!known(stem)) {
        unknown.push(word);
      }
    }
  });

  // Acronyms, both directions.
  for (const { names, expansion, entry } of acronyms) {
    const named = names.some((n) => folded.includes(` ${n} `));
    if (named) {
      const group = terms.find((t) => names.includes(t.stem))?.group ?? groups++;
      // When the corpus uses the acronym itself, its expansion only catches paraphrases.
      const acronymKnown = names.some((n) => known(stemText(n)));
      for (const s of expansion.split(' ')) add(s, acronymKnown ? EXPANSION_WEIGHTS.acronymKnown : EXPANSION_WEIGHTS.acronymUnknown, 'acronym', group);
    } else {
      add(stemText(entry.acronym), EXPANSION_WEIGHTS.acronymOf, 'acronym', groups++);
    }
  }

  // Synonyms of the user's own words.
  for (const stems of synonymGroups) {
    const hit = stems.find((s) => s && frenchSide.includes(` ${s} `))!;
    const g = seen.get(hit.split(' ')[0]!)?.group ?? groups++;
    for (const s of stems) if (s !== hit) for (const part of s.split(' ')) add(part, EXPANSION_WEIGHTS.synonym, 'synonym', g);
  }

  const content = userStems.filter((s, i) => s && !consumed.has(i));
  const bigrams: [number, number][] = [];
  for (let i = 0; i + 1 < content.length; i++) {
    const [a, b] = [df.get(content[i]!), df.get(content[i + 1]!)];
    if (a && b) bigrams.push([a.id, b.id]);
  }
  return {
    text,
    english,
    answerType: wantedAnswer(text),
    terms,
    numbers: text.match(/\d+(?:[ ,.]\d+)*/g)?.map((n) => n.replace(/\s/g, '')) ?? [],
    bigrams,
    unknown,
    references: parts.flatMap(([word, number]) => {
      const [w, n] = [df.get(word), df.get(number)];
      return w && n ? [{ stems: [word, number] as [string, string], ids: [w.id, n.id] as [number, number] }] : [];
    }),
  };
}
