/**
 * A linear model over named features, standardised with the training set's mean and scale. The
 * weights are learned by `npm run eval -- --train` (src/eval/train-models.ts) with k-fold
 * cross-validation, never written by hand.
 */
export interface LinearModel {
  features: readonly string[];
  mean: readonly number[];
  scale: readonly number[];
  weights: readonly number[];
  bias: number;
}

/** The model's score (log-odds) for a feature vector. */
export function linearScore(model: LinearModel, x: readonly number[]): number {
  let z = model.bias;
  for (let i = 0; i < model.weights.length; i++) z += (model.weights[i]! * ((x[i] ?? 0) - model.mean[i]!)) / model.scale[i]!;
  return z;
}

/** Probability (0–1) the model gives to a feature vector. */
export function predict(model: LinearModel, x: readonly number[]): number {
  return 1 / (1 + Math.exp(-linearScore(model, x)));
}
