import type { LinearModel } from '../domain/linear-model.js';

/**
 * Learned by `npm run eval -- --train` (src/eval/train-models.ts): the second stage of passage ranking over the features of src/search/rank-passages.ts, fitted on 484 questions (dev, dev2, own).
 * Do not edit by hand: change features or data, then train again.
 */
export const TRAINED_RANKER: LinearModel = {
  features: [
    "score",
    "coverage",
    "rank",
    "bestSentence",
    "heading",
    "typedSentence",
    "typedAfterSentence",
    "length"
  ],
  mean: [
    0.3372,
    0.3202,
    0.1799,
    0.2206,
    0.057,
    0.0569,
    0.0395,
    4.5396
  ],
  scale: [
    0.2485,
    0.1573,
    0.2178,
    0.1359,
    0.1006,
    0.1204,
    0.0996,
    0.3887
  ],
  weights: [
    1.0579,
    0.036,
    0.0819,
    0.4053,
    0.273,
    0.704,
    0.1511,
    -0.1327
  ],
  bias: 0
};
