/**
 * What the NLU tells every channel about one utterance. The shape of the CLI's JSON lines
 * (`civicline classify`) and of what the dialogue engine consumes.
 */

export type EmotionLabel = "angry" | "anxious" | "confused" | "sad" | "neutral" | "satisfied";

export interface Emotion {
  label: EmotionLabel;
  /** 0..1 */
  intensity: number;
  /** words or cues that drove it, for the agent console */
  cues?: string[];
}

export type EntityType =
  "id_number" | "phone" | "date" | "time" | "age" | "person" | "document" | "situation" | "district" | "hall";

export interface Entity {
  type: EntityType;
  /** normalised value: ISO date "2026-11-26", "morning", "newborn", "passport", "lost", a hall code… */
  value: string;
  /** the words as said */
  text?: string;
  /** for id_number (check digit) and phone (mainland mobile pattern) */
  valid?: boolean;
  /** why an id_number is invalid: "length", "region", "birth-date" or "check-digit" */
  reason?: string;
}

export interface Alternative {
  intent: string;
  confidence: number;
}

export interface Interpretation {
  text: string;
  normalized: string;
  /** a catalogue code: item, event, meta.* intent or "out-of-scope" */
  intent: string;
  confidence: number;
  alternatives: Alternative[];
  /** true when the two best candidates are too close to act on without asking */
  clarify: boolean;
  entities: Entity[];
  emotion: Emotion;
  /** why: tokens and rules that drove the decision */
  explanation: string[];
  /** which classifier answered: "local" or "llm" */
  source?: "local" | "llm";
}

/** Context the NLU may use; it never needs I/O. `today` lets relative dates resolve deterministically. */
export interface InterpretContext {
  /** ISO date in the city's timezone, e.g. "2026-11-25" */
  today: string;
  locale?: "zh" | "en";
}
