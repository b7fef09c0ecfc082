import type { Entity, Interpretation } from "../nlu/types.js";
import type { Turn } from "./actions.js";
import { CN_DIGITS } from "../nlu/normalise.js";

/** One caller turn as the flows see it: what was said or keyed, and the NLU's reading of speech. */
export interface Heard {
  kind: Turn["kind"];
  /** speech text, "" for other turns */
  text: string;
  /** keypad digits, "" for other turns */
  digits: string;
  nlu?: Interpretation;
  /** the recogniser itself was unsure (its confidence is optional: absent means sure enough) */
  lowConfidence: boolean;
}

/** Below this speech-recogniser confidence a turn is a no-match rather than a request. */
export const MIN_ASR_CONFIDENCE = 0.3;

export const hear = (turn: Turn, nlu: Interpretation | undefined): Heard => ({
  kind: turn.kind,
  text: turn.kind === "speech" ? turn.text.trim() : "",
  digits: turn.kind === "digits" ? turn.digits.trim() : "",
  ...(nlu ? { nlu } : {}),
  lowConfidence: turn.kind === "speech" && turn.confidence !== undefined && turn.confidence < MIN_ASR_CONFIDENCE,
});

export const entity = (h: Heard, type: Entity["type"]): Entity | undefined =>
  h.nlu?.entities.find((e) => e.type === type);
export const entities = (h: Heard, type: Entity["type"]): Entity[] =>
  h.nlu?.entities.filter((e) => e.type === type) ?? [];

const SPOKEN_DIGIT: Record<string, string> = { ...CN_DIGITS, 叉: "X", x: "X", X: "X" };
const SPOKEN_RUN =
  /[0-9零〇洞一幺二两三四五六七八九叉xX](?:[\s,，、.。-]*[0-9零〇洞一幺二两三四五六七八九叉xX]){14,18}/g;

/**
 * An ID number said digit by digit ("幺幺零幺零五，一九七八…"), which recognisers often return in
 * words and with pauses as commas: the NLU's entity when it found one, else read here.
 */
export const spokenId = (h: Heard): string | undefined => {
  const e = entity(h, "id_number");
  if (e) return e.value;
  for (const m of h.text.matchAll(SPOKEN_RUN)) {
    const id = [...m[0]].map((c) => (/[0-9]/.test(c) ? c : (SPOKEN_DIGIT[c] ?? ""))).join("");
    if (id.length >= 15 && id.length <= 19 && !id.slice(0, -1).includes("X")) return id;
  }
  return undefined;
};

/** Keypad text with * read as X, as callers are told to key the X of an ID number. */
export const keyedId = (digits: string): string => digits.replace(/#$/, "").replace(/\*/g, "X");
