import type { Turn } from "../../../domain/dialogue/actions.js";
import { normaliseCalledNumber, normaliseCallerNumber } from "../caller-number.js";

/**
 * jambonz webhook JSON (snake_case) → what the dialogue use case needs. A gather's actionHook
 * carries `speech.alternatives[]` or `digits`, plus a `reason`; a timeout carries neither.
 * Every field is guarded; only call_sid is required.
 */

export type JambonzHook = "session" | "gather" | "queue" | "status";

export interface JambonzCall {
  callSid: string;
  from: string;
  to?: string;
  callStatus?: string;
  /** null: nothing for the engine (a status that is not the end of the call) */
  turn: Turn | null;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const CALL_SID = /^[A-Za-z0-9_.:-]{1,80}$/;
const DIGITS = /^[0-9*#]{1,64}$/;
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
const QUEUE_ENDED = new Set(["bridged", "hangup", "leave"]);
export const MAX_SPEECH_CHARS = 500;

const obj = (v: unknown): Record<string, unknown> | undefined =>
  v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

const bestTranscript = (speech: unknown): { text: string; confidence?: number } | undefined => {
  const alternatives = obj(speech)?.alternatives;
  if (!Array.isArray(alternatives)) return undefined;
  for (const alt of alternatives) {
    const a = obj(alt);
    const text = str(a?.transcript)?.replace(/\s+/g, " ").trim();
    if (!text) continue;
    const c = a?.confidence;
    const confidence = typeof c === "number" && Number.isFinite(c) && c >= 0 && c <= 1 ? c : undefined;
    return { text: text.slice(0, MAX_SPEECH_CHARS), ...(confidence === undefined ? {} : { confidence }) };
  }
  return undefined;
};

const gatherTurn = (p: Record<string, unknown>): Turn => {
  const digits = str(p.digits)?.trim();
  if (digits && DIGITS.test(digits)) return { kind: "digits", digits };
  const speech = bestTranscript(p.speech);
  if (speech) return { kind: "speech", ...speech };
  // reason "timeout", "stt-low-confidence" without a transcript, or nothing at all
  return { kind: "silence" };
};

export const parseJambonzWebhook = (body: unknown, hook: JambonzHook): Parsed<JambonzCall> => {
  const p = obj(body);
  if (!p) return { ok: false, reason: "expected a JSON object from jambonz" };
  const callSid = str(p.call_sid);
  if (!callSid) return { ok: false, reason: "call_sid is missing" };
  if (!CALL_SID.test(callSid)) return { ok: false, reason: "call_sid is not a valid call id" };
  const status = str(p.call_status);
  const callStatus = status && STATUSES.has(status) ? status : undefined;
  const to = normaliseCalledNumber(str(p.to));

  let turn: Turn | null;
  switch (hook) {
    case "session":
      turn = { kind: "start" };
      break;
    case "gather":
      turn = gatherTurn(p);
      break;
    case "queue": {
      const result = str(p.queueResult) ?? str(p.queue_result);
      turn = { kind: "event", name: result && QUEUE_ENDED.has(result) ? "hangup" : "handoff-failed" };
      break;
    }
    case "status":
      if (!callStatus) return { ok: false, reason: "call_status is missing or unknown" };
      turn = ENDED.has(callStatus) ? { kind: "event", name: "hangup" } : null;
      break;
  }
  return {
    ok: true,
    value: {
      callSid,
      from: normaliseCallerNumber(p.from),
      ...(to ? { to } : {}),
      ...(callStatus ? { callStatus } : {}),
      turn,
    },
  };
};
