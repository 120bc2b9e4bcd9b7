import { isBullet } from '../corpus/split-units.js';
import { ANSWERING_SPANS } from '../domain/answer-types.js';
import type { Answer, AnswerKind, Citation } from '../domain/types.js';
import type { StoredUnit } from '../db/corpus-store.js';
import type { CorpusIndex } from '../search/corpus-index.js';
import { lowerWords, stemWord } from '../search/normalize.js';
import { idf } from '../search/query-weights.js';
import { SENTENCE_FEATURES, type Candidate, type Evidence } from './collect-evidence.js';
import { linearScore, predict, type LinearModel } from '../domain/linear-model.js';
import type { RecordMatch } from './record-facts.js';
import { newerFirst } from './newer-first.js';
import { quoteOccursIn } from './verify-quote.js';

/** The learned parts of the answer layer (src/answer/trained-model.ts). */
export interface AnswerModel {
  /** Second stage of passage ranking (src/search/rank-passages.ts). */
  ranker: LinearModel;
  /** Score of a sentence holding the answer, against the question's other sentences. */
  sentence: LinearModel;
  /** Probability that the question is answered by the evidence at all. */
  confidence: LinearModel;
  /** A second sentence is quoted when its probability reaches this share of the first's. */
  secondQuote: number;
  /** Confidence from which an answer is given as sure. */
  threshold: number;
}

export const CONFIDENCE_FEATURES = [
  'bestSentence',
  'secondSentence',
  'passageCoverage',
  'relativeScore',
  'gap',
  'typedQuestion',
  'typeFound',
  'unknownWords',
  'missingName',
  'uncovered',
  'uncoveredTop3',
  'sentenceCoverage',
  'typedCoverage',
  'chosenPassageCoverage',
  'chosenUncovered',
  'heaviestUncovered',
  'numbersMissing',
  'specificity',
] as const;

export const DECLINE_FR = "Je n'ai pas trouvé cela dans les documents indexés.";
export const DECLINE_EN = 'I could not find this in the indexed documents.';
const CLOSEST_FR = 'Pas de réponse sûre — passages les plus proches :';
const CLOSEST_EN = 'No confident answer — closest passages:';
/**
 * A question all of whose words occur in more than this share of passages names no subject ("Et qui
 * la pilote ?" out of context, "Où en est-on ?"): nothing can be answered with confidence.
 */
const COMMON_WORD_SHARE = 0.2;
/** Below this coverage the best passage is unrelated: the answer is a plain decline. */
const RELATED_COVERAGE = 0.25;
/** Quotes stop growing past this many characters (answers stay readable in a Slack thread). */
const QUOTE_BUDGET = 800;
const LIST_ITEMS = 5;
/** Sentences quoted at most: the best, and those scoring close to it. */
const MAX_QUOTES = 4;

export interface Scored {
  candidate: Candidate;
  p: number;
}

/** Sentences of the evidence, most likely to hold the answer first. */
export function scoreCandidates(evidence: Evidence, model: Pick<AnswerModel, 'sentence'>): Scored[] {
  // The sentence model ranks a question's sentences against each other (trained listwise): its
  // softmax says how much of the belief the best sentence holds.
  const scores = evidence.candidates.map((c) => linearScore(model.sentence, c.features));
  const max = Math.max(...scores);
  const exp = scores.map((z) => Math.exp(z - max));
  const total = exp.reduce((a, b) => a + b, 0) || 1;
  return evidence.candidates.map((candidate, i) => ({ candidate, p: exp[i]! / total })).sort((a, b) => b.p - a.p || a.candidate.rank - b.candidate.rank);
}

export interface Quote {
  passageId: number;
  /** Lines of the passage the quote is from: a citation points to the passage, focused on the quote. */
  passage: [number, number];
  file: string;
  section: string;
  lines: [number, number];
  text: string;
  typed: boolean;
}

/** Capitalised words after the first (names, places, acronyms): the question's named things. */
function namedStems(text: string): string[] {
  const words = text.match(/(?<=\S\s+)(?:\p{Lu}[\p{L}-]+|[A-Z]{2,}\d*)/gu) ?? [];
  return words.flatMap((w) => lowerWords(w).map(stemWord)).filter((s) => s.length > 2);
}

/** Share of the numbers the question gives ("en 2019", "mesure 7") that a text does not print. */
function numbersMissing(numbers: readonly string[], text: string): number {
  if (numbers.length === 0) return 0;
  const digits = text.replace(/[\s\u00a0\u202f]/g, '');
  return numbers.filter((n) => !digits.includes(n)).length / numbers.length;
}

