import type { Action, Turn } from "../../domain/dialogue/actions.js";
import { needKey, type StepResult, type TurnContext } from "../../domain/dialogue/context.js";
import { wantsEnglish } from "../../domain/dialogue/cues.js";
import { nextStep } from "../../domain/dialogue/engine.js";
import { initialState, isSensitive } from "../../domain/dialogue/state.js";
import { botLine, callerLine } from "../../domain/dialogue/transcript.js";
import type { Interpretation } from "../../domain/nlu/types.js";
import { maskPhone } from "../../domain/privacy/mask.js";
import { cityDate } from "../../domain/time/city-time.js";
import type { DialogueDeps } from "./ports.js";

/**
 * One turn of a phone call, whichever channel it came from: load the conversation (one read),
 * interpret speech, run the pure engine (resolving any lookups it asks for), perform the side
 * effects (SMS through the outbox with the engine's idempotency key), then save state, events,
 * masked transcript, handoff packet and the actions in one transaction. A retried webhook (same
 * call, same step) gets the stored actions back and nothing runs twice.
 */

export interface HandleTurnInput {
  channel: string;
  callId: string;
  /** the caller's number in E.164, or "anonymous" */
  from: string;
  to?: string;
  /** the step this webhook answers (from the previous response's action URL); absent: the next one */
  step?: number;
  turn: Turn;
}

export interface HandleTurnOutput {
  actions: Action[];
  conversationId: string;
  /** the step these actions belong to; put stepNo + 1 in the next webhook's URL */
  stepNo: number;
}

const MAX_ROUNDS = 4;

/** Queues each send-sms action; returns the ones that could not be queued. */
const sendAll = async (deps: DialogueDeps, phone: string, actions: Action[], locale: "zh" | "en") => {
  const failed: { templateId: string; error: string }[] = [];
  for (const a of actions) {
    if (a.kind !== "send-sms") continue;
    try {
      await deps.sms.send({
        templateId: a.templateId,
        phone,
        variables: a.variables,
        idempotencyKey: a.idempotencyKey,
        locale,
      });
    } catch (err) {
      failed.push({ templateId: a.templateId, error: ((err as Error).message ?? "error").slice(0, 200) });
    }
  }
  return failed;
};
const SMS_MOBILE = /^\+861[3-9]\d{9}$/;

export const handleTurn = async (deps: DialogueDeps, input: HandleTurnInput): Promise<HandleTurnOutput> => {
  // A new call's first webhook carries no step: it is step 1, so a retried one is recognised too.
  const asked = input.step ?? (input.turn.kind === "start" ? 1 : undefined);
  const loaded = await deps.store.load(input.channel, input.callId, asked);
  const conv = loaded.conversation;
  if (conv && loaded.replay) {
    // The SMS of a replayed step is offered again under its key: the outbox keeps one, and one
    // whose first sending was cut short (the process died after saving) still goes out.
    await sendAll(deps, input.from, loaded.replay, conv.state.locale);
    return { actions: loaded.replay, conversationId: conv.id, stepNo: asked! };
  }
  if (conv && asked !== undefined && asked <= conv.stepNo) {
    // An old step we no longer hold (or a start after the call began): answer as the latest step did.
    const latest = await deps.store.actionsAt(conv.id, conv.stepNo);
    return { actions: latest ?? [], conversationId: conv.id, stepNo: conv.stepNo };
  }

  const conversationId = conv?.id ?? deps.newId();
  const state = conv?.state ?? initialState();
  const stepNo = (conv?.stepNo ?? 0) + 1;
  const now = deps.clock.now();
  const today = cityDate(now, deps.tz);
  const kb = await deps.kb.current();

  const speech = input.turn.kind === "speech" ? input.turn.text : undefined;
  const firstTurn = !conv || state.lastAsk === null;
  const [interpretation, profile] = await Promise.all([
    speech !== undefined
      ? deps.nlu.interpret(speech, { today, locale: wantsEnglish(speech) ? "en" : state.locale })
      : Promise.resolve<Interpretation | undefined>(undefined),
    input.turn.kind === "start" && firstTurn ? deps.callers.recognise(input.from, today) : Promise.resolve(undefined),
  ]);

  const ctx: TurnContext = {
    now: now.toISOString(),
    today,
    kbVersion: kb.version,
    kb,
    ...(interpretation ? { interpretation } : {}),
    ...(profile ? { profile } : {}),
    conversationId,
    stepNo,
    smsReachable: SMS_MOBILE.test(input.from),
    newId: deps.newId(),
    results: {},
  };
  const call = { phone: input.from, conversationId, locale: state.locale };
  let out: StepResult | undefined;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    out = nextStep(state, input.turn, ctx);
    if (!out.needs.length) break;
    const fresh = out.needs.filter((n) => !(needKey(n) in ctx.results!));
    if (!fresh.length) throw new Error("dialogue engine asked again for a need it was given");
    const answers = await Promise.all(fresh.map((n) => deps.needs.resolve(n as never, call)));
    fresh.forEach((n, i) => (ctx.results![needKey(n)] = answers[i]));
  }
  if (!out || out.needs.length) throw new Error("dialogue engine did not settle");

  // The SMS (keyed, so never twice) and the turn's one write run side by side.
  const smsSent = sendAll(deps, input.from, out.actions, out.state.locale);
  const e = interpretation?.emotion;
  const saving = deps.store.saveTurn({
    conversation: {
      id: conversationId,
      channel: input.channel,
      callId: input.callId,
      callerMasked: SMS_MOBILE.test(input.from) || /^\+\d{7,}$/.test(input.from) ? maskPhone(input.from) : "anonymous",
      previousStepNo: conv?.stepNo ?? null,
      citizenId: out.state.verification.citizenRef ?? out.state.profile.ref ?? null,
    },
    state: out.state,
    turn: {
      stepNo,
      turnKind: input.turn.kind,
      callerText: callerLine(input.turn, isSensitive(state.pending)),
      intent: interpretation?.intent ?? null,
      confidence: interpretation?.confidence ?? null,
      emotion: e && e.label !== "neutral" ? `${e.label}:${e.intensity}` : null,
      actions: out.actions,
      botText: botLine(out.actions),
      kbVersion: kb.version,
    },
    events: out.events,
    handoffs: out.effects
      .filter((x) => x.kind === "store-handoff")
      .map((x) => ({ contextId: x.contextId, packet: x.packet })),
    at: now,
  });
  const [failed, saved] = await Promise.all([smsSent, saving]);
  if (failed.length) {
    // The call goes on; the failure is recorded against the conversation.
    deps.log?.warn({ conversationId, templates: failed.map((f) => f.templateId) }, "dialogue SMS could not be queued");
    await deps.store
      .addEvents(
        conversationId,
        failed.map((f) => ({ type: "sms-failed", payload: f })),
        kb.version,
        now,
      )
      .catch(() => undefined);
  }
  if (saved === "conflict") {
    // Another instance answered this step first (a webhook retried in parallel): give its answer.
    const again = await deps.store.load(input.channel, input.callId, stepNo);
    return { actions: again.replay ?? out.actions, conversationId: again.conversation?.id ?? conversationId, stepNo };
  }
  return { actions: out.actions, conversationId, stepNo };
};
