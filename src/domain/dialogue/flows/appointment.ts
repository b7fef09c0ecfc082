import { resultOf, type TurnContext } from "../context.js";
import { inPartOfDay, isPartOfDay, list, sayDate, sayTime } from "../format.js";
import { entities, entity, type Heard } from "../heard.js";
import { hallName, hallOpenOn, hallsInDistrict, nameOf } from "../kb-view.js";
import { t } from "../prompts.js";
import { ask, askYesNo, need, type Reply } from "../reply.js";
import type { AppointmentDraft } from "../state.js";
import { ordinal } from "../cues.js";

/**
 * Booking by voice, one missing piece at a time: which service, which day, which time (the hall
 * defaults to the item's main hall, or the one in the district the caller names). A wanted time
 * that is taken gets the two nearest free ones offered. Nothing is booked before the read-back
 * (appointment-confirm.ts) is confirmed.
 */

/** Clock times said without 下午: nobody books a counter at 3 a.m. */
export const bookingTime = (value: string | undefined): string | undefined => {
  if (!value || isPartOfDay(value)) return value;
  const h = Number(value.slice(0, 2));
  return h >= 1 && h <= 6 ? `${String(h + 12).padStart(2, "0")}${value.slice(2)}` : value;
};

/** The service item a booking request is about: the NLU's item, or an alternative matching the named document. */
export const itemOf = (ctx: TurnContext, h: Heard): string | undefined => {
  const nlu = h.nlu;
  if (!nlu) return undefined;
  if (ctx.kb.items.has(nlu.intent)) return nlu.intent;
  const doc = entity(h, "document")?.value;
  if (!doc) return undefined;
  return nlu.alternatives.map((a) => a.intent).find((c) => ctx.kb.items.has(c) && c.startsWith(`${doc}.`));
};

/** Fills the draft from what was just said (date, time, hall or district, item); later words win. */
export const absorb = (ctx: TurnContext, h: Heard, draft: AppointmentDraft): AppointmentDraft => {
  const d = { ...draft };
  const item = itemOf(ctx, h);
  if (item && d.op === "book") d.itemCode = item;
  const date = entity(h, "date")?.value;
  if (date) d.date = date;
  // "上午十点" gives both a part of the day and a clock time: the clock time is what was meant.
  const times = entities(h, "time").map((e) => e.value);
  const time = bookingTime(times.find((v) => !isPartOfDay(v)) ?? times[0]);
  if (time) d.time = time;
  const hall = entity(h, "hall")?.value;
  const district = entity(h, "district")?.value;
  if (hall && ctx.kb.halls.has(hall)) d.hallCode = hall;
  else if (district && d.itemCode) {
    const near = hallsInDistrict(ctx.kb, district).find((x) => x.items.includes(d.itemCode!));
    if (near) d.hallCode = near.code;
  }
  delete d.offered;
  return d;
};

const nearest = (times: string[], wanted: string | undefined): string[] => {
  if (!wanted) return times.slice(0, 2);
  if (isPartOfDay(wanted)) return times.filter((x) => inPartOfDay(x, wanted)).slice(0, 2);
  const mins = (x: string) => Number(x.slice(0, 2)) * 60 + Number(x.slice(3, 5));
  return [...times]
    .sort((a, b) => Math.abs(mins(a) - mins(wanted)) - Math.abs(mins(b) - mins(wanted)) || a.localeCompare(b))
    .slice(0, 2);
};

