import type { Entity, Interpretation } from "../nlu/types.js";
import type { Turn } from "./actions.js";

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

export const entity = (h: Heard, type: Entity["type"]): Entity | undefined => h.nlu?.entities.find((e) => e.type === type);
export const entities = (h: Heard, type: Entity["type"]): Entity[] => h.nlu?.entities.filter((e) => e.type === type) ?? [];

/** Keypad text with * read as X, as callers are told to key the X of an ID number. */
export const keyedId = (digits: string): string => digits.replace(/#$/, "").replace(/\*/g, "X");
