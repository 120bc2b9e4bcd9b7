import type { LinearModel } from '../domain/linear-model.js';

export interface TrainOptions {
  /** L2 penalty on the (standardised) weights: small data, strong prior towards simple models. */
  l2?: number;
  iterations?: number;
  learningRate?: number;
  /** Weight of positive examples (rare positives: a few sentences per question hold the answer). */
  positiveWeight?: number;
}

/**
 * Logistic regression by full-batch gradient descent on standardised features. Deterministic: the
 * same data give the same weights, so `npm run eval -- --train` is reproducible.
 */
export function trainLogistic(features: readonly string[], xs: readonly (readonly number[])[], ys: readonly number[], options: TrainOptions = {}): LinearModel {
  const { l2 = 0.01, iterations = 400, learningRate = 0.5, positiveWeight = 1 } = options;
  const d = features.length;
  const n = xs.length;
  const mean = Array<number>(d).fill(0);
  const scale = Array<number>(d).fill(0);
  for (const x of xs) for (let j = 0; j < d; j++) mean[j]! += x[j]! / Math.max(1, n);
  for (const x of xs) for (let j = 0; j < d; j++) scale[j]! += (x[j]! - mean[j]!) ** 2 / Math.max(1, n);
  for (let j = 0; j < d; j++) scale[j] = Math.sqrt(scale[j]!) || 1;
  const z = xs.map((x) => x.map((v, j) => (v - mean[j]!) / scale[j]!));
  const weights = Array<number>(d).fill(0);
  let bias = 0;
  const sampleWeight = ys.map((y) => (y > 0 ? positiveWeight : 1));
  const total = sampleWeight.reduce((a, b) => a + b, 0) || 1;
  for (let it = 0; it < iterations; it++) {
    const grad = Array<number>(d).fill(0);
    let gradBias = 0;
    for (let i = 0; i < n; i++) {
      let s = bias;
      for (let j = 0; j < d; j++) s += weights[j]! * z[i]![j]!;
      const err = (1 / (1 + Math.exp(-s)) - ys[i]!) * sampleWeight[i]!;
      for (let j = 0; j < d; j++) grad[j]! += err * z[i]![j]!;
      gradBias += err;
    }
    for (let j = 0; j < d; j++) weights[j]! -= learningRate * (grad[j]! / total + l2 * weights[j]!);
    bias -= (learningRate * gradBias) / total;
  }
  const round = (v: number) => Math.round(v * 10_000) / 10_000;
  return { features, mean: mean.map(round), scale: scale.map(round), weights: weights.map(round), bias: round(bias) };
}

/**
 * Listwise ranking (softmax over each question's items): learns to put an item holding the answer
 * first among its own question's items, which is what choosing a sentence or a passage needs.
 * Groups without any positive item teach nothing and are skipped.
 */
export function trainListwise(features: readonly string[], groups: readonly { xs: readonly (readonly number[])[]; ys: readonly number[] }[], options: TrainOptions = {}): LinearModel {
  const { l2 = 0.01, iterations = 300, learningRate = 0.5 } = options;
  const d = features.length;
  const all = groups.flatMap((g) => g.xs);
  const mean = Array<number>(d).fill(0);
  const scale = Array<number>(d).fill(0);
  for (const x of all) for (let j = 0; j < d; j++) mean[j]! += x[j]! / Math.max(1, all.length);
  for (const x of all) for (let j = 0; j < d; j++) scale[j]! += (x[j]! - mean[j]!) ** 2 / Math.max(1, all.length);
  for (let j = 0; j < d; j++) scale[j] = Math.sqrt(scale[j]!) || 1;
  const data = groups
    .filter((g) => g.ys.some((y) => y > 0))
    .map((g) => ({ z: g.xs.map((x) => x.map((v, j) => (v - mean[j]!) / scale[j]!)), ys: g.ys }));
  const weights = Array<number>(d).fill(0);
  for (let it = 0; it < iterations; it++) {
    const grad = Array<number>(d).fill(0);
    for (const { z, ys } of data) {
      const s = z.map((x) => x.reduce((acc, v, j) => acc + v * weights[j]!, 0));
      const max = Math.max(...s);
      const p = s.map((v) => Math.exp(v - max));
      const total = p.reduce((a, b) => a + b, 0);
      const q = p.map((v, i) => (v / total) * ys[i]!);
      const qTotal = q.reduce((a, b) => a + b, 0);
      for (let i = 0; i < z.length; i++) {
        const diff = p[i]! / total - q[i]! / qTotal;
        if (diff !== 0) for (let j = 0; j < d; j++) grad[j]! += diff * z[i]![j]!;
      }
    }
    for (let j = 0; j < d; j++) weights[j]! -= learningRate * (grad[j]! / Math.max(1, data.length) + l2 * weights[j]!);
  }
  const round = (v: number) => Math.round(v * 10_000) / 10_000;
  return { features, mean: mean.map(round), scale: scale.map(round), weights: weights.map(round), bias: 0 };
}
