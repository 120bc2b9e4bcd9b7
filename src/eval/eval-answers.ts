import type { Answer } from '../domain/types.js';
import { askBatch, type AskResult } from '../answer/ask-batch.js';
import { GoldQuestionSchema, locateQuote, overlaps, percentile, readJsonl } from './gold.js';

/** The answer-accuracy normalisation: lowercase, no accents, ’ → ', blanks collapsed, "4 000" → "4000". */
export function normalizeAnswer(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’‘]/g, "'")
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/(\d) (?=\d{3}\b)/g, '$1')
    .trim();
}

export interface AnswerEvalReport {
  questions: number;
  answerable: number;
  hitAt1: number;
  hitAt5: number;
  accuracy: number;
  answeredRate: number;
  declined: number;
  unanswerable: number;
  p50Ms: number;
  p95Ms: number;
  misses: { id: string; question: string; why: string; answer: string }[];
}

/** Runs the question set through the batch interface and scores it. */
export async function evalAnswers(path: string, seedsDir: string, ask: (q: string) => Promise<Answer> | Answer): Promise<AnswerEvalReport> {
  const questions = readJsonl(path, GoldQuestionSchema);
  const results: AskResult[] = [];
  await askBatch(
    questions.map((q) => JSON.stringify({ id: q.id, question: q.question })),
    ask,
    (r) => results.push(r),
  );
  const byId = new Map(results.map((r) => [r.id, r]));
  let h1 = 0;
  let h5 = 0;
  let correct = 0;
  let answered = 0;
  let declined = 0;
  const misses: AnswerEvalReport['misses'] = [];
  const answerable = questions.filter((q) => q.source);
  for (const q of questions) {
    const r = byId.get(q.id)!;
    if (!q.source) {
      if (!r.answered) declined++;
      else misses.push({ id: q.id, question: q.question, why: 'should decline', answer: r.answer });
      continue;
    }
    const gold = locateQuote(seedsDir, q)!;
    const rank = r.citations.findIndex((c) => c.source === q.source && overlaps(c.lines, gold));
    if (rank === 0) h1++;
    if (rank >= 0 && rank < 5) h5++;
    if (r.answered) answered++;
    const text = normalizeAnswer(r.answer);
    const ok = q.answers.some((a) => text.includes(normalizeAnswer(a)));
    if (ok) correct++;
    if (!ok || rank < 0 || rank >= 5) {
      const why = [!r.answered && 'declined', !ok && 'answer', (rank < 0 || rank >= 5) && `citation (gold ${q.source.slice(0, 3)}:${gold[0]}-${gold[1]})`]
        .filter(Boolean)
        .join(', ');
      misses.push({ id: q.id, question: q.question, why, answer: r.answer });
    }
  }
  const n = Math.max(1, answerable.length);
  const times = results.map((r) => r.ms);
  return {
    questions: questions.length,
    answerable: answerable.length,
    hitAt1: h1 / n,
    hitAt5: h5 / n,
    accuracy: correct / n,
    answeredRate: answered / n,
    declined,
    unanswerable: questions.length - answerable.length,
    p50Ms: percentile(times, 50),
    p95Ms: percentile(times, 95),
    misses,
  };
}
