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
 * jambonz webhook JSON (snake_case) → what the dialogue use case needs. A gather's actionHook
 * carries `speech.alternatives[]` or `digits`, plus a `reason`; a timeout carries neither.
 * Every field is guarded; only call_sid is required.
 */

export type JambonzHook = "session" | "gather" | "queue" | "status";

export type JambonzCall = ProviderCall;

const CALL_SID = /^[A-Za-z0-9_.:-]{1,80}$/;
const ENDED = new Set(["completed", "failed", "busy", "no-answer"]);
const STATUSES = new Set([
  "trying",
  "ringing",
  "early-media",
  "in-progress",
  "completed",
  "failed",
  "busy",
  "no-answer",
  "queued",
]);

const obj = (v: unknown): Record<string, unknown> | undefined =>
  v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

/** The first alternative with words in it. */
const bestTranscript = (speech: unknown): Turn | undefined => {
  const alternatives = obj(speech)?.alternatives;
  if (!Array.isArray(alternatives)) return undefined;
  for (const alt of alternatives) {
    const a = obj(alt);
    const c = a?.confidence;
    const turn = speechTurn(
      str(a?.transcript),
      typeof c === "number" && Number.isFinite(c) && c >= 0 && c <= 1 ? c : undefined,
    );
    if (turn) return turn;
  }
  return undefined;
};

// reason "timeout", "stt-low-confidence" without a transcript, or nothing at all: silence
const gatherTurn = (p: Record<string, unknown>): Turn =>
  keypadTurn(str(p.digits)) ?? bestTranscript(p.speech) ?? { kind: "silence" };

export const parseJambonzWebhook = (body: unknown, hook: JambonzHook): Parsed<JambonzCall> => {
  const p = obj(body);
  if (!p) return { ok: false, reason: "expected a JSON object from jambonz" };
  const callSid = str(p.call_sid);
  if (!callSid) return { ok: false, reason: "call_sid is missing" };
  if (!CALL_SID.test(callSid)) return { ok: false, reason: "call_sid is not a valid call id" };
  const status = str(p.call_status);
  const callStatus = status && STATUSES.has(status) ? status : undefined;

  let turn: Turn | null;
  switch (hook) {
    case "session":
      turn = { kind: "start" };
      break;
    case "gather":
      turn = gatherTurn(p);
      break;
    case "queue":
      turn = queueTurn(str(p.queueResult) ?? str(p.queue_result));
      break;
    case "status":
      if (!callStatus) return { ok: false, reason: "call_status is missing or unknown" };
      turn = statusTurn(callStatus, ENDED);
      break;
  }
  return providerCall(callSid, p.from, str(p.to), callStatus, turn);
};
