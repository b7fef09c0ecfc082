import { buildCueScorer, cueIntensity, type CueScorer } from "./emotion.js";
import type { EmotionLexicon } from "./lexicon.js";
import { logitsInto, softmaxInPlace, trainLinear, type LinearModel, type SparseExample } from "./linear.js";
import type { Emotion, EmotionLabel } from "./types.js";

/**
 * Emotion = lexicon cues + a small classifier over characters. Cue lists alone miss the many ways
 * people sound annoyed or lost; the classifier, trained on written examples per emotion (and on KB
 * phrasings as neutral speech), generalises from them, while the cue scores — which handle negation,
 * sarcasm and repetition explicitly — enter both as features and as direct evidence.
 */
export const EMOTIONS: EmotionLabel[] = ["neutral", "angry", "anxious", "confused", "sad", "satisfied"];

export interface EmotionModel {
  detect(surface: string): Emotion;
}

export interface EmotionTraining {
  /** how much a cue score point adds to its label's logit, on top of what the classifier learned */
  cueEvidence: number;
  /** at most this many cue-free KB phrasings join the neutral examples */
  neutralFromKb: number;
  epochs: number;
  /** subtracted from the neutral logit: the written examples under-represent how many ways feelings show */
  neutralPenalty: number;
  /** probability an emotion needs when no lexicon cue supports it */
  uncuedMinimum: number;
}

export const DEFAULT_EMOTION_TRAINING: EmotionTraining = {
  cueEvidence: 1.2,
  neutralFromKb: 40,
  epochs: 12,
  neutralPenalty: 0.9,
  uncuedMinimum: 0.3,
};

export function trainEmotionModel(
  lex: EmotionLexicon,
  examples: Partial<Record<EmotionLabel, string[]>>,
  neutralPool: string[],
  opts: EmotionTraining = DEFAULT_EMOTION_TRAINING,
): EmotionModel {
  const scoreCues = buildCueScorer(lex);
  const index = new Map<string, number>();
  const data: Array<{ f: Map<string, number>; label: number; weight: number }> = [];
  for (const label of EMOTIONS) {
    for (const text of examples[label] ?? [])
      data.push({ f: featurise(text, scoreCues), label: EMOTIONS.indexOf(label), weight: 1 });
  }
  // KB phrasings are how people ask when nothing is wrong: cue-free ones, spread evenly over the
  // whole KB (every item and small talk alike), and few enough not to drown the written examples.
  const written = data.length;
  const calm = neutralPool.filter((text) => !Object.values(scoreCues(text).scores).some((v) => v > 0));
  const stride = Math.max(1, Math.floor(calm.length / Math.max(1, opts.neutralFromKb)));
  for (let i = 0; i < calm.length && data.length < written + opts.neutralFromKb; i += stride) {
    data.push({ f: featurise(calm[i]!, scoreCues), label: 0, weight: 0.5 });
  }
  for (const d of data) for (const k of d.f.keys()) if (!index.has(k)) index.set(k, index.size);
  const sparse: SparseExample[] = data.map((d) => toSparse(d.f, index, d.label, d.weight));
  const model = trainLinear(sparse, EMOTIONS.length, index.size, {
    epochs: opts.epochs,
    learningRate: 1,
    l2: 1e-6,
    seed: 11,
  });
  return { detect: (surface) => detect(model, index, scoreCues, surface, opts) };
}

function detect(
  model: LinearModel,
  index: Map<string, number>,
  scoreCues: CueScorer,
  surface: string,
  opts: EmotionTraining,
): Emotion {
  const cueScores = scoreCues(surface);
  const f = featurise(surface, scoreCues, cueScores);
  const ids: number[] = [];
  const vals: number[] = [];
  for (const [k, v] of f) {
    const id = index.get(k);
    if (id !== undefined) {
      ids.push(id);
      vals.push(v);
    }
  }
  const logits = new Float64Array(EMOTIONS.length);
  logitsInto(model.weights, model.bias, EMOTIONS.length, ids, vals, logits);
  for (let i = 1; i < EMOTIONS.length; i++)
    logits[i]! += opts.cueEvidence * Math.min(cueScores.scores[EMOTIONS[i] as Exclude<EmotionLabel, "neutral">], 2.5);
  logits[0]! -= opts.neutralPenalty;
  softmaxInPlace(logits);
  let best = 0;
  for (let i = 1; i < EMOTIONS.length; i++) if (logits[i]! > logits[best]!) best = i;
  const label = EMOTIONS[best]!;
  const cue = label === "neutral" ? 0 : cueScores.scores[label];
  // Without a single cue for it, the character model alone must be fairly sure (天气 is not 气死).
  if (label === "neutral" || (cue === 0 && logits[best]! < opts.uncuedMinimum))
    return { label: "neutral", intensity: 0.1, cues: cueScores.cues };
  const intensity = Math.round(Math.max(logits[best]! * 0.8, cue > 0 ? cueIntensity(cue) : 0.3) * 100) / 100;
  return { label, intensity: Math.min(1, intensity), cues: cueScores.cues };
}

function featurise(surface: string, scoreCues: CueScorer, precomputed?: ReturnType<CueScorer>): Map<string, number> {
  const text = surface.toLowerCase();
  const f = new Map<string, number>();
  const chars = [...text.replace(/\s+/g, "")];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (/[!?！？…。，,]/.test(c)) f.set(`p:${c === "！" ? "!" : c === "？" ? "?" : c}`, 1);
    else f.set(`u:${c}`, 0.5);
    if (i + 1 < chars.length) f.set(`b:${c}${chars[i + 1]}`, 0.8);
  }
  const cues = precomputed ?? scoreCues(text);
  for (const [label, v] of Object.entries(cues.scores)) if (v > 0) f.set(`e:${label}`, Math.min(v, 2.5));
  if (cues.sarcastic) f.set("e:sarcasm", 1);
  if (cues.repeated) f.set("e:repeated", 1);
  let norm = 0;
  for (const v of f.values()) norm += v * v;
  norm = Math.sqrt(norm) || 1;
  for (const [k, v] of f) f.set(k, v / norm);
  return f;
}

function toSparse(f: Map<string, number>, index: Map<string, number>, label: number, weight: number): SparseExample {
  const ids: number[] = [];
  const vals: number[] = [];
  for (const [k, v] of f) {
    const id = index.get(k);
    if (id !== undefined) {
      ids.push(id);
      vals.push(v);
    }
  }
  return { ids: Int32Array.from(ids), vals: Float32Array.from(vals), label, weight };
}
