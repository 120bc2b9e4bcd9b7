import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { answerPrepared, prepareQuestion, type AnswerDeps, type PreparedQuestion } from '../answer/answer-question.js';
import type { Answer } from '../domain/types.js';
import type { AnswerModel } from '../answer/compose-answer.js';
import { GoldQuestionSchema, locateQuote, overlaps, percentile, readJsonl, type GoldQuestion } from './gold.js';

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

/** One question of a set, searched once: models are then fitted and compared on the same evidence. */
export interface Run {
  set: string;
  question: GoldQuestion;
  /** Lines of the gold quote (null: the documents do not answer). */
  gold: [number, number] | null;
  prepared: PreparedQuestion;
  /** Cross-validation fold, from a hash of the question's id: stable from run to run. */
  fold: number;
  /** Time to search and collect evidence, in ms. */
  ms: number;
}

export interface Figures {
  questions: number;
  answerable: number;
  /** Share of answerable questions whose answer text holds a gold answer. */
  fact: number;
  hitAt1: number;
  /** Share of answerable questions with a citation on the gold lines among the first five. */
  hitAt5: number;
  /** Share of answerable questions answered (`answered: true`). */
  answered: number;
  /** Share of unanswerable questions declined or answered "closest" (`answered: false`). */
  notAnswered: number;
  unanswerable: number;
  medianChars: number;
}

export interface Scored {
  run: Run;
  answer: Answer;
  fact: boolean;
  rank: number;
}

export function loadRuns(deps: AnswerDeps, sets: readonly { name: string; path: string }[], seedsDir: string, folds: number): Run[] {
  const cache = new Map<string, string[]>();
  return sets.flatMap(({ name, path }) =>
    readJsonl(path, GoldQuestionSchema).map((question) => {
      const t0 = performance.now();
      const prepared = prepareQuestion(deps, question.question);
      const ms = performance.now() - t0;
      const fold = createHash('sha256').update(`${name}/${question.id}`).digest().readUInt32BE(0) % folds;
      return { set: name, question, gold: question.source ? locateQuote(seedsDir, question, cache) : null, prepared, fold, ms };
    }),
  );
}

/** Whether an answer holds a gold answer, and the rank of its first citation on the gold lines (-1: none). */
export function judge(run: Run, answer: Answer): Scored {
  const text = normalizeAnswer(answer.text);
  const fact = run.question.answers.some((a) => text.includes(normalizeAnswer(a)));
  const gold = run.gold;
  const rank = gold ? answer.citations.findIndex((c) => c.source === run.question.source && overlaps(c.lines, gold)) : -1;
  return { run, answer, fact, rank };
}

export function answerRuns(deps: AnswerDeps, runs: readonly Run[], model: AnswerModel): Scored[] {
  return runs.map((run) => judge(run, answerPrepared(deps, run.prepared, model)));
}

export function figures(scored: readonly Scored[]): Figures {
  const answerable = scored.filter((s) => s.run.gold);
  const unanswerable = scored.filter((s) => !s.run.gold);
  const share = (xs: readonly Scored[], f: (s: Scored) => boolean) => (xs.length === 0 ? 0 : xs.filter(f).length / xs.length);
  return {
    questions: scored.length,
    answerable: answerable.length,
    fact: share(answerable, (s) => s.fact),
    hitAt1: share(answerable, (s) => s.rank === 0),
    hitAt5: share(answerable, (s) => s.rank >= 0 && s.rank < 5),
    answered: share(answerable, (s) => s.answer.answered),
    notAnswered: share(unanswerable, (s) => !s.answer.answered),
    unanswerable: unanswerable.length,
    medianChars: percentile(
      scored.map((s) => s.answer.text.length),
      50,
    ),
  };
}

/** Answers each fold with a model fitted on the other folds: figures for questions the model never saw. */
export function crossValidate(deps: AnswerDeps, runs: readonly Run[], folds: number, fit: (train: readonly Run[]) => AnswerModel): Scored[] {
  const out: Scored[] = [];
  for (let f = 0; f < folds; f++) {
    const model = fit(runs.filter((r) => r.fold !== f));
    out.push(...answerRuns(deps, runs.filter((r) => r.fold === f), model));
  }
  return out;
}

export function formatFigures(f: Figures): string {
  const p = (x: number) => x.toFixed(3);
  return `fact ${p(f.fact)}  cit@5 ${p(f.hitAt5)}  cit@1 ${p(f.hitAt1)}  answered ${p(f.answered)}  unanswerable→not answered ${p(f.notAnswered)} (${f.unanswerable})  median ${f.medianChars} chars`;
}

export const prepareMs = (runs: readonly Run[]) => ({ p50: percentile(runs.map((r) => r.ms), 50), p95: percentile(runs.map((r) => r.ms), 95) });
