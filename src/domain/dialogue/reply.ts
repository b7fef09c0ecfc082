import type { Action } from "./actions.js";
import type { DialogueEvent, Effect, Need, TurnContext } from "./context.js";
import { OPEN_HINTS, YES_NO_HINTS, t } from "./prompts.js";
import type { ConversationState, Pending, SmsSubject } from "./state.js";

/**
 * The reply being built for one turn. Flows work on a private copy of the state (the engine
 * clones it first), append actions and events, and finish with exactly one of: an `ask`, a
 * `handoff`, an `end`, or a list of needs for the use case to resolve.
 */
export interface Reply {
  state: ConversationState;
  actions: Action[];
  events: DialogueEvent[];
  effects: Effect[];
  needs: Need[];
}

export const newReply = (state: ConversationState): Reply => ({
  state,
  actions: [],
  events: [],
  effects: [],
  needs: [],
});

export const event = (r: Reply, type: string, payload: Record<string, unknown> = {}): void => {
  r.events.push({ type, payload });
};

const style = (s: ConversationState) => (s.silver ? { style: { rate: "slow" as const } } : {});

export const say = (r: Reply, text: string): void => {
  r.actions.push({ kind: "say", text, locale: r.state.locale, ...style(r.state) });
};

export interface AskOptions {
  /** keypad entry of this many characters (or up to this many, with finishOnKey) */
  digits?: { numDigits?: number; finishOnKey?: string };
  hints?: string[];
  /** a re-prompt of the same question: keep the no-input / no-match counters */
  keepCounters?: boolean;
  /** a variant wording (re-prompt): the repeat key still replays the original question */
  transient?: boolean;
  /** what the repeat key replays instead of this prompt (a refusal is not worth repeating) */
  repeatAs?: string;
}

/** Asks a question and waits for `pending`. Silver callers get twice the time to answer. */
export const ask = (r: Reply, pending: Pending, prompt: string, opts: AskOptions = {}): void => {
  const s = r.state;
  if (!opts.keepCounters) {
    s.noInput = 0;
    s.noMatch = 0;
  }
  s.pending = pending;
  if (!opts.transient)
    s.lastAsk = {
      prompt: opts.repeatAs ?? prompt,
      ...(opts.digits ? { digits: opts.digits } : {}),
      ...(opts.hints ? { hints: opts.hints } : {}),
    };
  const digitsOnly = !!opts.digits;
  const base = digitsOnly ? 8 : 5;
  r.actions.push({
    kind: "ask",
    prompt,
    locale: s.locale,
    input: digitsOnly ? ["digits"] : ["speech", "digits"],
    timeoutSeconds: s.silver ? base * 2 : base,
    ...(opts.digits?.numDigits ? { numDigits: opts.digits.numDigits } : {}),
    ...(opts.digits?.finishOnKey ? { finishOnKey: opts.digits.finishOnKey } : {}),
    ...(digitsOnly ? { sensitive: true } : { hints: opts.hints ?? OPEN_HINTS }),
    ...style(s),
  });
};

export const askYesNo = (r: Reply, pending: Pending, prompt: string, opts: AskOptions = {}): void =>
  ask(r, pending, prompt, { hints: YES_NO_HINTS, ...opts });

/** Asks the pending question again in other words (re-prompts, repeat key). */
export const reask = (r: Reply, prompt?: string): void => {
  const last = r.state.lastAsk;
  const pending = r.state.pending ?? { kind: "open" as const };
  ask(r, pending, prompt ?? last?.prompt ?? t(r.state.locale).open, {
    keepCounters: true,
    transient: true,
    ...(last?.digits ? { digits: last.digits } : {}),
    ...(last?.hints ? { hints: last.hints } : {}),
  });
};

/** Offers the details by SMS, or (a number that cannot get one) goes straight on to what else. */
export const offerSms = (r: Reply, ctx: TurnContext, subject: SmsSubject, prompt: string): void => {
  const tr = t(r.state.locale);
  if (ctx.smsReachable === false) ask(r, { kind: "open" }, r.state.silver ? tr.anythingElseSilver : tr.anythingElse);
  else askYesNo(r, { kind: "sms-offer", subject }, prompt);
};

export const need = (r: Reply, n: Need): void => {
  r.needs.push(n);
};

export const end = (r: Reply, reason: string): void => {
  r.state.status = "ended";
  r.state.pending = null;
  r.actions.push({ kind: "end", reason });
};
