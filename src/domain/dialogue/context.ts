import type { Interpretation } from "../nlu/types.js";
import type { Action } from "./actions.js";
import type { KbView } from "./kb-view.js";
import type { ConversationState } from "./state.js";

/**
 * What the engine is told for one turn. It never reads a clock or a database: the use case puts
 * today's date, the NLU's interpretation, the caller's recognised profile, the KB and the results
 * of any lookups the engine asked for (`needs`) into this object.
 */

export interface ProfileAppointment {
  /** opaque appointment reference */
  ref: string;
  itemCode: string;
  hallCode: string;
  /** YYYY-MM-DD in the city's calendar */
  date: string;
  /** HH:MM */
  time: string;
}

/**
 * Facts about the caller recognised from the calling number. Only what may be said to whoever
 * holds the phone: that an appointment exists (date, time, hall), that a document is ready for
 * pickup, where a life event stands. Names, ID numbers and application details are not here.
 */
export interface CallerProfile {
  known: boolean;
  /** opaque id of the recognised citizen (for verification lookups; never spoken) */
  ref?: string;
  /** completed years, only used to offer the silver channel */
  age?: number;
  locale?: "zh" | "en";
  appointments: ProfileAppointment[];
  /** documents ready for pickup: which item, at which hall */
  ready: { itemCode: string; hallCode: string }[];
  /** life events in progress: which steps are done */
  events: { eventCode: string; done: string[] }[];
}

/** One application's progress, told only to a verified caller. */
export interface ApplicationStatus {
  itemCode: string;
  /** submitted | in-review | approved | ready | collected | rejected | … */
  status: string;
  hallCode?: string;
  /** YYYY-MM-DD: when it became ready, or when it is expected to be */
  date?: string;
}

export type BookResult =
  | { ok: true; ref: string; itemCode: string; hallCode: string; date: string; time: string }
  | { ok: false; reason: "full" | "closed" | "duplicate" | "not-found" | "not-allowed" | "error" };

/** Lookups and commands whose outcome decides what the engine says next. */
export type Need =
  | { kind: "verify-last4"; citizenRef: string; digits: string }
  | { kind: "start-sms-challenge"; idNumber: string }
  | { kind: "check-sms-code"; challengeId: string; code: string }
  | { kind: "progress"; citizenRef: string }
  | { kind: "slots"; itemCode: string; hallCode: string; date: string }
  | { kind: "book"; citizenRef: string; itemCode: string; hallCode: string; date: string; time: string; key: string }
  | { kind: "reschedule"; citizenRef: string; ref: string; hallCode: string; date: string; time: string; key: string }
  | { kind: "cancel"; citizenRef: string; ref: string; key: string }
  | { kind: "link"; subject: "item" | "event" | "appointment"; code: string };

export interface NeedResults {
  "verify-last4": { ok: boolean; citizenRef?: string; age?: number };
  /** challengeId null: no registered phone for that ID (the caller is told the same either way) */
  "start-sms-challenge": { challengeId: string | null };
  "check-sms-code": { ok: boolean; citizenRef?: string; age?: number };
  progress: { applications: ApplicationStatus[] };
  /** free slot start times (HH:MM) on that date */
  slots: { times: string[] };
  book: BookResult;
  reschedule: BookResult;
  cancel: { ok: boolean };
  link: { url: string | null };
}

/** Stable key of a need, so its result can be looked up in `results`. */
export const needKey = (n: Need): string => JSON.stringify(n);

export interface TurnContext {
  /** ISO instant, for event timestamps only */
  now: string;
  /** YYYY-MM-DD in the city's timezone */
  today: string;
  kbVersion: number;
  kb: KbView;
  /** the NLU's reading of a speech turn */
  interpretation?: Interpretation;
  /** recognised profile, read by the use case on the first turn only */
  profile?: CallerProfile;
  /** conversation id: prefix of idempotency keys */
  conversationId: string;
  stepNo: number;
  /** false when the calling number cannot receive SMS (withheld, a landline): no SMS is offered */
  smsReachable?: boolean;
  /** a fresh opaque id, used if this turn hands off (the context packet's id) */
  newId: string;
  /** results of needs, by needKey */
  results?: Record<string, unknown>;
}

export const resultOf = <K extends Need["kind"]>(
  ctx: TurnContext,
  need: Extract<Need, { kind: K }>,
): NeedResults[K] | undefined => ctx.results?.[needKey(need)] as NeedResults[K] | undefined;

/** The packet an agent gets with a handed-off call; stored by the use case, referenced by contextId only. */
export interface HandoffPacket {
  reason: string;
  queue: string;
  priority: "normal" | "high";
  locale: "zh" | "en";
  silver: boolean;
  intent?: string;
  itemCode?: string;
  eventCode?: string;
  entities: { type: string; value: string }[];
  verification: string;
  emotion?: { label: string; intensity: number };
  /** one or two sentences for the agent, in Chinese */
  summary: string;
  /** intents handled before the handoff */
  handled: string[];
  kbVersion: number;
}

export interface DialogueEvent {
  type: string;
  payload: Record<string, unknown>;
}

/** Side effects the use case performs after the step (besides send-sms actions, which it sends). */
export type Effect = { kind: "store-handoff"; contextId: string; packet: HandoffPacket };

export interface StepResult {
  state: ConversationState;
  actions: Action[];
  events: DialogueEvent[];
  effects: Effect[];
  /** when non-empty: resolve these, put them in ctx.results and call nextStep again */
  needs: Need[];
}
