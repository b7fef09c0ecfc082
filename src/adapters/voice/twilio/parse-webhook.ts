import type { Turn } from "../../../domain/dialogue/actions.js";
import { normaliseCalledNumber, normaliseCallerNumber } from "../caller-number.js";

/**
 * Twilio's form-encoded webhook parameters → what the dialogue use case needs. Every field is
 * guarded: Twilio may omit Confidence, send an empty SpeechResult on timeout, or (for a request
 * that is not from Twilio at all) send anything. Only CallSid is required; a garbled speech or
 * digit field is read as silence, so the caller is re-prompted instead of cut off.
 */

export type TwilioHook = "incoming" | "gather" | "queue" | "status";

export interface TwilioCall {
  callSid: string;
  from: string;
  to?: string;
  callStatus?: string;
  /** null: nothing for the engine (a status callback that is not the end of the call) */
  turn: Turn | null;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const CALL_SID = /^[A-Za-z0-9_-]{1,64}$/;
const DIGITS = /^[0-9*#]{1,64}$/;
const CALL_STATUSES = new Set([
  "queued",
  "ringing",
  "in-progress",
  "completed",
  "busy",
  "failed",
  "no-answer",
  "canceled",
]);
const ENDED = new Set(["completed", "busy", "failed", "no-answer", "canceled"]);
// QueueResult values after <Enqueue>: the caller was bridged or left; anything else means no agent took the call.
const QUEUE_ENDED = new Set(["bridged", "hangup", "leave"]);
/** longest utterance we pass on; Twilio caps speech at 60 s, which is well under this */
export const MAX_SPEECH_CHARS = 500;

const str = (v: unknown): string | undefined => {
  if (Array.isArray(v)) v = v[0];
  return typeof v === "string" ? v : undefined;
};

const confidence = (v: unknown): number | undefined => {
  const s = str(v);
  if (s === undefined || s.trim() === "") return undefined;
  const n = Number(s);
  return Number.isFinite(n) && n >= 0 && n <= 1 ? n : undefined;
};

const gatherTurn = (p: Record<string, unknown>): Turn => {
  const digits = str(p.Digits)?.trim();
  if (digits && DIGITS.test(digits)) return { kind: "digits", digits };
  const speech = str(p.SpeechResult)?.replace(/\s+/g, " ").trim();
  if (speech) {
    const c = confidence(p.Confidence);
    return { kind: "speech", text: speech.slice(0, MAX_SPEECH_CHARS), ...(c === undefined ? {} : { confidence: c }) };
  }
  return { kind: "silence" };
};

export const parseTwilioWebhook = (body: unknown, hook: TwilioHook): Parsed<TwilioCall> => {
  if (!body || typeof body !== "object" || Array.isArray(body))
    return { ok: false, reason: "expected form-encoded Twilio parameters" };
  const p = body as Record<string, unknown>;
  const callSid = str(p.CallSid);
  if (!callSid) return { ok: false, reason: "CallSid is missing" };
  if (!CALL_SID.test(callSid)) return { ok: false, reason: "CallSid is not a valid call id" };
  const status = str(p.CallStatus);
  const callStatus = status && CALL_STATUSES.has(status) ? status : undefined;
  const to = normaliseCalledNumber(str(p.To));

  let turn: Turn | null;
  switch (hook) {
    case "incoming":
      turn = { kind: "start" };
      break;
    case "gather":
      turn = gatherTurn(p);
      break;
    case "queue": {
      const result = str(p.QueueResult);
      turn = { kind: "event", name: result && QUEUE_ENDED.has(result) ? "hangup" : "handoff-failed" };
      break;
    }
    case "status":
      if (!callStatus) return { ok: false, reason: "CallStatus is missing or unknown" };
      turn = ENDED.has(callStatus) ? { kind: "event", name: "hangup" } : null;
      break;
  }
  return {
    ok: true,
    value: {
      callSid,
      from: normaliseCallerNumber(p.From),
      ...(to ? { to } : {}),
      ...(callStatus ? { callStatus } : {}),
      turn,
    },
  };
};
