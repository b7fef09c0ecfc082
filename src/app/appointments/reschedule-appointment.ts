import type { BookingRefusal } from "../../domain/appointments/booking-rules.js";
import { checkChange } from "../../domain/appointments/states.js";
import { checkSlot } from "./book-appointment.js";
import { refuse, toView, type AppointmentDeps, type AppointmentView, type Refusal } from "./deps.js";
import { BOOKING_MESSAGES } from "./messages.js";
import type { SlotKey } from "./ports.js";

export type ChangeRefusal = "not-found" | "invalid-transition" | "past" | "not-yet";

export type RescheduleResult =
  | { ok: true; appointment: AppointmentView }
  | Refusal<BookingRefusal | ChangeRefusal | "unknown-hall" | "unknown-item" | "invalid-date" | "same-slot">;

export const CHANGE_MESSAGES = {
  "not-found": "No such appointment.",
  "invalid-transition": "The appointment is no longer open.",
  past: "The appointment has already started.",
  "not-yet": "Too early: the slot has not ended yet (no-show) or is more than an hour away (check-in).",
} as const;

const keyOf = (s: SlotKey) => `${s.hall}|${s.item}|${s.date}|${s.time}`;

/**
 * Moves an open appointment to another slot (optionally another hall serving the item). The same
 * appointment and reference stay; the new place is taken and the old one freed in one transaction,
 * in a fixed order of slot keys so that two crossing reschedules cannot deadlock.
 */
export const rescheduleAppointment = async (
  d: AppointmentDeps,
  input: {
    appointmentId: string;
    date: string;
    time: string;
    hall?: string;
    actor: string;
    force?: { reason: string };
  },
): Promise<RescheduleResult> => {
  const current = await d.appointments.get(input.appointmentId);
  if (!current) return refuse("not-found", CHANGE_MESSAGES["not-found"]);
  const { version, kb } = await d.kb.current();
  const to: SlotKey = { hall: input.hall ?? current.hall, item: current.item, date: input.date, time: input.time };
  if (keyOf(to) === keyOf(current)) return refuse("same-slot", "The appointment is already in that slot.");
  const slot = checkSlot(d, kb, { ...to, force: input.force });
  if (!slot.ok) return slot;
  const now = d.clock.now();
  const outcome = await d.appointments.tx(async (r) => {
    const a = await r.get(input.appointmentId, { lock: true });
    if (!a) return refuse("not-found", CHANGE_MESSAGES["not-found"]);
    const change = checkChange(a, "reschedule", now);
    if (!change.ok) return refuse(change.reason, CHANGE_MESSAGES[change.reason]);
    const from: SlotKey = { hall: a.hall, item: a.item, date: a.date, time: a.time };
    if (keyOf(from) < keyOf(to)) await r.releasePlace(from);
    const claimed = await r.claimPlace(to, slot.capacity, !!input.force);
    if (!claimed) return refuse("full" as const, BOOKING_MESSAGES.full);
    if (keyOf(from) >= keyOf(to)) await r.releasePlace(from);
    const patch = {
      hall: to.hall,
      date: to.date,
      time: to.time,
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      rescheduleCount: a.rescheduleCount + 1,
      forcedReason: input.force?.reason ?? null,
      updatedAt: now,
    };
    await r.update(a.id, patch);
    await r.event({
      aggregate: "appointment",
      aggregateId: a.id,
      type: "appointment.rescheduled",
      actor: input.actor,
      occurredAt: now,
      kbVersion: version,
      payload: {
        reference: a.reference,
        citizenId: a.citizenId,
        item: a.item,
        from: { hall: from.hall, date: from.date, time: from.time },
        to: { hall: to.hall, date: to.date, time: to.time },
        startsAt: slot.startsAt.toISOString(),
        ...(input.force ? { forcedReason: input.force.reason } : {}),
      },
    });
    return { ok: true as const, row: { ...a, ...patch } };
  });
  if (!outcome.ok) return outcome;
  return { ok: true, appointment: toView(outcome.row, kb, now, d.tz) };
};
