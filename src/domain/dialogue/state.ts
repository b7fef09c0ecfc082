import type { Locale } from "./actions.js";
import type { CallerProfile } from "./context.js";

/**
 * Everything the engine remembers between turns of one call. It is stored as JSON in the
 * conversations row, so it holds no personal data beyond what the caller may hear back: no ID
 * numbers, no phone numbers, no SMS codes — only opaque references (citizenRef, challengeId,
 * appointment refs) and catalogue codes.
 */

export type VerificationLevel = "none" | "last4" | "id-sms";

/** What the engine is waiting for. Each kind has its own no-input / no-match counters. */
export type Pending =
  | { kind: "open" }
  | { kind: "sms-offer"; subject: SmsSubject }
  | { kind: "clarify"; options: string[] }
  | { kind: "confirm-intent"; intent: string }
  | { kind: "elderly-offer" }
  | { kind: "human-offer"; reason: string }
  | { kind: "complaint"; notes: number }
  | { kind: "appointment"; draft: AppointmentDraft; asking: "item" | "date" | "time" | "choose-time" }
  | { kind: "appointment-confirm"; draft: AppointmentDraft }
  | { kind: "verify-last4"; tries: number; purpose: VerifyPurpose }
  | { kind: "verify-id"; tries: number; purpose: VerifyPurpose }
  | { kind: "verify-code"; tries: number; purpose: VerifyPurpose; challengeId: string };

export type SmsSubject =
  | { kind: "item"; code: string }
  | { kind: "event"; code: string }
  | { kind: "progress"; code: string; status?: string }
  | {
      kind: "appointment";
      op: "book" | "reschedule" | "cancel";
      ref: string;
      itemCode: string;
      hallCode: string;
      date: string;
      time: string;
      step: number;
    };

/** Why we are verifying: what to do once the caller is who they say they are. */
export type VerifyPurpose = { kind: "progress"; itemCode?: string } | { kind: "appointment"; draft: AppointmentDraft };

export interface AppointmentDraft {
  op: "book" | "reschedule" | "cancel";
  itemCode?: string;
  hallCode?: string;
  date?: string;
  /** "HH:MM", or a part of the day ("morning" | "afternoon") until a slot is chosen */
  time?: string;
  /** the appointment being changed or cancelled */
  ref?: string;
  /** slot times offered to the caller, when the wanted one was taken */
  offered?: string[];
}

export interface LastAsk {
  prompt: string;
  digits?: { numDigits?: number; finishOnKey?: string };
  hints?: string[];
}

export interface Topic {
  /** last intent acted on (item, event or meta code) */
  intent?: string;
  itemCode?: string;
  eventCode?: string;
  /** non-sensitive entities of the last request (dates, documents, situations, halls) */
  entities: { type: string; value: string }[];
}

export interface ConversationState {
  v: 1;
  locale: Locale;
  status: "active" | "handed-off" | "ended";
  silver: boolean;
  pending: Pending | null;
  /** per-pending counters, reset whenever the pending question changes */
  noInput: number;
  noMatch: number;
  /** consecutive turns with a raised (not yet alarming) anger */
  angerStreak: number;
  recordingPaused: boolean;
  /** the last question as asked, replayed by the repeat key and re-prompts */
  lastAsk: LastAsk | null;
  topic: Topic;
  /** intents handled in this call, oldest first (for the agent's summary) */
  handled: string[];
  verification: { level: VerificationLevel; citizenRef?: string; failures: number };
  /** non-sensitive facts from recognition by the calling number (taken once, at the start) */
  profile: CallerProfile;
  /** appointments booked or changed during this call (refs the caller may change again without re-verifying) */
  ownAppointments: { ref: string; itemCode: string; hallCode: string; date: string; time: string }[];
  /** SMS already sent in this call (template:subject), so "1" twice sends one message */
  smsSent: string[];
  lastEmotion?: { label: string; intensity: number };
  thirdPartyRefusals: number;
  handoff?: { contextId: string; queue: string };
}

export const emptyProfile = (): CallerProfile => ({ known: false, appointments: [], ready: [], events: [] });

export const initialState = (): ConversationState => ({
  v: 1,
  locale: "zh",
  status: "active",
  silver: false,
  pending: null,
  noInput: 0,
  noMatch: 0,
  angerStreak: 0,
  recordingPaused: false,
  lastAsk: null,
  topic: { entities: [] },
  handled: [],
  verification: { level: "none", failures: 0 },
  profile: emptyProfile(),
  ownAppointments: [],
  smsSent: [],
  thirdPartyRefusals: 0,
});

/** Pendings whose answer is personal data typed on the keypad: recording is paused meanwhile. */
export const isSensitive = (p: Pending | null): boolean =>
  p !== null && (p.kind === "verify-last4" || p.kind === "verify-id" || p.kind === "verify-code");
