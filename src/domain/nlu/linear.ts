/**
 * Multinomial logistic regression over sparse features, trained with AdaGrad. Chosen over naive
 * Bayes because it weighs overlapping evidence (身份证 appears in six items; 丢 decides) and its
 * scores turn into probabilities that can be calibrated. Training is deterministic: the example
 * order comes from a fixed-seed generator, not from Math.random.
 */
export interface SparseExample {
  ids: Int32Array;
  vals: Float32Array;
  label: number;
  weight: number;
}

export interface LinearModel {
  numClasses: number;
  numFeatures: number;
  /** row-major: weights[feature * numClasses + class] */
  weights: Float32Array;
  bias: Float32Array;
}

export interface TrainOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
}

export const DEFAULT_TRAIN: TrainOptions = { epochs: 14, learningRate: 0.4, l2: 1e-5, seed: 7 };

export function trainLinear(examples: SparseExample[], numClasses: number, numFeatures: number, opts: TrainOptions = DEFAULT_TRAIN): LinearModel {
  const C = numClasses;
  const weights = new Float32Array(numFeatures * C);
  const gradSq = new Float32Array(numFeatures * C);
  const bias = new Float32Array(C);
  const biasSq = new Float32Array(C);
  const probs = new Float64Array(C);
  const order = examples.map((_, i) => i);
  let state = opts.seed >>> 0 || 1;
  const next = () => {
    // xorshift32: reproducible shuffles without Math.random
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 0x100000000;
  };
  const eps = 1e-6;
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const idx of order) {
      const ex = examples[idx]!;
      logitsInto(weights, bias, C, ex.ids, ex.vals, probs);
      softmaxInPlace(probs);
      for (let c = 0; c < C; c++) {
        const g = (probs[c]! - (c === ex.label ? 1 : 0)) * ex.weight;
        // Classes the model already rules out contribute nothing worth the update cost.
        if (g > -1e-4 && g < 1e-4) continue;
        biasSq[c]! += g * g;
        bias[c]! -= (opts.learningRate * g) / Math.sqrt(biasSq[c]! + eps);
        for (let k = 0; k < ex.ids.length; k++) {
          const w = ex.ids[k]! * C + c;
          const grad = g * ex.vals[k]! + opts.l2 * weights[w]!;
          gradSq[w]! += grad * grad;
          weights[w]! -= (opts.learningRate * grad) / Math.sqrt(gradSq[w]! + eps);
        }
      }
    }
  }
  return { numClasses: C, numFeatures, weights, bias };
}

export function logitsInto(weights: Float32Array, bias: Float32Array, C: number, ids: ArrayLike<number>, vals: ArrayLike<number>, out: Float64Array): void {
  for (let c = 0; c < C; c++) out[c] = bias[c]!;
  for (let k = 0; k < ids.length; k++) {
    const base = ids[k]! * C;
    const v = vals[k]!;
    for (let c = 0; c < C; c++) out[c]! += weights[base + c]! * v;
  }
}

export function softmaxInPlace(values: Float64Array, temperature = 1): void {
  let max = -Infinity;
  for (const v of values) if (v > max) max = v;
  let sum = 0;
  for (let c = 0; c < values.length; c++) {
    const e = Math.exp((values[c]! - max) / temperature);
    values[c] = e;
    sum += e;
  }
  for (let c = 0; c < values.length; c++) values[c]! /= sum;
}

/** The temperature that minimises the negative log-likelihood of held-out logits (grid search; one parameter). */
export function fitTemperature(heldOut: Array<{ logits: Float64Array; label: number }>): number {
  if (heldOut.length === 0) return 1;
  let best = 1;
  let bestNll = Infinity;
  const tmp = new Float64Array(heldOut[0]!.logits.length);
  for (let t = 0.25; t <= 4.0001; t += 0.05) {
    let nll = 0;
    for (const { logits, label } of heldOut) {
      tmp.set(logits);
      softmaxInPlace(tmp, t);
      nll -= Math.log(Math.max(tmp[label]!, 1e-12));
    }
    if (nll < bestNll) {
      bestNll = nll;
      best = t;
    }
  }
  return Math.round(best * 100) / 100;
}
