import { resultOf, type BookResult, type TurnContext } from "../context.js";
import { assents, isNo, isYes } from "../cues.js";
import { sayDate, sayTime } from "../format.js";
import { entity, type Heard } from "../heard.js";
import { hallName, nameOf } from "../kb-view.js";
import { t } from "../prompts.js";
import { ask, event, need, say, type Reply } from "../reply.js";
import type { AppointmentDraft, VerifyPurpose } from "../state.js";
import { absorb, continueAppointment, itemOf } from "./appointment.js";
import { sendSms } from "./sms-offer.js";
import { startVerification } from "./verification.js";

/**
 * Starting a booking, a change or a cancellation, and acting on the read-back. Appointments made
 * in this call may be changed straight away; one found by the calling number needs the caller
 * verified first (anyone can hold a phone). Commands carry an idempotency key of the call and
 * step, so a retried webhook books once.
 */

type Outcome = { verified: VerifyPurpose } | "handled";

/** Bookings are personal: the caller is verified first (identity's rule: book-appointment needs id-last4). */
export const startBooking = (r: Reply, ctx: TurnContext, h: Heard): void => {
  const topicItem =
    r.state.topic.itemCode && ctx.kb.items.has(r.state.topic.itemCode) ? r.state.topic.itemCode : undefined;
  const itemCode = itemOf(ctx, h) ?? topicItem;
  const draft = absorb(ctx, h, { op: "book", ...(itemCode ? { itemCode } : {}) });
  if (startVerification(r, { kind: "appointment", draft }) !== "handled") continueAppointment(r, ctx, draft);
};

export const startChange = (r: Reply, ctx: TurnContext, h: Heard, op: "reschedule" | "cancel"): Outcome => {
  const s = r.state;
  const doc = entity(h, "document")?.value;
  const fits = (a: { itemCode: string }) => !doc || a.itemCode.startsWith(`${doc}.`);
  const own = [...s.ownAppointments].reverse().find(fits);
  const known = own ? undefined : s.profile.appointments.filter((a) => a.date >= ctx.today).find(fits);
  const target = own ?? known;
  if (!target) {
    say(r, t(s.locale).apptNothingToChange);
    ask(r, { kind: "open" }, t(s.locale).anythingElse);
    return "handled";
  }
  const base: AppointmentDraft = { op, ref: target.ref, itemCode: target.itemCode, hallCode: target.hallCode };
  const draft = op === "cancel" ? { ...base, date: target.date, time: target.time } : absorb(ctx, h, base);
  if (known) {
    const outcome = startVerification(r, { kind: "appointment", draft });
    if (outcome !== "handled") continueAppointment(r, ctx, draft);
    return "handled";
  }
  continueAppointment(r, ctx, draft);
  return "handled";
};

const commandFor = (r: Reply, ctx: TurnContext, d: AppointmentDraft) => {
  const key = `conv:${ctx.conversationId}:appt:${ctx.stepNo}`;
  const citizenRef = r.state.verification.citizenRef ?? "";
  if (d.op === "cancel") return { kind: "cancel" as const, citizenRef, ref: d.ref!, key };
  if (d.op === "reschedule")
    return {
      kind: "reschedule" as const,
      citizenRef,
      ref: d.ref!,
      hallCode: d.hallCode!,
      date: d.date!,
      time: d.time!,
      key,
    };
  return {
    kind: "book" as const,
    citizenRef,
    itemCode: d.itemCode!,
    hallCode: d.hallCode!,
    date: d.date!,
    time: d.time!,
    key,
  };
};

const remember = (r: Reply, d: AppointmentDraft, res: Extract<BookResult, { ok: true }>) => {
  const s = r.state;
  const entry = { ref: res.ref, itemCode: res.itemCode, hallCode: res.hallCode, date: res.date, time: res.time };
  s.ownAppointments = [...s.ownAppointments.filter((a) => a.ref !== d.ref), entry];
  s.profile.appointments = s.profile.appointments.filter((a) => a.ref !== d.ref);
};

