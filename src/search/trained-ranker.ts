import type { LinearModel } from '../domain/linear-model.js';

/**
 * Learned by `npm run eval -- --train` (src/eval/train-models.ts): the second stage of passage ranking over the features of src/search/rank-passages.ts, fitted on 460 questions (dev, dev2, own).
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
    0.3209,
    0.3588,
    0.1799,
    0.2506,
    0.0631,
    0.0762,
    0.053,
    4.5369
  ],
  scale: [
    0.2465,
    0.1649,
    0.2178,
    0.1486,
    0.108,
    0.1459,
    0.1215,
    0.3922
  ],
  weights: [
    1.0472,
    0.062,
    0.0416,
    0.3639,
    0.319,
    0.8124,
    0.0288,
    -0.1373
  ],
  bias: 0
};
