import { MONTH_PATTERN } from './months.js';

/**
 * What kind of answer a question wants, and the typed spans — dates, amounts, counts, percentages,
 * people, organisations, states — that a sentence holds. One place for these language rules: the
 * indexer stores each sentence's span kinds, the answer layer matches them against the question.
 */
export type AnswerType = 'date' | 'amount' | 'count' | 'percent' | 'who' | 'name' | 'list' | 'definition' | 'status' | 'yesno' | 'fact';

export type SpanKind = 'date' | 'amount' | 'count' | 'percent' | 'person' | 'organisation' | 'state';

/** Bit of each span kind in a sentence's stored flags (bit 0 is the indexer's "heading"). */
export const SPAN_BITS: Readonly<Record<SpanKind, number>> = {
  date: 1 << 1,
  amount: 1 << 2,
  count: 1 << 3,
  percent: 1 << 4,
  person: 1 << 5,
  organisation: 1 << 6,
  state: 1 << 7,
};

/** The span kinds that answer each question type (none: any sentence may). */
export const ANSWERING_SPANS: Readonly<Record<AnswerType, number>> = {
  date: SPAN_BITS.date,
  amount: SPAN_BITS.amount,
  count: SPAN_BITS.count | SPAN_BITS.amount | SPAN_BITS.percent,
  percent: SPAN_BITS.percent,
  who: SPAN_BITS.person | SPAN_BITS.organisation,
  name: SPAN_BITS.person | SPAN_BITS.organisation,
  status: SPAN_BITS.state | SPAN_BITS.date,
  list: 0,
  definition: 0,
  yesno: 0,
  fact: 0,
};

/** Lower case, no accents, typographic apostrophes straightened: the form the rules read. */
export const fold = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’‘`´]/g, "'")
    .toLowerCase();

const YEAR = '(?:19[89]\\d|20[0-4]\\d)';
const NUMBER = '\\d{1,3}(?:[\\s\\u00a0\\u202f.]\\d{3})+(?:,\\d+)?|\\d+(?:[,.]\\d+)?';
const NUMBER_WORDS = 'deux|trois|quatre|cinq|six|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|vingt|trente|quarante|cinquante|soixante|cent|cents|mille|dizaine|douzaine|quinzaine|vingtaine|centaine|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|hundred|thousand';

const DATE = new RegExp(
  [
    `\\b(?:\\d{1,2}(?:er)? )?(?:${MONTH_PATTERN})\\.?(?: ${YEAR}|\\s?\\d{2}\\b)?`,
    `\\b(?:[tsq][1-4]|[1-4]e?r? (?:trimestre|semestre))[ -]?${YEAR}?\\b`,
    `\\b(?:fin|debut|mi|courant|rentree|ete|automne|hiver|printemps|(?:p?lfss|ondam)(?: pour)?)[ -]?(?:de |d')?${YEAR}\\b`,
    `\\b\\d{1,2}/\\d{1,2}(?:/\\d{2,4})?\\b`,
    `\\b${YEAR}\\b`,
  ].join('|'),
  'g',
);
const AMOUNT = new RegExp(
  `(?:${NUMBER})\\s*(?:(?:millions?|milliards?|md|mds|m|k)\\s*(?:d'(?:euros?|€)|€|euros?)|€|euros?|md€|mds€|m€|k€|mds?\\b|milliards?\\b)|\\b(?:\\d+\\s*)?(?:millions?|milliards?) d'euros`,
  'g',
);
const PERCENT = new RegExp(`(?:${NUMBER})\\s*(?:%|pour ?cent|points? de pourcentage)|\\bpourcentage\\b`, 'g');
const COUNT = new RegExp(`(?<![\\d/.,])(?:${NUMBER})(?![\\d/]|\\s*(?:%|€|euros?))|\\b(?:${NUMBER_WORDS})\\b`, 'g');
const STATE = /\b(?:publiee?s?|adoptee?s?|signee?s?|lancee?s?|installee?s?|en cours|engagee?s?|finalisee?s?|realisee?s?|votee?s?|validee?s?|mise?s? en (?:place|oeuvre)|deployee?s?|generalisee?s?|achevee?s?|effecti(?:f|ve)s?|operationnel(?:le)?s?|abandonnee?s?|reportee?s?|en attente|termine(?:e|es|s)?|fait|acte(?:e|es|s)?|obtenue?s?|paru(?:e|es|s)?|promulguee?s?|entree? en vigueur|demarree?s?|prevue?s?)\b/;
/** Words that open the name of a public body ("Direction générale…", "Mission Aubert", "Task Force…"). */
const BODY = /\b(?:Direction|Délégation|Agence|Caisse|Haute Autorité|Ministère|Mission|Assurance maladie|Inspection|Fédération|Conférence|Ordre|Union|Collège|Secrétariat|Task ?Force|Observatoire|Institut)\b/u;
const ACRONYM = /\b[A-Z][A-Z0-9]{1,6}\b/g;

