import { classify, type Ranked } from "./classifier.js";
import { extractEntities } from "./entities/index.js";
import { OUT_OF_SCOPE, type NluModel } from "./model.js";
import type { Alternative, InterpretContext, Interpretation } from "./types.js";

const round = (n: number) => Math.round(n * 1000) / 1000;

/** Share of an utterance's feature weight the model knows, below which it is treated as unfamiliar. */
const UNFAMILIAR = 0.05;

/** One utterance → intent, confidence, alternatives, clarification flag, entities, emotion and why. */
export function interpret(model: NluModel, text: string, ctx: InterpretContext): Interpretation {
  const surface = model.normaliser.surface(text);
  const normalized = model.normaliser.full(text);
  const emotion = model.detectEmotion(surface);
  if (!/[\p{Script=Han}A-Za-z0-9]/u.test(normalized)) {
    return {
      text,
      normalized,
      intent: OUT_OF_SCOPE,
      confidence: 0,
      alternatives: [],
      clarify: false,
      entities: [],
      emotion,
      explanation: ["empty utterance"],
      source: "local",
    };
  }
  const result = classify(model.classifier, normalized);
  const ranked = penaliseOutOfScope(result.ranked, model.thresholds.outOfScopePenalty);
  const top = ranked[0]!;
  const second = ranked[1];
  const explanation = [...result.explanation];
  let intent = top.code;
  let confidence = top.probability;
  let clarify = false;
  const t = model.thresholds;
  if (result.familiarity < UNFAMILIAR) {
    // Nothing the KB ever said (another language, only a number, noise): no in-scope guess is worth making.
    explanation.push("no familiar words: out-of-scope");
    intent = OUT_OF_SCOPE;
    confidence = Math.max(confidence, 0.9);
  } else if (intent !== OUT_OF_SCOPE && top.probability < t.minConfidence) {
    // Nothing in-scope stands out: better to say so than to guess among weak candidates.
    explanation.push(`best in-scope ${top.code} ${round(top.probability)} < ${t.minConfidence}: out-of-scope`);
    intent = OUT_OF_SCOPE;
    confidence = 1 - top.probability;
  } else if (intent !== OUT_OF_SCOPE && second && second.code !== OUT_OF_SCOPE) {
    clarify = top.probability < t.clarifyBelow && second.probability >= t.clarifyRatio * top.probability;
    if (clarify)
      explanation.push(
        `close call: ${top.code} ${round(top.probability)} vs ${second.code} ${round(second.probability)}`,
      );
  }
  const alternatives: Alternative[] = ranked
    .filter((r) => r.code !== intent)
    .slice(0, 3)
    .map((r) => ({ intent: r.code, confidence: round(r.probability) }));
  const entities = extractEntities(normalized, ctx.today, result.view.concepts, model.findPlaces);
  if (emotion.label !== "neutral" && emotion.cues?.length)
    explanation.push(`emotion ${emotion.label}: ${emotion.cues.join(", ")}`);
  return {
    text,
    normalized,
    intent,
    confidence: round(confidence),
    alternatives,
    clarify,
    entities,
    emotion,
    explanation,
    source: "local",
  };
}

function penaliseOutOfScope(ranked: Ranked[], penalty: number): Ranked[] {
  if (penalty === 0) return ranked;
  const factor = Math.exp(-penalty);
  let total = 0;
  const scaled = ranked.map((r) => {
    const probability = r.code === OUT_OF_SCOPE ? r.probability * factor : r.probability;
    total += probability;
    return { code: r.code, probability };
  });
  return scaled
    .map((r) => ({ code: r.code, probability: r.probability / total }))
    .sort((a, b) => b.probability - a.probability);
}