/** The answer-level features the confidence model weighs (order of CONFIDENCE_FEATURES). */
export function confidenceFeatures(index: CorpusIndex, evidence: Evidence, scored: readonly Scored[], quoted: readonly Quote[]): number[] {
  const { query, hits } = evidence;
  const { possible } = evidence.weights;
  const [h1, h2] = hits;
  const typedQuestion = ANSWERING_SPANS[query.answerType] !== 0;
  const users = query.terms.filter((t) => t.origin === 'query').length + query.unknown.length;
  // A rare name the question gives (a place, a programme) that the best passages never mention.
  const top = new Set(hits.slice(0, 3).flatMap((h) => [...h.passage.body, ...h.passage.head]));
  const names = namedStems(query.text);
  const known = index.lookup(names);
  const stats = index.stats();
  let missing = 0;
  for (const stem of names) {
    const term = known.get(stem);
    if (!term) missing++;
    else if (term.df <= Math.max(3, stats.passages * 0.01) && !top.has(term.id)) missing++;
  }
  const covered = evidence.weights.groupsIn([...(h1?.passage.body ?? []), ...(h1?.passage.head ?? [])]);
  let uncovered = 0;
  for (const [group, weight] of evidence.weights.byGroup) if (!covered.has(group)) uncovered = Math.max(uncovered, weight);
  const coveredTop3 = evidence.weights.groupsIn(top);
  let uncoveredTop3 = 0;
  for (const [group, weight] of evidence.weights.byGroup) if (!coveredTop3.has(group)) uncoveredTop3 = Math.max(uncoveredTop3, weight);
  // How much of the question the best sentence holding the kind of value asked for covers.
  const context = (c: Candidate) => c.features[SENTENCE_FEATURES.indexOf('contextCoverage')]!;
  let typedCoverage = 0;
  for (const c of evidence.candidates) if (!typedQuestion || c.typed) typedCoverage = Math.max(typedCoverage, context(c));
  // What the passage of the chosen sentence leaves out of the question, relative to its heaviest word.
  const chosen = hits.find((h) => h.passage.id === scored[0]?.candidate.passageId);
  const chosenCovered = evidence.weights.groupsIn([...(chosen?.passage.body ?? []), ...(chosen?.passage.head ?? [])]);
  const heaviest = Math.max(0, ...evidence.weights.byGroup.values()) || 1;
  let chosenUncovered = 0;
  let heaviestUncovered = 0;
  for (const [group, weight] of evidence.weights.byGroup) {
    if (chosenCovered.has(group)) continue;
    chosenUncovered = Math.max(chosenUncovered, weight / heaviest);
    if (weight === heaviest) heaviestUncovered = 1;
  }
  return [
    scored[0]?.p ?? 0,
    scored[1]?.p ?? 0,
    h1?.coverage ?? 0,
    h1 ? Math.min(3, h1.score / possible) : 0,
    h1 && h2 ? (h1.score - h2.score) / (h1.score || 1) : 1,
    typedQuestion ? 1 : 0,
    typedQuestion && quoted.some((q) => q.typed) ? 1 : 0,
    users > 0 ? query.unknown.length / users : 1,
    Math.min(2, missing),
    uncovered / possible,
    uncoveredTop3 / possible,
    scored[0] ? context(scored[0].candidate) : 0,
    typedCoverage,
    chosen?.coverage ?? 0,
    chosenUncovered,
    heaviestUncovered,
    numbersMissing(query.numbers, chosen ? index.units(chosen.passage.id).map((u) => u.text).join(' ') : ''),
    // A question whose words are all common ("Et qui la pilote ?" out of context) names no subject.
    heaviest / idf(stats.passages, 1),
  ];
}

/** Joins units [from, to] of a passage into one quote, when their text still reads in the lines. */
function joinUnits(index: CorpusIndex, c: Candidate, units: readonly StoredUnit[], from: number, to: number, wanted: number): Quote | null {
  const parts = units.slice(from, to + 1);
  if (parts.length === 0) return null;
  const quote: Quote = {
    passageId: c.passageId,
    passage: c.passageLines,
    file: c.file,
    section: c.section,
    lines: [parts[0]!.lines[0], parts.at(-1)!.lines[1]],
    text: parts.map((u) => u.text).join(' '),
    typed: wanted !== 0 && parts.some((u) => (u.flags & wanted) !== 0),
  };
  const lines = index.lines(c.file);
  return lines && quoteOccursIn(quote.text, lines, quote.lines) ? quote : null;
}

/**
 * The quote for a chosen sentence: with the next sentence when that one holds the kind of value
 * asked for and this one does not ("combien" answered by the line after its label), or with the
 * items that follow a list's heading (capped, "+N autres").
 */
