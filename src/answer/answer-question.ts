import type { DocumentCatalogue } from '../documents/document-catalogue.js';
import type { Answer, Citation } from '../domain/types.js';
import { analyzeQuery, type AnalyzedQuery } from '../search/analyze-query.js';
import type { CorpusIndex } from '../search/corpus-index.js';
import { rankPassages, rerankPassages, type PassageHit } from '../search/rank-passages.js';
import type { LinearModel } from '../domain/linear-model.js';
import { collectEvidence, type Evidence } from './collect-evidence.js';
import { composeAnswer, decline, scoreCandidates, type AnswerModel } from './compose-answer.js';
import type { LlmAnswerer } from './llm-answer.js';
import type { RecordMatch } from './record-facts.js';
import { placeCitation, placeCitations } from './place-citations.js';
import { detectTracking, type TrackingRequest } from './tracking-answer.js';
import { TRAINED_MODEL } from './trained-model.js';
import { quoteOccursIn } from './verify-quote.js';

export interface AnswerDeps {
  corpus: CorpusIndex;
  /** The record of the measure database the question names, with the facts it asks for. */
  recordFacts?: (query: AnalyzedQuery) => RecordMatch | null;
  /** The model, when one is configured; otherwise answers stay extractive. */
  llm?: LlmAnswerer;
  /** The learned sentence and confidence models (the trained ones by default). */
  model?: AnswerModel;
  /** Answers questions about what is late, due or changed from the measure database. */
  tracking?: (request: TrackingRequest, english: boolean) => Answer;
  /** Documents' dates, pages and links, for citations (see placeCitations). */
  documents?: DocumentCatalogue;
}

/** Passages whose sentences are weighed, after the second stage of ranking. */
const EVIDENCE = 8;
/** How many excerpts a model sees: enough to answer, few enough to stay fast and on topic. */
const MODEL_CANDIDATES = 8;

/** What an answer is built from: the analysed question, the first stage of search, and the record it names. */
export interface PreparedQuestion {
  query: AnalyzedQuery;
  /** Set when the question is about the tracking state: the measure database answers it. */
  tracking: TrackingRequest | null;
  pool: PassageHit[];
  record: RecordMatch | null;
  /** Evidence already collected for a ranker (the same question is answered by several models in evaluation). */
  cache?: { ranker: LinearModel; evidence: Evidence };
}

/** Search and record look-up for a question: everything that does not depend on the learned models. */
export function prepareQuestion(deps: AnswerDeps, question: string): PreparedQuestion {
  const query = analyzeQuery(question, deps.corpus.resources, deps.corpus);
  const tracking = deps.tracking ? detectTracking(query.text) : null;
  const searchable = query.terms.length > 0 && !tracking;
  return { query, tracking, pool: searchable ? rankPassages(deps.corpus, query) : [], record: searchable ? (deps.recordFacts?.(query) ?? null) : null };
}

/** The top passages' sentences, in the order the model's ranker gives the passages. */
export function evidenceFor(deps: AnswerDeps, prepared: PreparedQuestion, ranker: LinearModel): Evidence {
  if (prepared.cache?.ranker === ranker) return prepared.cache.evidence;
  const hits = rerankPassages(deps.corpus, prepared.query, prepared.pool, ranker).slice(0, EVIDENCE);
  const evidence = collectEvidence(deps.corpus, prepared.query, hits);
  prepared.cache = { ranker, evidence };
  return evidence;
}

/** The extractive answer for a prepared question. Never throws on odd input: an empty question is declined. */
export function answerPrepared(deps: AnswerDeps, prepared: PreparedQuestion, model: AnswerModel = deps.model ?? TRAINED_MODEL): Answer {
  if (prepared.tracking && deps.tracking) return placeCitations(deps.tracking(prepared.tracking, prepared.query.english), deps.documents);
  const evidence = evidenceFor(deps, prepared, model.ranker);
  if (evidence.candidates.length === 0 && !prepared.record) return placeCitations(decline(deps.corpus, evidence), deps.documents);
  const dateOf = deps.documents ? (file: string) => deps.documents?.get(file)?.date : undefined;
  return placeCitations(composeAnswer(deps.corpus, evidence, model, prepared.record, dateOf), deps.documents);
}

/** Offline, extractive answer to one question. */
export function answerQuestion(deps: AnswerDeps, question: string): Answer {
  return answerPrepared(deps, prepareQuestion(deps, question));
}

/** The excerpts a language model may rewrite from: the answer's citations, then the best sentences. */
function modelCandidates(deps: AnswerDeps, prepared: PreparedQuestion, answer: Answer): Citation[] {
  const candidates = answer.citations.filter((c) => c.quoted);
  const model = deps.model ?? TRAINED_MODEL;
  for (const { candidate } of scoreCandidates(evidenceFor(deps, prepared, model.ranker), model)) {
    if (candidates.length >= MODEL_CANDIDATES) break;
    const { unit, file } = candidate;
    if (candidates.some((c) => c.source === file && c.lines[0] <= unit.lines[1] && unit.lines[0] <= c.lines[1])) continue;
    const lines = deps.corpus.lines(file);
    if (!lines || !quoteOccursIn(unit.text, lines, unit.lines)) continue;
    const title = deps.corpus.title(file);
    const section = candidate.section.startsWith(`${title} › `) ? candidate.section.slice(title.length + 3) : candidate.section;
    candidates.push({ source: file, lines: unit.lines, title, section, quote: unit.text, quoted: true });
  }
  return candidates.map((c) => placeCitation(c, deps.documents));
}

/** The answer every surface uses: the model's when configured (it falls back by itself), else extractive. */
export async function askQuestion(deps: AnswerDeps, question: string): Promise<Answer> {
  const prepared = prepareQuestion(deps, question);
  const answer = answerPrepared(deps, prepared);
  if (!deps.llm || answer.kind === 'tracking') return answer;
  return deps.llm(question, modelCandidates(deps, prepared, answer), answer);
}