/** Asks for the next missing piece, or reads the draft back for confirmation. */
export const continueAppointment = (r: Reply, ctx: TurnContext, draft: AppointmentDraft): void => {
  const s = r.state;
  const tr = t(s.locale);
  const d = { ...draft };
  if (d.op === "cancel") {
    const { date, time, hallCode, itemCode } = d;
    askYesNo(
      r,
      { kind: "appointment-confirm", draft: d },
      tr.apptCancelConfirm(
        sayDate(date!, ctx.today, s.locale),
        sayTime(time!, s.locale),
        hallName(ctx.kb, hallCode!, s.locale),
        nameOf(ctx.kb, itemCode!, s.locale),
      ),
    );
    return;
  }
  if (!d.itemCode || !ctx.kb.items.has(d.itemCode)) {
    ask(r, { kind: "appointment", draft: d, asking: "item" }, tr.apptWhichItem);
    return;
  }
  const item = ctx.kb.items.get(d.itemCode)!;
  if (!d.hallCode || !item.halls.includes(d.hallCode)) d.hallCode = item.halls[0]!;
  if (!d.date) {
    ask(r, { kind: "appointment", draft: d, asking: "date" }, s.silver || d.time ? tr.apptAskDate : tr.apptAskDateTime);
    return;
  }
  const spokenDate = sayDate(d.date, ctx.today, s.locale);
  if (d.date < ctx.today) {
    delete d.date;
    ask(r, { kind: "appointment", draft: d, asking: "date" }, `${tr.apptPast}`);
    return;
  }
  if (!hallOpenOn(ctx.kb, d.hallCode, d.date)) {
    delete d.date;
    ask(r, { kind: "appointment", draft: d, asking: "date" }, tr.apptClosed(spokenDate));
    return;
  }
  if (!d.time) {
    ask(r, { kind: "appointment", draft: d, asking: "time" }, tr.apptAskTime);
    return;
  }
  const n = { kind: "slots" as const, itemCode: d.itemCode, hallCode: d.hallCode, date: d.date };
  const slots = resultOf(ctx, n);
  if (!slots) {
    need(r, n);
    return;
  }
  if (!isPartOfDay(d.time) && slots.times.includes(d.time)) {
    const hall = hallName(ctx.kb, d.hallCode, s.locale);
    const when = sayTime(d.time, s.locale);
    const line =
      d.op === "reschedule"
        ? tr.apptRescheduleConfirm(spokenDate, when, hall)
        : tr.apptConfirm(spokenDate, when, hall, nameOf(ctx.kb, d.itemCode, s.locale));
    askYesNo(r, { kind: "appointment-confirm", draft: d }, line);
    return;
  }
  const offered = nearest(slots.times, d.time);
  if (!offered.length) {
    delete d.date;
    delete d.time;
    ask(r, { kind: "appointment", draft: d, asking: "date" }, tr.apptDayFull(spokenDate));
    return;
  }
  const options = list(
    offered.map((x) => sayTime(x, s.locale)),
    s.locale,
    s.locale === "zh" ? "或者" : "or",
  );
  const wanted = `${spokenDate}${s.locale === "zh" ? "" : " "}${sayTime(d.time, s.locale)}`;
  const line = isPartOfDay(d.time) ? tr.apptOffer(wanted, options) : tr.apptFull(wanted, options);
  ask(r, { kind: "appointment", draft: { ...d, offered }, asking: "choose-time" }, line);
};

/** A turn while collecting a booking: fill the draft and go on; false when nothing usable was said. */
export const onAppointmentTurn = (
  r: Reply,
  ctx: TurnContext,
  h: Heard,
  draft: AppointmentDraft,
  asking: string,
): boolean => {
  let d = absorb(ctx, h, draft);
  if (asking === "choose-time" && draft.offered?.length) {
    const pick = h.kind === "digits" ? Number(h.digits) : ordinal(h.text);
    const chosen = pick ? draft.offered[pick - 1] : undefined;
    if (chosen && d.time === draft.time) d = { ...d, time: chosen };
    else if (!entity(h, "time") && draft.offered.length === 1 && /可以|好|行|yes|ok/i.test(h.text))
      d = { ...d, time: draft.offered[0]! };
  }
  const changed = JSON.stringify({ ...d, offered: undefined }) !== JSON.stringify({ ...draft, offered: undefined });
  if (!changed) return false;
  continueAppointment(r, ctx, d);
  return true;
};
