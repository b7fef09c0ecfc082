import type { Turn } from "../../../domain/dialogue/actions.js";
import {
  keypadTurn,
  providerCall,
  queueTurn,
  speechTurn,
  statusTurn,
  type Parsed,
  type ProviderCall,
} from "../webhook-call.js";

export { MAX_SPEECH_CHARS } from "../webhook-call.js";

/**
 * Twilio's form-encoded webhook parameters → what the dialogue use case needs. Every field is
 * guarded: Twilio may omit Confidence, send an empty SpeechResult on timeout, or (for a request
 * that is not from Twilio at all) send anything. Only CallSid is required; a garbled speech or
 * digit field is read as silence, so the caller is re-prompted instead of cut off.
 */

export type TwilioHook = "incoming" | "gather" | "queue" | "status";

export type TwilioCall = ProviderCall;

const CALL_SID = /^[A-Za-z0-9_-]{1,64}$/;
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

const gatherTurn = (p: Record<string, unknown>): Turn =>
  keypadTurn(str(p.Digits)) ?? speechTurn(str(p.SpeechResult), confidence(p.Confidence)) ?? { kind: "silence" };

export const parseTwilioWebhook = (body: unknown, hook: TwilioHook): Parsed<TwilioCall> => {
  if (!body || typeof body !== "object" || Array.isArray(body))
    return { ok: false, reason: "expected form-encoded Twilio parameters" };
  const p = body as Record<string, unknown>;
  const callSid = str(p.CallSid);
  if (!callSid) return { ok: false, reason: "CallSid is missing" };
  if (!CALL_SID.test(callSid)) return { ok: false, reason: "CallSid is not a valid call id" };
  const status = str(p.CallStatus);
  const callStatus = status && CALL_STATUSES.has(status) ? status : undefined;

  let turn: Turn | null;
  switch (hook) {
    case "incoming":
      turn = { kind: "start" };
      break;
    case "gather":
      turn = gatherTurn(p);
      break;
    case "queue":
      turn = queueTurn(str(p.QueueResult));
      break;
    case "status":
      if (!callStatus) return { ok: false, reason: "CallStatus is missing or unknown" };
      turn = statusTurn(callStatus, ENDED);
      break;
  }
  return providerCall(callSid, p.From, str(p.To), callStatus, turn);
};