function quoteFor(index: CorpusIndex, evidence: Evidence, c: Candidate): { quote: Quote; more: number } | null {
  const units = evidence.units.get(c.passageId) ?? [];
  const wanted = ANSWERING_SPANS[evidence.query.answerType];
  const i = c.index;
  const next = units[i + 1];
  const listHead = /:\s*$/.test(c.unit.text) || (evidence.query.answerType === 'list' && next !== undefined && isBullet(next.text));
  if (listHead && next) {
    let end = i;
    while (end + 1 < units.length && end - i < LIST_ITEMS && (isBullet(units[end + 1]!.text) || end === i)) end++;
    let more = 0;
    for (let k = end + 1; k < units.length && isBullet(units[k]!.text); k++) more++;
    const quote = joinUnits(index, c, units, i, end, wanted);
    if (quote) return { quote, more };
  }
  if (wanted !== 0 && !c.typed && next && (next.flags & wanted) !== 0 && next.lines[0] - c.unit.lines[1] <= 3) {
    const quote = joinUnits(index, c, units, i, i + 1, wanted);
    if (quote) return { quote, more: 0 };
  }
  const quote = joinUnits(index, c, units, i, i, wanted);
  return quote ? { quote, more: 0 } : null;
}

const overlaps = (a: Quote, b: Quote) => a.file === b.file && a.lines[0] <= b.lines[1] && b.lines[0] <= a.lines[1];

/**
 * A citation points to the passage (as search ranks it) and is focused on the quoted sentence: the
 * answer's sources then never hold less than the search found, and the reader still sees the lines.
 */
function toCitation(index: CorpusIndex, q: { file: string; section: string; passage: [number, number]; lines: [number, number]; text: string }, quoted: boolean): Citation {
  const title = index.title(q.file);
  // Passage sections start with the document's short title: a citation names it once.
  const section = q.section.startsWith(`${title} › `) ? q.section.slice(title.length + 3) : q.section === title ? '' : q.section;
  return { source: q.file, lines: q.passage, focus: q.lines, title, section, quote: q.text, quoted };
}

/** What the answer is decided on: sentences by probability, the quotes they make, the confidence features. */
export interface Assessment {
  scored: Scored[];
  /** The quotes, best first, with the probability of the sentence each starts from. */
  quotes: { quote: Quote; more: number; p: number }[];
  features: number[];
}

/** Scores the evidence's sentences, builds up to MAX_QUOTES quotes, and describes the result for the confidence model. */
export function assess(index: CorpusIndex, evidence: Evidence, model: Pick<AnswerModel, 'sentence' | 'secondQuote'>): Assessment {
  const scored = scoreCandidates(evidence, model);
  const quotes: Assessment['quotes'] = [];
  let length = 0;
  for (const s of scored) {
    if (quotes.length >= MAX_QUOTES || (quotes.length >= 1 && s.p < model.secondQuote * scored[0]!.p)) break;
    const built = quoteFor(index, evidence, s.candidate);
    if (!built || quotes.some((q) => overlaps(q.quote, built.quote) || q.quote.text === built.quote.text)) continue;
    if (quotes.length > 0 && length + built.quote.text.length > QUOTE_BUDGET) continue;
    quotes.push({ ...built, p: s.p });
    length += built.quote.text.length;
  }
  const features = confidenceFeatures(
    index,
    evidence,
    scored,
    quotes.map((q) => q.quote),
  );
  return { scored, quotes, features };
}

/**
 * The extractive answer. Sentences come from the top passages, best first by the sentence model;
 * the confidence model decides between a sure answer, the closest passages, and a decline. Every
 * quote is re-checked against its cited lines. The other top passages follow as related sources,
 * so the citations never hold less than the search found.
 */
