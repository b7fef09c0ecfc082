import { conceptKey } from "./concepts.js";
import { extractFeatures, type FeatureOptions, type FeatureView } from "./features.js";
import type { Rule } from "./lexicon.js";
import {
  DEFAULT_TRAIN,
  fitTemperature,
  logitsInto,
  softmaxInPlace,
  trainLinear,
  type LinearModel,
  type SparseExample,
  type TrainOptions,
} from "./linear.js";
import { addNeighbourEvidence, buildNeighbourIndex, type NeighbourIndex } from "./neighbours.js";
import { balanceWeights, type TrainingText } from "./training-data.js";

export interface Classifier {
  codes: string[];
  featureIndex: Map<string, number>;
  /** featureNames[id] — reverse of featureIndex, for explanations */
  featureNames: string[];
  model: LinearModel;
  temperature: number;
  rules: Rule[];
  features: FeatureOptions;
  neighbours: NeighbourIndex;
  neighbourWeight: number;
}

export interface Ranked {
  code: string;
  probability: number;
}

export interface Classification {
  ranked: Ranked[];
  view: FeatureView;
  /** share of the utterance's features the model has seen in training (0 = nothing familiar) */
  familiarity: number;
  explanation: string[];
}

export interface BuildOptions {
  train?: TrainOptions;
  /** every k-th text is held out to fit the softmax temperature; 0 or 1 skips calibration */
  calibrationFolds?: number;
  /** logit weight of the nearest-phrasing similarity (0 turns it off) */
  neighbourWeight?: number;
  /** a temperature fitted earlier (on a previous KB version) to reuse instead of calibrating again */
  temperature?: number;
}

/** Summaries describe an item at length; as "phrasings" to be near to they only add noise. */
const NEIGHBOUR_SOURCES = new Set(["phrasing", "extra", "name", "keyword", "faq", "frame"]);

export function buildClassifier(
  texts: TrainingText[],
  features: FeatureOptions,
  rules: Rule[],
  opts: BuildOptions = {},
): Classifier {
  const codes = [...new Set(texts.map((t) => t.code))].sort();
  const codeIndex = new Map(codes.map((c, i) => [c, i]));
  const weights = balanceWeights(texts);
  const views = texts.map((t) => extractFeatures(t.text, features).features);
  const featureIndex = new Map<string, number>();
  for (const view of views)
    for (const name of view.keys()) if (!featureIndex.has(name)) featureIndex.set(name, featureIndex.size);
  const examples: SparseExample[] = views.map((view, i) =>
    toSparse(view, featureIndex, codeIndex.get(texts[i]!.code)!, weights[i]!),
  );
  const train = opts.train ?? DEFAULT_TRAIN;
  const model = trainLinear(examples, codes.length, featureIndex.size, train);
  const neighbourWeight = opts.neighbourWeight ?? 4;
  const usable = (i: number) => NEIGHBOUR_SOURCES.has(texts[i]!.source);
  const neighbours = buildNeighbourIndex(examples, codes.length, usable);
  const folds = opts.calibrationFolds ?? 4;
  const temperature =
    opts.temperature ??
    (folds > 1 ? calibrate(examples, codes.length, featureIndex.size, train, folds, neighbourWeight, usable) : 1);
  return {
    codes,
    featureIndex,
    featureNames: [...featureIndex.keys()],
    model,
    temperature,
    rules,
    features,
    neighbours,
    neighbourWeight,
  };
}

function toSparse(view: Map<string, number>, index: Map<string, number>, label: number, weight: number): SparseExample {
  const ids: number[] = [];
  const vals: number[] = [];
  for (const [name, value] of view) {
    const id = index.get(name);
    if (id !== undefined) {
      ids.push(id);
      vals.push(value);
    }
  }
  return { ids: Int32Array.from(ids), vals: Float32Array.from(vals), label, weight };
}

/**
 * Held-out logits give the temperature that makes probabilities honest. One split (every k-th text
 * held out, the rest trained exactly like the real model) rather than k folds keeps the cost down.
 */