/** Whether a glossary expansion names a body (its acronym is then an organisation: DGOS, CNAM, HAS). */
export const namesABody = (expansion: string): boolean =>
  /^(?:direction|délégation|delegation|agence|caisse|haute autorité|ministère|conseil|mission|institut|fédération|conférence|inspection|secrétariat|observatoire|centre national|assurance maladie|autorité|office|union|ordre|collège|comité|commission)\b/iu.test(expansion.trim());

/** Capitalised words that are not people: institutions, places, programmes, months. */
const NOT_A_NAME = new Set(
  `ma sante france assurance maladie conseil etat haute autorite agence ministere ministre mission direction delegation caisse segur pilier chantier mesure
  projet comite plan loi assemblee senat nationale national ile auvergne hauts centre val loire rhone alpes grand est nouvelle aquitaine occitanie bretagne
  normandie corse pays provence guadeloupe martinique guyane reunion mayotte europe union republique president premier gouvernement le la les un une des
  pour par avec dans sur selon proposition objectif annexe article titre chapitre tableau focus synthese calendrier pilotes pilote equipe programme strategie
  transformation systeme stss ondam plfss lfss ppl cme cpts ght sas ars has cnam dgos`
    .split(/\s+/)
    .filter(Boolean),
);
const PERSON = /(?:\b(?:M\.|Mme|Pr\.?|Dr\.?|Professeur|Docteur)\s+)?\b(\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?)\s+((?:(?:de|du|d'|le|la)\s?)?\p{Lu}(?:\p{Ll}+|\p{Lu}{2,})(?:-\p{Lu}\p{Ll}+)?)/gu;

export interface Span {
  kind: SpanKind;
  text: string;
  /** Offsets in the text the span was found in. */
  start: number;
  end: number;
}

/** People's names: two capitalised words, neither an institution, a place or a programme word. */
function personSpans(text: string): Span[] {
  const out: Span[] = [];
  for (const m of text.matchAll(PERSON)) {
    const words = [m[1]!, m[2]!.replace(/^(?:de|du|d'|le|la)\s?/, '')].map(fold);
    if (words.some((w) => NOT_A_NAME.has(w) || NOT_A_NAME.has(w.split('-')[0]!))) continue;
    out.push({ kind: 'person', text: m[0], start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/**
 * Every typed span of a text, by kind. `organisations` are the acronyms that name bodies (from the
 * glossary): other acronyms (CPTS, GHT) are things, not who does them. Folding keeps offsets (it only drops combining marks after
 * NFD of text that is mostly precomposed, so offsets are those of the folded text: callers use them
 * to cut the folded form or to compare positions, not to slice the original).
 */
export function findSpans(text: string, organisations: ReadonlySet<string> = new Set()): Span[] {
  const folded = fold(text.normalize('NFC'));
  const out: Span[] = [];
  const collect = (kind: SpanKind, pattern: RegExp) => {
    for (const m of folded.matchAll(pattern)) if (m[0].trim()) out.push({ kind, text: m[0], start: m.index, end: m.index + m[0].length });
  };
  collect('date', DATE);
  collect('amount', AMOUNT);
  collect('percent', PERCENT);
  const taken = out.map((s) => [s.start, s.end] as const);
  for (const m of folded.matchAll(COUNT)) {
    const start = m.index;
    const end = start + m[0].length;
    if (taken.some(([a, b]) => start < b && a < end)) continue;
    // A bare year is a date, not a count.
    if (new RegExp(`^${YEAR}$`).test(m[0])) continue;
    out.push({ kind: 'count', text: m[0], start, end });
  }
  const state = STATE.exec(folded);
  if (state) out.push({ kind: 'state', text: state[0], start: state.index, end: state.index + state[0].length });
  const body = BODY.exec(text);
  if (body) out.push({ kind: 'organisation', text: body[0], start: body.index, end: body.index + body[0].length });
  for (const m of text.matchAll(ACRONYM)) {
    if (organisations.has(m[0])) out.push({ kind: 'organisation', text: m[0], start: m.index, end: m.index + m[0].length });
  }
  out.push(...personSpans(text));
  return out;
}

/** The span kinds a text holds, as the bits stored with each sentence. */
export function spanBits(text: string, organisations?: ReadonlySet<string>): number {
  let bits = 0;
  for (const span of findSpans(text, organisations)) bits |= SPAN_BITS[span.kind];
  return bits;
}

/**
 * What the question wants, from its interrogative words in French or English. Order matters:
 * "combien … Conseil d'État" asks for a number, "quand … publié" for a date.
 */
export function wantedAnswer(question: string): AnswerType {
  const q = ` ${fold(question).replace(/[?!.,;:()«»"]/g, ' ').replace(/\s+/g, ' ')} `;
  if (/ (pourcentage|quel taux|quelle part|quelle proportion|what percentage|what share|what proportion|what rate|how much of|% )/.test(q)) return 'percent';
  if (/ (montant|budget|cout|coute|coutent|couteront|enveloppe|combien d'euros|combien d'argent|financement de combien|how much money|how much funding|what budget|what amount|cost|costs|amount) /.test(q)) return 'amount';
  if (/ (combien|nombre|how many|how much|quel objectif chiffre|chiffre) /.test(q)) return 'count';
  if (/ (quand|a quelle date|quelle date|en quelle annee|quelle annee|depuis quand|jusqu'a quand|d'ici quand|a partir de quand|des quand|quel calendrier|calendrier|quelle echeance|echeance|delai|quel horizon|a quelle (?:rentree|echeance|periode)|when|what year|which year|by when|what date|deadline|timeline) /.test(q)) return 'date';
  if (/ (quel est le nom|quel nom|comment s'appelle|comment se nomme|comment s'appellent|what is the name|what's the name|name of|named) /.test(q)) {
    return / (ministre|directeur|directrice|president|presidente|rapporteur|pilote|auteur|responsable|minister|director|head|author) /.test(q) ? 'who' : 'name';
  }
  if (/ (qui|pilote|pilotes|pilotent|pilotee|pilote par|responsable|porte par|who|whom|which organisation|which organization|which body|which agency) /.test(q)) return 'who';
  if (/ (ou en est|ou en sont|ou en etait|ou en etaient|etat d'avancement|avancement|statut|status|where does|where do|where are|how far|progress) /.test(q)) return 'status';
  if (/ (qu'est-ce que|qu'est ce que|c'est quoi|que signifie|que veut dire|que designe|que recouvre|definition|definir|en quoi consiste|what is meant|what does .* mean|define) /.test(q)) return 'definition';
  if (/ (quels sont|quelles sont|quels|quelles|lesquels|lesquelles|liste|citez|enumerez|which|what are|list) /.test(q)) return 'list';
  if (/^ (est-ce que|est ce que|y a-t-il|y a t il|is|are|does|did|do|has|have|can|will|was|were) /.test(q)) return 'yesno';
  // "Le SAS est-il généralisé ?": an inverted verb with no interrogative word asks yes or no.
  if (/-(?:t-)?(?:il|elle|ils|elles) /.test(q) && !/ (qui|que|quoi|quel|quelle|quels|quelles|quand|ou|comment|combien|pourquoi|lequel|laquelle) | qu'/.test(q)) return 'yesno';
  return 'fact';
}
