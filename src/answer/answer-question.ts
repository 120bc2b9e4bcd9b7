import type { Answer } from '../domain/types.js';
import { analyzeQuery } from '../search/analyze-query.js';
import { rankPassages, type PassageIndex } from '../search/passage-index.js';
import { composeExtractive, type RecordFact } from './compose-extractive.js';
import { selectEvidence } from './select-evidence.js';

export interface AnswerDeps {
  passages: PassageIndex;
  /** Facts from tracked records the question names (measure database), best first. */
  recordFacts?: (question: string, intent: ReturnType<typeof analyzeQuery>['intent']) => RecordFact[];
}

/** Offline, extractive answer to one question. Never throws on odd input: empty → declined. */
export function answerQuestion(deps: AnswerDeps, question: string): Answer {
  const query = analyzeQuery(question, deps.passages.resources);
  if (query.terms.length === 0) return composeExtractive(deps.passages, query, [], []);
  const hits = rankPassages(deps.passages, query, 8);
  const units = selectEvidence(deps.passages, query, hits);
  const facts = deps.recordFacts?.(query.text, query.intent) ?? [];
  return composeExtractive(deps.passages, query, units, hits, facts);
}