export function composeAnswer(
  index: CorpusIndex,
  evidence: Evidence,
  model: AnswerModel,
  record: RecordMatch | null = null,
  dateOf?: (source: string) => string | null | undefined,
): Answer {
  const { query } = evidence;
  const { scored, features, ...assessed } = assess(index, evidence, model);
  // When documents of different dates answer about as well, the newer is quoted first.
  const quotes = dateOf ? newerFirst(assessed.quotes.map((q) => ({ ...q, source: q.quote.file, score: q.p })), dateOf) : assessed.quotes;
  const confidence = record ? Math.max(0.9, predict(model.confidence, features)) : predict(model.confidence, features);
  const subject = hasSubject(query, index.stats().passages);
  const sure = record !== null || (subject && quotes.length > 0 && confidence >= model.threshold);
  const related = (exclude: readonly Quote[]) =>
    evidence.hits.slice(0, 5).flatMap((h) => {
      if (exclude.some((x) => x.passageId === h.passage.id)) return [];
      const best = scored.find((s) => s.candidate.passageId === h.passage.id)?.candidate;
      return best ? [toCitation(index, { file: h.passage.file, section: h.passage.section, passage: h.passage.lines, lines: best.unit.lines, text: best.unit.text }, false)] : [];
    });

  if (sure) {
    const citations: Citation[] = [];
    const lines: string[] = [];
    for (const fact of record?.facts.slice(0, 2) ?? []) {
      const raw = index.lines(fact.citation.source);
      if (!raw || !quoteOccursIn(fact.citation.quote, raw, fact.citation.lines)) continue;
      // Two facts printed in the same cell (a start and an end date) share its citation.
      const same = (c: Citation) => c.source === fact.citation.source && c.lines[0] === fact.citation.lines[0] && c.lines[1] === fact.citation.lines[1];
      if (!citations.some(same)) citations.push(fact.citation);
      lines.push(`${fact.line} [${citations.findIndex(same) + 1}]`);
    }
    const shown = record ? quotes.slice(0, 1) : quotes;
    // Quotes of one passage share its citation.
    const numbers = new Map<number, number>();
    for (const { quote, more } of shown) {
      let n = numbers.get(quote.passageId);
      if (n === undefined) {
        citations.push(toCitation(index, quote, true));
        numbers.set(quote.passageId, (n = citations.length));
      }
      const tail = more > 0 ? (query.english ? ` (+${more} more)` : ` (+${more} autres)`) : '';
      lines.push(`« ${quote.text} »${tail} [${n}]`);
    }
    if (record) lines.push(query.english ? `More: \`/mesure voir ${record.measure.id}\`` : `Pour le suivi : \`/mesure voir ${record.measure.id}\``);
    const lead = query.english ? 'According to the documents:' : 'D’après les documents :';
    return {
      answered: true,
      kind: 'answer',
      confidence: round(confidence),
      text: `${lead}\n${lines.join('\n')}`,
      citations: [...citations, ...related(shown.map((q) => q.quote))],
      suggestions: [],
      mode: 'extractive',
    };
  }

  const best = evidence.hits[0];
  if (!best || best.coverage < RELATED_COVERAGE) return decline(index, evidence, confidence);
  // No sure answer: the best sentence of each of the closest passages, for the reader to judge.
  const closest: Quote[] = [];
  for (const h of evidence.hits.slice(0, 3)) {
    const s = scored.find((x) => x.candidate.passageId === h.passage.id);
    const built = s && quoteFor(index, evidence, s.candidate);
    if (built && closest.reduce((n, q) => n + q.text.length, 0) < QUOTE_BUDGET) closest.push(built.quote);
  }
  if (closest.length === 0) return decline(index, evidence, confidence);
  const citations = closest.map((q) => toCitation(index, q, true));
  const lines = closest.map((q, i) => `« ${q.text} » [${i + 1}]`);
  return answerOf('closest', confidence, `${query.english ? CLOSEST_EN : CLOSEST_FR}\n${lines.join('\n')}`, [...citations, ...related(closest)]);
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** Whether one of the question's own words is specific enough to name what it is about. */
function hasSubject(query: Evidence['query'], passages: number): boolean {
  const own = query.terms.filter((t) => t.origin !== 'synonym' && t.origin !== 'family');
  return query.unknown.length > 0 || own.some((t) => t.df <= COMMON_WORD_SHARE * passages);
}

function answerOf(kind: AnswerKind, confidence: number, text: string, citations: Citation[], suggestions: Citation[] = []): Answer {
  return { answered: kind === 'answer' || kind === 'tracking', kind, confidence: round(confidence), text, citations, suggestions, mode: 'extractive' };
}

/** The honest "not found", with the closest passages so the reader can look for themself. */
export function decline(index: CorpusIndex, evidence: Pick<Evidence, 'query' | 'hits'>, confidence = 0): Answer {
  const suggestions = evidence.hits.slice(0, 3).map((h) => {
    const text = index
      .units(h.passage.id)
      .map((u) => u.text)
      .join(' ')
      .split(/\s+/)
      .slice(0, 30)
      .join(' ');
    return toCitation(index, { file: h.passage.file, section: h.passage.section, passage: h.passage.lines, lines: h.passage.lines, text }, false);
  });
  return answerOf('declined', confidence, evidence.query.english ? DECLINE_EN : DECLINE_FR, [], suggestions);
}
