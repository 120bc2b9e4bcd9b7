import { evidenceFor, type AnswerDeps } from '../answer/answer-question.js';
import { SENTENCE_FEATURES } from '../answer/collect-evidence.js';
import { assess, CONFIDENCE_FEATURES, type AnswerModel } from '../answer/compose-answer.js';
import { predict, type LinearModel } from '../domain/linear-model.js';
import { PASSAGE_FEATURES, passageFeatures } from '../search/rank-passages.js';
import { answerRuns, figures, normalizeAnswer, type Run } from './eval-answers.js';
import { overlaps } from './gold.js';
import { trainListwise, trainLogistic } from './train-logistic.js';

/** Share of answerable training questions the threshold lets through as sure answers. */
export const TARGET_ANSWERED = 0.93;
/** The longest median answer (characters) a second quote may lead to. */
const MEDIAN_CHARS = 650;
const SECOND_QUOTE_GRID = [0.02, 0.05, 0.1, 0.2, 0.4, 1.01];

const holds = (text: string, answers: readonly string[]) => {
  const t = normalizeAnswer(text);
  return answers.some((a) => t.includes(normalizeAnswer(a)));
};

/** The passage ranker: which of the first stage's pool holds the gold lines. */
export function fitRanker(deps: AnswerDeps, runs: readonly Run[]): LinearModel {
  const groups = runs.flatMap((run) => {
    const gold = run.gold;
    if (!gold || run.prepared.pool.length === 0) return [];
    return [
      {
        xs: passageFeatures(deps.corpus, run.prepared.query, run.prepared.pool),
        ys: run.prepared.pool.map((h) => (h.passage.file === run.question.source && overlaps(h.passage.lines, gold) ? 1 : 0)),
      },
    ];
  });
  return trainListwise(PASSAGE_FEATURES, groups);
}

/**
 * Fits the answer layer's models on training questions: the passage ranker, the sentence model
 * (which sentence holds a gold answer), the confidence model (is the question answerable from the
 * evidence?), the confidence threshold (TARGET_ANSWERED of answerable questions answered), and how
 * close a second sentence must score to be quoted too (best accuracy whose median answer stays short).
 */
export function fitAnswerModel(deps: AnswerDeps, runs: readonly Run[]): AnswerModel {
  const ranker = fitRanker(deps, runs);
  const evidence = runs.map((run) => evidenceFor(deps, run.prepared, ranker));
  const sentence = trainListwise(
    SENTENCE_FEATURES,
    runs.flatMap((run, i) =>
      run.gold ? [{ xs: evidence[i]!.candidates.map((c) => c.features), ys: evidence[i]!.candidates.map((c) => (holds(c.unit.text, run.question.answers) ? 1 : 0)) }] : [],
    ),
  );

  let best: AnswerModel | null = null;
  let bestFact = -1;
  for (const secondQuote of SECOND_QUOTE_GRID) {
    const cx = evidence.map((e) => assess(deps.corpus, e, { sentence, secondQuote }).features);
    const cy = runs.map((run) => (run.gold ? 1 : 0));
    const answerable = cy.filter(Boolean).length || 1;
    const confidence = trainLogistic(CONFIDENCE_FEATURES, cx, cy, { positiveWeight: (cy.length - answerable) / answerable, l2: 0.05 });
    // The threshold lets TARGET_ANSWERED of the answerable training questions through.
    const scores = cx
      .filter((_, i) => runs[i]!.gold && !runs[i]!.prepared.record)
      .map((f) => predict(confidence, f))
      .sort((a, b) => a - b);
    const threshold = Math.round((scores[Math.floor((1 - TARGET_ANSWERED) * scores.length)] ?? 0.5) * 10_000) / 10_000;
    const model: AnswerModel = { ranker, sentence, confidence, secondQuote, threshold };
    const f = figures(answerRuns(deps, runs, model));
    if (f.medianChars <= MEDIAN_CHARS && f.fact > bestFact) {
      best = model;
      bestFact = f.fact;
    }
  }
  return best!;
}

const asSource = (value: unknown) => JSON.stringify(value, null, 2).replace(/"(\w+)":/g, '$1:');

/**
 * The TypeScript sources of a fitted model: src/search/trained-ranker.ts (the passage ranker, which
 * `jalon search` uses on its own) and src/answer/trained-model.ts (the rest).
 */
export function modelSources(model: AnswerModel, note: string): { ranker: string; answer: string } {
  const { ranker, ...rest } = model;
  const header = (what: string) => `/**
 * Learned by \`npm run eval -- --train\` (src/eval/train-models.ts): ${what}, fitted on ${note}.
 * Do not edit by hand: change features or data, then train again.
 */`;
  return {
    ranker: `import type { LinearModel } from '../domain/linear-model.js';

${header('the second stage of passage ranking over the features of src/search/rank-passages.ts')}
export const TRAINED_RANKER: LinearModel = ${asSource(ranker)};
`,
    answer: `import { TRAINED_RANKER } from '../search/trained-ranker.js';
import type { AnswerModel } from './compose-answer.js';

${header('sentence and confidence models over the features of src/answer/collect-evidence.ts and src/answer/compose-answer.ts')}
export const TRAINED_MODEL: AnswerModel = {
  ranker: TRAINED_RANKER,
  ...${asSource(rest)},
};
`,
  };
}
