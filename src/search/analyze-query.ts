import type { GlossaryEntry } from '../knowledge/load-glossary.js';
import { foldText, lowerWords, stemText, stemWord, tokenize } from './normalize.js';
import { ENGLISH_MARKERS, STOPWORDS } from './stopwords.js';

export type Intent = 'when' | 'who' | 'status' | 'quantity' | 'deliverable' | 'list' | 'what';

export interface QueryTerm {
  stem: string;
  /** 1 for the user's own words; less for expansions (acronym, synonym, translation, typo fix). */
  weight: number;
  origin: 'query' | 'acronym' | 'synonym' | 'english' | 'typo';
  /** Which of the user's words this term stands for: coverage is counted per group. */
  group: number;
}

export interface AnalyzedQuery {
  text: string;
  english: boolean;
  intent: Intent;
  terms: QueryTerm[];
  /** Numbers the question names ("mesure 19", "2021"). */
  numbers: string[];
  /** Adjacent user stems, for phrase bonuses. */
  bigrams: string[];
}

export interface QueryResources {
  glossary: readonly GlossaryEntry[];
  lexicon: ReadonlyMap<string, string[]>;
  synonyms: readonly string[][];
  /** Stems present in the index, with their document frequency: for typo repair. */
  vocabulary: ReadonlyMap<string, number>;
}

const MAX_QUERY_CHARS = 1000;

interface Prepared {
  glossary: { names: string[]; expansion: string; entry: GlossaryEntry }[];
  synonyms: string[][];
  /** English phrases as folded tokens joined by spaces → French words. */
  lexicon: Map<string, string[]>;
  /** Known stems by first letter, for typo repair without scanning the whole vocabulary. */
  byInitial: Map<string, string[]>;
}
const prepared = new WeakMap<QueryResources, Prepared>();

