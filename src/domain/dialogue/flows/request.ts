import type { TurnContext } from "../context.js";
import { asksAppointments } from "../cues.js";
import { entities, entity, type Heard } from "../heard.js";
import { nameOf } from "../kb-view.js";
import { t } from "../prompts.js";
import { ask, askYesNo, event, say, type Reply } from "../reply.js";
import type { VerifyPurpose } from "../state.js";
import { continueAppointment } from "./appointment.js";
import { startBooking, startChange } from "./appointment-confirm.js";
import { startComplaint } from "./complaint.js";
import { handOff } from "./handoff.js";
import { answerItem } from "./item-answer.js";
import { answerEvent } from "./life-event.js";
import { answerProgress } from "./progress.js";
import { declineOutOfScope } from "./refusals.js";
import { onSpokenId, startVerification } from "./verification.js";
import { recognitionLines } from "./greeting.js";

/**
 * Acting on a request once it is known what it is about (route.ts decides that): answers, life
 * events, progress (after verification), bookings, complaints, a person.
 */
const PERSONAL_KEEP = new Set(["date", "time", "document", "situation", "district", "hall", "person", "age"]);

export const actionable = (ctx: TurnContext, code: string) =>
  code.startsWith("meta.") || ctx.kb.items.has(code) || ctx.kb.events.has(code) || ctx.kb.names.has(code);

/** Continues what verification was for. */
export const afterVerified = (r: Reply, ctx: TurnContext, purpose: VerifyPurpose): void => {
  if (purpose.kind === "progress") answerProgress(r, ctx, purpose.itemCode);
  else continueAppointment(r, ctx, purpose.draft);
};

export const setTopic = (r: Reply, h: Heard, code: string) => {
  const s = r.state;
  const kept = (h.nlu?.entities ?? [])
    .filter((e) => PERSONAL_KEEP.has(e.type))
    .map((e) => ({ type: e.type, value: e.value }));
  s.topic = {
    intent: code,
    // A new item or event replaces the subject; a meta request (booking, progress) keeps it.
    ...(code.startsWith("event.") ? { eventCode: code } : !code.startsWith("meta.") ? { itemCode: code } : {}),
    ...(code.startsWith("meta.") && s.topic.itemCode ? { itemCode: s.topic.itemCode } : {}),
    ...(code.startsWith("meta.") && s.topic.eventCode ? { eventCode: s.topic.eventCode } : {}),
    entities: kept.length ? kept : s.topic.entities,
  };
  if (s.handled.at(-1) !== code) s.handled = [...s.handled, code].slice(-10);
};

export const progress = (r: Reply, ctx: TurnContext, h: Heard, itemCode?: string) => {
  const s = r.state;
  const person = entity(h, "person")?.value;
  if (person && person !== "self") {
    say(r, t(s.locale).familyProgress);
    askYesNo(r, { kind: "human-offer", reason: "family-progress" }, t(s.locale).offerHuman);
    return;
  }
  const doc = entity(h, "document")?.value;
  const purpose: VerifyPurpose = {
    kind: "progress",
    ...((itemCode ?? doc) ? { itemCode: itemCode ?? `${doc}.` } : {}),
  };
  const spoken = onSpokenId(r, ctx, h, purpose);
  const outcome = spoken ?? startVerification(r, purpose);
  if (outcome !== "handled")
    answerProgress(r, ctx, outcome.verified.kind === "progress" ? outcome.verified.itemCode : undefined);
};

const listAppointments = (r: Reply, ctx: TurnContext) => {
  const s = r.state;
  const tr = t(s.locale);
  const lines = recognitionLines(
    ctx,
    { ...s.profile, appointments: [...s.profile.appointments, ...s.ownAppointments], ready: [], events: [] },
    s.locale,
  );
  say(r, lines.length ? lines.join("") : tr.apptNone);
  ask(r, { kind: "open" }, tr.anythingElse);
};

/** Acts on a catalogue code the caller has asked about. */
export const actOn = (r: Reply, ctx: TurnContext, h: Heard, code: string): void => {
  const s = r.state;
  setTopic(r, h, code);
  const situations = entities(h, "situation").map((e) => e.value);
  if (code === "meta.human") return handOff(r, ctx, { reason: "caller-asked" });
  if (code === "meta.complaint") return startComplaint(r, h);
  if (code === "meta.progress") return progress(r, ctx, h);
  if (code === "meta.appointment.query" || (code.startsWith("meta.appointment") && asksAppointments(h.text)))
    return listAppointments(r, ctx);
  if (code === "meta.appointment.book") return startBooking(r, ctx, h);
  if (code === "meta.appointment.cancel") {
    const cancel = /取消|不去了|退掉|不要了|cancel/i.test(h.text) && !entity(h, "date") && !entity(h, "time");
    startChange(r, ctx, h, cancel ? "cancel" : "reschedule");
    return;
  }
  if (ctx.kb.events.has(code)) return answerEvent(r, ctx, code);
  if (ctx.kb.items.has(code)) {
    if (situations.includes("progress")) return progress(r, ctx, h, code);
    if (situations.includes("book")) return startBooking(r, ctx, h);
    if (
      situations.includes("cancel") &&
      [...s.ownAppointments, ...s.profile.appointments].some((a) => a.itemCode === code)
    ) {
      startChange(r, ctx, h, entity(h, "date") || entity(h, "time") ? "reschedule" : "cancel");
      return;
    }
    return answerItem(r, ctx, code);
  }
  if (ctx.kb.names.has(code)) {
    // Catalogued but not yet described in the KB: do not improvise an answer.
    event(r, "not-in-kb", { code, kbVersion: ctx.kbVersion });
    say(r, t(s.locale).notInKb(nameOf(ctx.kb, code, s.locale)));
    askYesNo(r, { kind: "human-offer", reason: "not-in-kb" }, t(s.locale).offerHuman);
    return;
  }
  declineOutOfScope(r);
};
