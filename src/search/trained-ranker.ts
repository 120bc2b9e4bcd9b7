import type { LinearModel } from '../domain/linear-model.js';

/**
 * Learned by `npm run eval -- --train` (src/eval/train-models.ts): the second stage of passage ranking over the features of src/search/rank-passages.ts, fitted on 478 questions (dev, dev2, own).
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
    0.3257,
    0.3443,
    0.1799,
    0.2372,
    0.0606,
    0.0611,
    0.0422,
    4.5411
  ],
  scale: [
    0.2468,
    0.1574,
    0.2178,
    0.1391,
    0.1038,
    0.128,
    0.1051,
    0.3874
  ],
  weights: [
    1.0457,
    0.031,
    0.0412,
    0.4559,
    0.2719,
    0.6957,
    0.1503,
    -0.1491
  ],
  bias: 0
};