/** Tokenizes the glossary and synonyms once per resource set, not once per question. */
function prepare(res: QueryResources): Prepared {
  let p = prepared.get(res);
  if (!p) {
    const byInitial = new Map<string, string[]>();
    for (const stem of res.vocabulary.keys()) {
      const list = byInitial.get(stem[0] ?? '') ?? [];
      list.push(stem);
      byInitial.set(stem[0] ?? '', list);
    }
    p = {
      glossary: res.glossary.map((entry) => ({
        names: [entry.acronym, ...entry.variants].map((n) => tokenize(n).join(' ')).filter(Boolean),
        // Stemmed, so that "agences régionales de santé" meets "Agence régionale de santé".
        expansion: stemText(entry.expansion),
        entry,
      })),
      synonyms: res.synonyms.map((group) => group.map((g) => stemText(g))),
      lexicon: new Map([...res.lexicon].map(([en, fr]) => [tokenize(en).join(' '), fr])),
      byInitial,
    };
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

/** What kind of answer the question wants, from its interrogative words (French and English). */
export function detectIntent(text: string): Intent {
  const t = ` ${foldText(text)} `;
  // Order matters: "combien … Conseil d'État" asks for a number, not a status.
  if (/\b(combien|montant|nombre|how many|how much|budget|taux|chiffre|cout|quel(le)?s? (taille|montant|nombre|part|pourcentage|age|somme|hausse|enveloppe|ratio|proportion))\b|\bdes quel age\b|\ba partir de quel age\b/.test(t)) return 'quantity';
  if (/\b(quand|date|calendrier|echeance|delai|when|deadline|what year|which year|a quelle (date|rentree|echeance))\b|\bdes quel/.test(t)) return 'when';
  if (/\b(qui|pilote|pilotes|pilotent|pilot|pilots|who|responsable)\b/.test(t)) return 'who';
  if (/\b(ou en est|ou en sont|ou en etait|ou en etaient|avancement|statut|status|etat d'avancement|progress|where are we)\b/.test(t)) return 'status';
  if (/\b(livrable|livrables|deliverable|deliverables)\b/.test(t)) return 'deliverable';
  if (/\b(quels|quelles|liste|list|lesquel\w*|which|what are)\b/.test(t)) return 'list';
  return 'what';
}

function editDistanceAtMost(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      best = Math.min(best, v);
    }
    if (best > max) return false;
    prev = cur;
  }
  return prev[b.length]! <= max;
}

/**
 * Turns a question into weighted search terms: the user's content words (stemmed), acronyms
 * expanded both ways from the glossary, English words translated through the lexicon, domain
 * synonyms, and repairs for words the index does not know (typos).
 */
export function analyzeQuery(raw: string, res: QueryResources): AnalyzedQuery {
  const text = stripMarkup(raw).slice(0, MAX_QUERY_CHARS);
  const prep = prepare(res);
  const accented = lowerWords(text);
  const words = accented.map(foldText);
  const english = words.filter((w) => ENGLISH_MARKERS.has(w)).length >= 2 || /^(what|which|who|when|how|where|is|are|does|did)\b/i.test(text);
  const terms: QueryTerm[] = [];
  const seen = new Map<string, QueryTerm>();
  let groups = 0;
  const add = (stem: string, weight: number, origin: QueryTerm['origin'], group: number) => {
    if (!stem || STOPWORDS.has(stem)) return;
    const existing = seen.get(stem);
    if (existing) {
      if (existing.weight < weight) Object.assign(existing, { weight, origin, group });
      return;
    }
    const term = { stem, weight, origin, group };
    seen.set(stem, term);
    terms.push(term);
  };
  const addPhrase = (phrase: string, weight: number, origin: QueryTerm['origin'], group: number) => {
    for (const s of stemText(phrase).split(' ')) add(s, weight, origin, group);
  };

  // English: translate phrases first (longest first), then words. In a question not recognised as
  // English, only words the French corpus does not know are translated ("emergency").
  const consumed = new Set<number>();
  {
    for (let size = english ? 3 : 1; size >= 1; size--) {
      for (let i = 0; i + size <= words.length; i++) {
        if ([...Array(size).keys()].some((k) => consumed.has(i + k))) continue;
        if (!english && res.vocabulary.has(stemWord(accented[i]!))) continue;
        const phrase = words.slice(i, i + size).join(' ');
        // Plurals: "diseases" → "disease", "policies" → "policy".
        const french =
          prep.lexicon.get(phrase) ?? prep.lexicon.get(phrase.replace(/ies$/, 'y')) ?? prep.lexicon.get(phrase.replace(/e?s$/, '')) ?? prep.lexicon.get(phrase.replace(/s$/, ''));
        if (!french) continue;
        const group = groups++;
        for (const fr of french) addPhrase(fr, 0.9, 'english', group);
        for (let k = 0; k < size; k++) consumed.add(i + k);
      }
    }
  }

  const userStems: string[] = [];
  words.forEach((word, i) => {
    if (consumed.has(i) || STOPWORDS.has(word)) return;
    const stem = stemWord(accented[i]!);
    const group = groups++;
    userStems.push(stem);
    if (res.vocabulary.has(stem) || /\d/.test(word) || word.length < 5) {
      add(stem, 1, 'query', group);
    } else {
      // Unknown word: keep it, and try the nearest known stems (1 edit, 2 for long words).
      add(stem, 1, 'query', group);
      const max = stem.length >= 8 ? 2 : 1;
      let fixes = 0;
      for (const known of prep.byInitial.get(stem[0] ?? '') ?? []) {
        if (editDistanceAtMost(stem, known, max)) {
          add(known, 0.8, 'typo', group);
          if (++fixes >= 3) break;
        }
      }
    }
  });

  // Acronyms, both directions.
  const folded = ` ${words.join(' ')} `;
  const stemmedQuestion = ` ${stemText(text)} `;
  for (const { names, expansion, entry } of prep.glossary) {
    const named = names.some((n) => folded.includes(` ${n} `));
    if (named) {
      const group = terms.find((t) => names.includes(t.stem))?.group ?? groups++;
      // When the corpus uses the acronym itself, its expansion only catches paraphrases.
      const known = names.some((n) => res.vocabulary.has(stemText(n)));
      addPhrase(entry.expansion, known ? 0.3 : 0.6, 'acronym', group);
    } else if (expansion.split(' ').length >= 2 && stemmedQuestion.includes(` ${expansion} `)) {
      add(stemText(entry.acronym), 0.8, 'acronym', groups++);
    }
  }

  // Synonyms of the user's own words.
  for (const stems of prep.synonyms) {
    const hit = stems.findIndex((s) => s && (s.includes(' ') ? folded.includes(` ${s} `) : seen.get(s)?.origin === 'query'));
    if (hit < 0) continue;
    const g = seen.get(stems[hit]!)?.group ?? groups++;
    stems.forEach((s, i) => {
      if (i !== hit) for (const part of s.split(' ')) add(part, 0.4, 'synonym', g);
    });
  }

  const bigrams: string[] = [];
  for (let i = 0; i + 1 < userStems.length; i++) bigrams.push(`${userStems[i]} ${userStems[i + 1]}`);
  return {
    text,
    english,
    intent: detectIntent(text),
    terms,
    numbers: text.match(/\d+(?:[ ,.]\d+)*/g)?.map((n) => n.replace(/\s/g, '')) ?? [],
    bigrams,
  };
}
