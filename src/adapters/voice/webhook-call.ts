import type { Turn } from "../../domain/dialogue/actions.js";
import { normaliseCalledNumber, normaliseCallerNumber } from "./caller-number.js";

/**
 * What every provider's webhook parser produces, and the parts of parsing that do not depend on
 * the provider: keypad input, speech clean-up, queue results and end-of-call statuses.
 */

export interface ProviderCall {
  callSid: string;
  from: string;
  to?: string;
  callStatus?: string;
  /** null: nothing for the engine (a status callback that is not the end of the call) */
  turn: Turn | null;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

/** longest utterance passed on; providers cap speech at about a minute, well under this */
export const MAX_SPEECH_CHARS = 500;

const DIGITS = /^[0-9*#]{1,64}$/;
// After an enqueue the caller was bridged or left; anything else means no agent took the call.
const QUEUE_ENDED = new Set(["bridged", "hangup", "leave"]);

/** Keys pressed, when they are keys at all. */
export const keypadTurn = (raw: string | undefined): Turn | undefined => {
  const digits = raw?.trim();
  return digits && DIGITS.test(digits) ? { kind: "digits", digits } : undefined;
};

/** Speech with white space folded and length capped; undefined when nothing was said. */
export const speechTurn = (raw: string | undefined, confidence?: number): Turn | undefined => {
  const text = raw?.replace(/\s+/g, " ").trim();
  if (!text) return undefined;
  return { kind: "speech", text: text.slice(0, MAX_SPEECH_CHARS), ...(confidence === undefined ? {} : { confidence }) };
};

export const queueTurn = (result: string | undefined): Turn => ({
  kind: "event",
  name: result && QUEUE_ENDED.has(result) ? "hangup" : "handoff-failed",
});

export const statusTurn = (status: string, ended: ReadonlySet<string>): Turn | null =>
  ended.has(status) ? { kind: "event", name: "hangup" } : null;

export const providerCall = (
  callSid: string,
  from: unknown,
  to: string | undefined,
  callStatus: string | undefined,
  turn: Turn | null,
): Parsed<ProviderCall> => {
  const called = normaliseCalledNumber(to);
  return {
    ok: true,
    value: {
      callSid,
      from: normaliseCallerNumber(from),
      ...(called ? { to: called } : {}),
      ...(callStatus ? { callStatus } : {}),
      turn,
    },
  };
};