const execute = (r: Reply, ctx: TurnContext, d: AppointmentDraft): void => {
  const s = r.state;
  const tr = t(s.locale);
  const cmd = commandFor(r, ctx, d);
  const res = resultOf(ctx, cmd as never) as BookResult | { ok: boolean } | undefined;
  if (!res) {
    need(r, cmd);
    return;
  }
  if (d.op === "cancel") {
    if (res.ok) {
      s.ownAppointments = s.ownAppointments.filter((a) => a.ref !== d.ref);
      s.profile.appointments = s.profile.appointments.filter((a) => a.ref !== d.ref);
      event(r, "appointment-cancelled", { ref: d.ref, itemCode: d.itemCode });
      say(r, tr.apptCancelled);
      const sent = sendSms(r, ctx, {
        kind: "appointment",
        op: "cancel",
        ref: d.ref!,
        itemCode: d.itemCode!,
        hallCode: d.hallCode!,
        date: d.date!,
        time: d.time!,
        step: ctx.stepNo,
      });
      if (sent === "needs") return;
    } else say(r, tr.apptFailed);
    ask(r, { kind: "open" }, s.silver ? tr.anythingElseSilver : tr.anythingElse);
    return;
  }
  const booked = res as BookResult;
  if (booked.ok) {
    remember(r, d, booked);
    event(r, d.op === "book" ? "appointment-booked" : "appointment-rescheduled", {
      ref: booked.ref,
      itemCode: booked.itemCode,
      hallCode: booked.hallCode,
      date: booked.date,
      time: booked.time,
    });
    const args = [
      sayDate(booked.date, ctx.today, s.locale),
      sayTime(booked.time, s.locale),
      hallName(ctx.kb, booked.hallCode, s.locale),
    ] as const;
    say(r, d.op === "book" ? tr.apptBooked(...args) : tr.apptRescheduled(...args));
    const sent = sendSms(r, ctx, {
      kind: "appointment",
      op: d.op,
      ref: booked.ref,
      itemCode: booked.itemCode,
      hallCode: booked.hallCode,
      date: booked.date,
      time: booked.time,
      step: ctx.stepNo,
    });
    if (sent === "needs") return;
    ask(r, { kind: "open" }, s.silver ? tr.anythingElseSilver : tr.anythingElse);
    return;
  }
  event(r, "appointment-failed", { op: d.op, reason: booked.reason });
  if (booked.reason === "duplicate") {
    say(r, tr.apptDuplicate(nameOf(ctx.kb, d.itemCode!, s.locale)));
    ask(r, { kind: "open" }, tr.anythingElse);
    return;
  }
  const retry: AppointmentDraft = { ...d };
  delete retry.time;
  say(r, tr.apptFailed);
  continueAppointment(r, ctx, retry);
};

/** A turn at the read-back: yes books, a change re-reads, no steps back. False when it is none of these. */
export const onConfirmTurn = (r: Reply, ctx: TurnContext, h: Heard, draft: AppointmentDraft): boolean => {
  const s = r.state;
  const changed = absorb(ctx, h, draft);
  const differs = ["date", "time", "hallCode", "itemCode"].some(
    (k) => changed[k as keyof AppointmentDraft] !== draft[k as keyof AppointmentDraft],
  );
  if (differs && draft.op !== "cancel") {
    continueAppointment(r, ctx, changed);
    return true;
  }
  const yes = h.digits === "1" || isYes(h.text) || (h.kind === "speech" && assents(h.text));
  const no = h.digits === "2" || isNo(h.text);
  if (yes && !no) {
    execute(r, ctx, draft);
    return true;
  }
  if (no) {
    if (draft.op === "cancel") {
      say(r, t(s.locale).apptNotChanged);
      ask(r, { kind: "open" }, t(s.locale).anythingElse);
    } else {
      const again: AppointmentDraft = { ...draft };
      delete again.date;
      delete again.time;
      continueAppointment(r, ctx, again);
    }
    return true;
  }
  return false;
};