function calibrate(
  examples: SparseExample[],
  C: number,
  F: number,
  train: TrainOptions,
  k: number,
  neighbourWeight: number,
  usable: (i: number) => boolean,
): number {
  const held = (i: number) => i % k === 0;
  const m = trainLinear(
    examples.filter((_, i) => !held(i)),
    C,
    F,
    train,
  );
  const neighbours = buildNeighbourIndex(examples, C, (i) => !held(i) && usable(i));
  const heldOut: Array<{ logits: Float64Array; label: number }> = [];
  examples.forEach((ex, i) => {
    if (!held(i)) return;
    const logits = new Float64Array(C);
    logitsInto(m.weights, m.bias, C, ex.ids, ex.vals, logits);
    if (neighbourWeight > 0) addNeighbourEvidence(neighbours, ex.ids, ex.vals, neighbourWeight, logits);
    heldOut.push({ logits, label: ex.label });
  });
  return fitTemperature(heldOut);
}

export function classify(clf: Classifier, normalized: string): Classification {
  const view = extractFeatures(normalized, clf.features);
  const C = clf.codes.length;
  const ids: number[] = [];
  const vals: number[] = [];
  let known = 0;
  for (const [name, value] of view.features) {
    const id = clf.featureIndex.get(name);
    if (id === undefined) continue;
    ids.push(id);
    vals.push(value);
    known += value * value;
  }
  const logits = new Float64Array(C);
  logitsInto(clf.model.weights, clf.model.bias, C, ids, vals, logits);
  if (clf.neighbourWeight > 0) addNeighbourEvidence(clf.neighbours, ids, vals, clf.neighbourWeight, logits);
  const explanation: string[] = [];
  applyRules(clf, view, normalized, logits, explanation);
  const probs = Float64Array.from(logits);
  softmaxInPlace(probs, clf.temperature);
  const ranked = clf.codes
    .map((code, i) => ({ code, probability: probs[i]! }))
    .sort((a, b) => b.probability - a.probability);
  const top = clf.codes.indexOf(ranked[0]!.code);
  explanation.unshift(...explainFeatures(clf, ids, vals, top));
  return { ranked, view, familiarity: known, explanation };
}

function applyRules(
  clf: Classifier,
  view: FeatureView,
  text: string,
  logits: Float64Array,
  explanation: string[],
): number {
  if (clf.rules.length === 0) return 0;
  const present = new Set(view.concepts.filter((h) => !h.negated).map(conceptKey));
  const holds = (term: string) => (term.includes(":") ? present.has(term) : text.includes(term));
  let count = 0;
  for (const rule of clf.rules) {
    if (!rule.all.every(holds) || rule.none.some(holds)) continue;
    count++;
    for (const [code, bonus] of Object.entries(rule.boost)) {
      const i = clf.codes.indexOf(code);
      if (i >= 0) logits[i]! += bonus;
    }
    explanation.push(`rule ${rule.id}: ${rule.all.join(" + ")}`);
  }
  return count;
}

/** The features that pushed the winner up the most, in words an agent can read. */
function explainFeatures(clf: Classifier, ids: number[], vals: number[], cls: number): string[] {
  const names = clf.featureNames;
  const contributions = ids
    .map((id, k) => ({ name: names[id]!, value: clf.model.weights[id * clf.codes.length + cls]! * vals[k]! }))
    .filter((c) => c.value > 0.05)
    .sort((a, b) => b.value - a.value)
    .slice(0, 5);
  return contributions.map((c) => `${describe(c.name)} +${c.value.toFixed(2)}`);
}

function describe(feature: string): string {
  const [kind, rest] = [feature.slice(0, 1), feature.slice(2)];
  if (kind === "w") return `word "${rest}"`;
  if (kind === "b") return `chars "${rest}"`;
  if (kind === "k") return `concept ${rest}`;
  return `concepts ${rest}`;
}
