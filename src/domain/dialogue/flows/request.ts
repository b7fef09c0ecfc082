import type { TurnContext } from "../context.js";
import { asksAppointments, asksCapability, asksProgress, isPhatic, wantsCancel, wantsEnglish, wantsReschedule } from "../cues.js";
import { readEnglish } from "../english.js";
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
import { answerPhatic, declineOutOfScope, explainScope } from "./refusals.js";
import { onSpokenId, startVerification } from "./verification.js";
import { recognitionLines } from "./greeting.js";

/**
 * An open request: the NLU's intent decides the flow. Unsure readings are not acted on: two
 * close candidates get a clarifying question, a weak single one a read-back ("您是要咨询…，对吗？").
 */

/** In-scope intents below this confidence are read back before acting. */
export const CONFIRM_BELOW = 0.35;
const OOS = "out-of-scope";
const PERSONAL_KEEP = new Set(["date", "time", "document", "situation", "district", "hall", "person", "age"]);

const actionable = (ctx: TurnContext, code: string) => code.startsWith("meta.") || ctx.kb.items.has(code) || ctx.kb.events.has(code) || ctx.kb.names.has(code);

/** Continues what verification was for. */
export const afterVerified = (r: Reply, ctx: TurnContext, purpose: VerifyPurpose): void => {
  if (purpose.kind === "progress") answerProgress(r, ctx, purpose.itemCode);
  else continueAppointment(r, ctx, purpose.draft);
};

const setTopic = (r: Reply, h: Heard, code: string) => {
  const s = r.state;
  const kept = (h.nlu?.entities ?? []).filter((e) => PERSONAL_KEEP.has(e.type)).map((e) => ({ type: e.type, value: e.value }));
  s.topic = {
    intent: code,
    ...(code.includes(".") && !code.startsWith("meta.") && !code.startsWith("event.") ? { itemCode: code } : s.topic.itemCode ? { itemCode: s.topic.itemCode } : {}),
    ...(code.startsWith("event.") ? { eventCode: code } : {}),
    entities: kept.length ? kept : s.topic.entities,
  };
  if (s.handled.at(-1) !== code) s.handled = [...s.handled, code].slice(-10);
};

const progress = (r: Reply, ctx: TurnContext, h: Heard, itemCode?: string) => {
  const s = r.state;
  const person = entity(h, "person")?.value;
  if (person && person !== "self") {
    say(r, t(s.locale).familyProgress);
    askYesNo(r, { kind: "human-offer", reason: "family-progress" }, t(s.locale).offerHuman);
    return;
  }
  const doc = entity(h, "document")?.value;
  const purpose: VerifyPurpose = { kind: "progress", ...(itemCode ?? doc ? { itemCode: itemCode ?? `${doc}.` } : {}) };
  const spoken = onSpokenId(r, ctx, h, purpose);
  const outcome = spoken ?? startVerification(r, purpose);
  if (outcome !== "handled") answerProgress(r, ctx, outcome.verified.kind === "progress" ? outcome.verified.itemCode : undefined);
};

const listAppointments = (r: Reply, ctx: TurnContext) => {
  const s = r.state;
  const tr = t(s.locale);
  const lines = recognitionLines(ctx, { ...s.profile, appointments: [...s.profile.appointments, ...s.ownAppointments], ready: [], events: [] }, s.locale);
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
  if (code === "meta.appointment.query" || (code.startsWith("meta.appointment") && asksAppointments(h.text))) return listAppointments(r, ctx);
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
    if (situations.includes("cancel") && [...s.ownAppointments, ...s.profile.appointments].some((a) => a.itemCode === code)) {
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

/** Routes a speech turn as a new request; false when nothing usable was understood (a no-match). */
export const routeRequest = (r: Reply, ctx: TurnContext, heard: Heard): boolean => {
  if (heard.kind !== "speech" || heard.lowConfidence || !heard.nlu) return false;
  // English speech the NLU could not place: read it by English keywords.
  const english = heard.nlu.intent === OOS && (r.state.locale === "en" || wantsEnglish(heard.text)) ? readEnglish(ctx.kb, heard.text, heard.nlu) : undefined;
  const h: Heard = english ? { ...heard, nlu: english } : heard;
  const nlu = h.nlu!;
  if (isPhatic(h.text) && (nlu.intent === OOS || nlu.confidence < 0.5)) {
    answerPhatic(r);
    return true;
  }
  if (asksCapability(h.text)) {
    explainScope(r);
    return true;
  }
  const spoken = entity(h, "id_number");
  if (spoken && spoken.valid === false) {
    // A misheard or misread ID: say so without looking anything up, and ask again.
    const outcome = onSpokenId(r, ctx, h, { kind: "progress", ...(r.state.topic.itemCode ? { itemCode: r.state.topic.itemCode } : {}) });
    if (outcome === "handled") return true;
  }
  const s = r.state;
  if (s.ownAppointments.length + s.profile.appointments.length > 0 && !nlu.intent.startsWith("meta.appointment")) {
    // "改到周四下午" right after booking: a change, even when the classifier heard something else.
    const change = wantsCancel(h.text) ? "cancel" : wantsReschedule(h.text) && (entity(h, "date") || entity(h, "time")) ? "reschedule" : undefined;
    if (change) {
      setTopic(r, h, "meta.appointment.cancel");
      startChange(r, ctx, h, change);
      return true;
    }
  }
  const doc = entity(h, "document");
  const personal = /^meta\.(human|complaint|appointment)/.test(nlu.intent);
  if (!personal && asksProgress(h.text) && (doc || /申请|证件|证/.test(h.text))) {
    // "我的护照办好了吗" is about the caller's application, not about how to apply.
    setTopic(r, h, "meta.progress");
    progress(r, ctx, h, ctx.kb.items.has(nlu.intent) && !nlu.clarify ? nlu.intent : undefined);
    return true;
  }
  if (nlu.intent === OOS) {
    const han = (h.text.match(/\p{Script=Han}/gu) ?? []).length;
    const latin = (h.text.match(/[a-z]+/gi) ?? []).length;
    if (han < 4 && latin < 3) return false;
    declineOutOfScope(r);
    return true;
  }
  const alt = nlu.alternatives.find((a) => a.intent !== OOS && actionable(ctx, a.intent));
  if (nlu.clarify && alt && actionable(ctx, nlu.intent)) {
    const loc = r.state.locale;
    askYesNo(r, { kind: "clarify", options: [nlu.intent, alt.intent] }, t(loc).clarify(nameOf(ctx.kb, nlu.intent, loc), nameOf(ctx.kb, alt.intent, loc)));
    return true;
  }
  if (!nlu.intent.startsWith("meta.") && nlu.confidence < CONFIRM_BELOW && actionable(ctx, nlu.intent)) {
    setTopic(r, h, nlu.intent);
    askYesNo(r, { kind: "confirm-intent", intent: nlu.intent }, t(r.state.locale).confirmIntent(nameOf(ctx.kb, nlu.intent, r.state.locale)));
    return true;
  }
  actOn(r, ctx, h, nlu.intent);
  return true;
};
