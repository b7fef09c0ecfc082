import type { Action, Locale, Turn } from "../../domain/dialogue/actions.js";
import type { CallerProfile, DialogueEvent, HandoffPacket, Need, NeedResults } from "../../domain/dialogue/context.js";
import type { KbView } from "../../domain/dialogue/kb-view.js";
import type { ConversationState } from "../../domain/dialogue/state.js";
import type { Interpretation, InterpretContext } from "../../domain/nlu/types.js";

/**
 * What handleTurn needs from the world. Each port is small so the use case can be tested with
 * the real database and stand-ins for the other areas; src/areas/voice-core.ts plugs in the
 * real NLU, identity, appointments, applications, notifications and links.
 */

export interface StoredConversation {
  id: string;
  stepNo: number;
  state: ConversationState;
}

export interface Loaded {
  conversation?: StoredConversation;
  /** the actions stored for the requested step, when that step was already answered (a retry) */
  replay?: Action[];
}

export interface TurnRecord {
  stepNo: number;
  turnKind: Turn["kind"];
  callerText: string | null;
  intent: string | null;
  confidence: number | null;
  emotion: string | null;
  actions: Action[];
  botText: string;
  kbVersion: number;
}

export interface SaveTurn {
  conversation: {
    id: string;
    channel: string;
    callId: string;
    callerMasked: string;
    /** the step the state was read at; the save fails if another instance moved on meanwhile */
    previousStepNo: number | null;
    citizenId: string | null;
  };
  state: ConversationState;
  turn: TurnRecord;
  events: DialogueEvent[];
  handoffs: { contextId: string; packet: HandoffPacket }[];
  at: Date;
}

export interface ConversationStore {
  /** One read: the call's conversation and, if `stepNo` was answered already, its stored actions. */
  load(channel: string, callId: string, stepNo: number | undefined): Promise<Loaded>;
  /** The stored actions of one step (for a stale retry). */
  actionsAt(conversationId: string, stepNo: number): Promise<Action[] | undefined>;
  /**
   * One transaction: the conversation row (created or moved on), the turn with its masked
   * transcript and actions, the domain events and the handoff packets. "conflict" when another
   * instance saved this step first; nothing is written then.
   */
  saveTurn(t: SaveTurn): Promise<"saved" | "conflict">;
  /** Events learnt after the turn was saved (an SMS that could not be queued). */
  addEvents(conversationId: string, events: DialogueEvent[], kbVersion: number, at: Date): Promise<void>;
}

export interface NluPort {
  interpret(text: string, ctx: InterpretContext): Promise<Interpretation>;
}

/** The published KB indexed for the engine; cached per version by the implementation. */
export interface KbViewSource {
  current(): Promise<KbView>;
}

/** Who is calling: non-sensitive facts for the greeting (identity + appointments + applications). */
export interface CallerRecognition {
  recognise(phone: string, today: string): Promise<CallerProfile>;
}

/** Answers the engine's needs (verification, progress, slots, bookings, links). */
export interface NeedResolver {
  resolve<K extends Need["kind"]>(
    need: Extract<Need, { kind: K }>,
    call: { phone: string; conversationId: string; locale: Locale },
  ): Promise<NeedResults[K]>;
}

export interface SmsPort {
  send(req: {
    templateId: string;
    phone: string;
    variables: Record<string, string>;
    idempotencyKey: string;
    locale: Locale;
  }): Promise<void>;
}

export interface DialogueLog {
  warn(obj: Record<string, unknown>, msg: string): void;
}

export interface DialogueDeps {
  store: ConversationStore;
  nlu: NluPort;
  kb: KbViewSource;
  callers: CallerRecognition;
  needs: NeedResolver;
  sms: SmsPort;
  clock: { now(): Date };
  /** the city's timezone, for "today" */
  tz: string;
  newId(): string;
  log?: DialogueLog;
}
