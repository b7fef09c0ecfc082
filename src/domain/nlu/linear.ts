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
  weights: Float64Array;
  bias: Float64Array;
}

export interface TrainOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
}

export const DEFAULT_TRAIN: TrainOptions = { epochs: 6, learningRate: 1, l2: 1e-6, seed: 7 };

export function trainLinear(
  examples: SparseExample[],
  numClasses: number,
  numFeatures: number,
  opts: TrainOptions = DEFAULT_TRAIN,
): LinearModel {
  const C = numClasses;
  const weights = new Float64Array(numFeatures * C);
  // AdaGrad-like step sizes, one per feature rather than per weight: the sqrt is taken once per
  // feature occurrence instead of once per class, which makes training several times faster.
  const seen = new Float64Array(numFeatures);
  const bias = new Float64Array(C);
  const probs = new Float64Array(C);
  const grads = new Float64Array(C);
  const activeClasses = new Int32Array(C);
  let rates = new Float64Array(64);
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
  const decay = 1 - opts.l2;
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      const tmp = order[i]!;
      order[i] = order[j]!;
      order[j] = tmp;
    }
    const biasRate = opts.learningRate / Math.sqrt(1 + epoch * 4);
    for (const idx of order) {
      const ex = examples[idx]!;
      const n = ex.ids.length;
      if (rates.length < n) rates = new Float64Array(n * 2);
      for (let k = 0; k < n; k++) {
        const id = ex.ids[k]!;
        const v = ex.vals[k]!;
        seen[id]! += v * v;
        rates[k] = (opts.learningRate * v) / Math.sqrt(1 + seen[id]!);
      }
      logitsInto(weights, bias, C, ex.ids, ex.vals, probs);
      softmaxInPlace(probs);
      let active = 0;
      for (let c = 0; c < C; c++) {
        const g = (probs[c]! - (c === ex.label ? 1 : 0)) * ex.weight;
        bias[c]! -= biasRate * g * 0.1;
        // Classes the model already rules out contribute nothing worth the update cost.
        if (g > -5e-3 && g < 5e-3) continue;
        grads[active] = g;
        activeClasses[active++] = c;
      }
      // Feature-major so each feature's row of class weights is walked in order.
      for (let k = 0; k < n; k++) {
        const base = ex.ids[k]! * C;
        const r = rates[k]!;
        for (let a = 0; a < active; a++) {
          const w = base + activeClasses[a]!;
          weights[w] = weights[w]! * decay - r * grads[a]!;
        }
      }
    }
  }
  return { numClasses: C, numFeatures, weights, bias };
}

export function logitsInto(
  weights: Float64Array,
  bias: Float64Array,
  C: number,
  ids: ArrayLike<number>,
  vals: ArrayLike<number>,
  out: Float64Array,
): void {
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

/** The temperature that minimises the negative log-likelihood of held-out logits (golden-section search). */
export function fitTemperature(heldOut: Array<{ logits: Float64Array; label: number }>): number {
  if (heldOut.length === 0) return 1;
  const nll = (t: number) => {
    let total = 0;
    for (const { logits, label } of heldOut) {
      let max = -Infinity;
      for (const v of logits) if (v > max) max = v;
      let sum = 0;
      for (const v of logits) sum += Math.exp((v - max) / t);
      total -= (logits[label]! - max) / t - Math.log(sum);
    }
    return total;
  };
  let lo = 0.2;
  let hi = 5;
  const phi = (Math.sqrt(5) - 1) / 2;
  let a = hi - phi * (hi - lo);
  let b = lo + phi * (hi - lo);
  let fa = nll(a);
  let fb = nll(b);
  for (let i = 0; i < 18; i++) {
    if (fa < fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - phi * (hi - lo);
      fa = nll(a);
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + phi * (hi - lo);
      fb = nll(b);
    }
  }
  return Math.round(((lo + hi) / 2) * 100) / 100;
}
