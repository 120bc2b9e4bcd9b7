import type { DocumentCatalogue } from '../documents/document-catalogue.js';
import type { Answer, Citation } from '../domain/types.js';
import { analyzeQuery, type AnalyzedQuery } from '../search/analyze-query.js';
import { rankPassages, type PassageIndex } from '../search/passage-index.js';
import { composeExtractive, toCitation, type RecordFact } from './compose-extractive.js';
import { placeCitation, placeCitations } from './place-citations.js';
import type { LlmAnswerer } from './llm-answer.js';
import { selectEvidence } from './select-evidence.js';
import { quoteOccursIn } from './verify-quote.js';

export interface AnswerDeps {
  passages: PassageIndex;
  /** Facts from tracked records the question names (measure database), best first. */
  recordFacts?: (query: AnalyzedQuery) => RecordFact[];
  /** The model, when one is configured; otherwise answers stay extractive. */
  llm?: LlmAnswerer;
  /** Documents' dates, pages and links, for citations (see placeCitations). */
  documents?: DocumentCatalogue;
}

/** How many excerpts a model sees: enough to answer, few enough to stay fast and on topic. */
const MODEL_CANDIDATES = 8;

/**
 * The extractive answer and the verified excerpts it was chosen from (the model's candidates).
 * Never throws on odd input: an empty question is declined.
 */
export function prepareAnswer(deps: AnswerDeps, question: string): { answer: Answer; candidates: Citation[] } {
  const query = analyzeQuery(question, deps.passages.resources);
  if (query.terms.length === 0) return { answer: placeCitations(composeExtractive(deps.passages, query, [], []), deps.documents), candidates: [] };
  const hits = rankPassages(deps.passages, query, 8);
  const units = selectEvidence(deps.passages, query, hits);
  const facts = deps.recordFacts?.(query) ?? [];
  const dateOf = deps.documents ? (file: string) => deps.documents?.get(file)?.date : undefined;
  const answer = placeCitations(composeExtractive(deps.passages, query, units, hits, facts, dateOf), deps.documents);
  const candidates: Citation[] = [...facts.map((f) => f.citation)];
  for (const unit of units) {
    if (candidates.length >= MODEL_CANDIDATES) break;
    const lines = deps.passages.lines.get(unit.source);
    if (lines && quoteOccursIn(unit.text, lines, unit.lines)) candidates.push(toCitation(deps.passages, unit));
  }
  return { answer, candidates: candidates.map((c) => placeCitation(c, deps.documents)) };
}

/** Offline, extractive answer to one question. */
export function answerQuestion(deps: AnswerDeps, question: string): Answer {
  return prepareAnswer(deps, question).answer;
}

/** The answer every surface uses: the model's when configured (it falls back by itself), else extractive. */
export async function askQuestion(deps: AnswerDeps, question: string): Promise<Answer> {
  const { answer, candidates } = prepareAnswer(deps, question);
  return deps.llm ? deps.llm(question, candidates, answer) : answer;
}
