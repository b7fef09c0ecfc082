import type { Turn } from "./actions.js";
import type { StepResult, TurnContext } from "./context.js";
import {
  asksAboutOthers,
  isInjection,
  speaksChinese,
  wantsEnglish,
  wantsHuman,
  wantsRepeat,
  wantsSilver,
} from "./cues.js";
import { greet } from "./flows/greeting.js";
import { handOff } from "./flows/handoff.js";
import { onPending } from "./flows/pending.js";
import { refuseInjection, refuseThirdParty } from "./flows/refusals.js";
import { onNoInput, onNoMatch } from "./flows/reprompt.js";
import { actionable, setTopic } from "./flows/request.js";
import { routeRequest } from "./flows/route.js";
import { hear, type Heard } from "./heard.js";
import { t } from "./prompts.js";
import { ask, askYesNo, event, newReply, reask, say, type Reply } from "./reply.js";
import { isSensitive, type ConversationState } from "./state.js";

/**
 * One turn of a call: (state, turn, context) → (state, actions, events). Pure and deterministic:
 * no clock, no I/O, no randomness; the use case supplies all of that in `ctx`. What works at every
 * step is checked first — a person ("0", 人工), anger, smuggled instructions, English, the silver
 * channel, the repeat key, silence — then the answer to the open question, then a new request.
 * When a flow needs a lookup (verification, slots, a booking) the result has `needs`; the use case
 * resolves them into ctx.results and calls again.
 */

/** Anger at or above this intensity goes straight to a person, with priority. */
export const ANGER_HANDOFF = 0.8;
/** Two angry turns in a row at this level do too. */
export const ANGER_STREAK = 0.5;
/** Anxiety or sadness this strong is high distress. */
export const DISTRESS_HANDOFF = 0.8;

export const nextStep = (state: ConversationState, turn: Turn, ctx: TurnContext): StepResult => {
  const r = newReply(structuredClone(state));
  if (turn.kind === "event") onEvent(r, turn.name);
  else if (turn.kind === "start") {
    if (state.lastAsk === null && state.status === "active") greet(r, ctx);
    else reask(r); // a second "start" for a call already greeted: say the question again
  } else if (state.status === "handed-off" && state.handoff) {
    // Still with the agents' queue: keep the caller there rather than start over.
    r.actions.push({
      kind: "handoff",
      queue: state.handoff.queue,
      reason: "still-queued",
      priority: "normal",
      contextId: state.handoff.contextId,
    });
  } else if (state.status === "ended") {
    r.actions.push({ kind: "end", reason: "call-ended" });
  } else converse(r, ctx, hear(turn, ctx.interpretation));

  if (r.needs.length) return { state, actions: [], events: [], effects: [], needs: r.needs };
  recording(state, r);
  return { state: r.state, actions: r.actions, events: r.events, effects: r.effects, needs: [] };
};

const onEvent = (r: Reply, name: string) => {
  const s = r.state;
  if (name === "hangup") {
    s.status = "ended";
    s.pending = null;
    event(r, "call-ended", {});
  } else if (name === "handoff-failed") {
    s.status = "active";
    delete s.handoff;
    event(r, "handoff-failed", {});
    say(r, t(s.locale).handoffFailed);
    ask(r, { kind: "open" }, t(s.locale).open);
  }
};

const emotionHandoff = (r: Reply, ctx: TurnContext, h: Heard): boolean => {
  const e = h.nlu?.emotion;
  if (!e) return false;
  const s = r.state;
  s.lastEmotion = { label: e.label, intensity: e.intensity };
  const angry = e.label === "angry";
  const alarming =
    (angry && (e.intensity >= ANGER_HANDOFF || (s.angerStreak > 0 && e.intensity >= ANGER_STREAK))) ||
    ((e.label === "anxious" || e.label === "sad") && e.intensity >= DISTRESS_HANDOFF);
  s.angerStreak = angry && e.intensity >= ANGER_STREAK ? s.angerStreak + 1 : 0;
  if (!alarming) return false;
  handOff(r, ctx, { reason: angry ? "angry" : "distressed", priority: "high" });
  return true;
};

const converse = (r: Reply, ctx: TurnContext, h: Heard): void => {
  const s = r.state;
  const capturing = isSensitive(s.pending);
  const text = h.text;
  // A person, at every step; "0" alone is never a valid ID or code, so it works while keying too.
  if (h.digits === "0" || (text && wantsHuman(text))) return handOff(r, ctx, { reason: "caller-asked" });
  if (emotionHandoff(r, ctx, h)) return;
  if (text && isInjection(text)) return refuseInjection(r);
  if (text && s.locale === "zh" && wantsEnglish(text)) {
    s.locale = "en";
    event(r, "locale-changed", { locale: "en" });
    return void ask(r, { kind: "open" }, t("en").englishOn);
  }
  if (text && s.locale === "en" && speaksChinese(text)) {
    s.locale = "zh";
    event(r, "locale-changed", { locale: "zh" });
  }
  const silverAsked = (!capturing && h.digits === "9") || (!!text && wantsSilver(text));
  if (silverAsked && !s.silver) {
    s.silver = true;
    event(r, "silver-enabled", { source: h.digits === "9" ? "key" : "asked" });
    // With a clear request in the same breath, answer it (slowly); otherwise offer the elderly
    // agents, noting what it seems to be about for them.
    if (
      h.nlu &&
      h.nlu.intent !== "out-of-scope" &&
      !h.nlu.clarify &&
      h.nlu.confidence >= 0.5 &&
      routeRequest(r, ctx, h)
    )
      return;
    if (h.nlu && h.nlu.intent !== "out-of-scope" && actionable(ctx, h.nlu.intent)) setTopic(r, h, h.nlu.intent);
    askYesNo(r, { kind: "elderly-offer" }, t(s.locale).elderlyOffer);
    return;
  }
  if ((!capturing && h.digits === "*") || (text && wantsRepeat(text))) return reask(r);
  if (h.kind === "silence") return onNoInput(r, ctx);
  s.noInput = 0;
  if (text && asksAboutOthers(text, s.thirdPartyRefusals > 0)) return refuseThirdParty(r);
  if (onPending(r, ctx, h)) return;
  if (r.needs.length) return;
  if (!routeRequest(r, ctx, h)) onNoMatch(r, ctx);
};

/** Recording pauses around keyed personal data and resumes as soon as the question changes. */
const recording = (before: ConversationState, r: Reply): void => {
  const s = r.state;
  const paused = before.recordingPaused;
  const pause = s.status === "active" && isSensitive(s.pending);
  if (paused && !pause) {
    // A call that has ended has nothing left to record.
    if (s.status !== "ended") r.actions.unshift({ kind: "resume-recording" });
    s.recordingPaused = false;
    event(r, "recording-resumed", {});
  } else if (!paused && pause) {
    const i = r.actions.findIndex((a) => a.kind === "ask");
    r.actions.splice(i < 0 ? r.actions.length : i, 0, { kind: "pause-recording" });
    s.recordingPaused = true;
    event(r, "recording-paused", {});
  }
};
