import { checkSlotChoice, type BookingRefusal } from "../../domain/appointments/booking-rules.js";
import { cityInstant } from "../../domain/appointments/city-time.js";
import { isClockTime } from "../../domain/appointments/dates.js";
import { capacityFor } from "../../domain/appointments/slots.js";
import { isIsoDate } from "../../domain/identity/age.js";
import type { Hall, KnowledgeBase } from "../../domain/kb/schema.js";
import { refuse, toView, type AppointmentDeps, type AppointmentView, type Refusal } from "./deps.js";
import { BOOKING_MESSAGES } from "./messages.js";
import { OpenAppointmentExists, type AppointmentRow } from "./ports.js";

export interface BookAppointmentInput {
  citizenId: string;
  hall: string;
  item: string;
  date: string;
  time: string;
  /** phone, web, app, counter, agent, seed … */
  channel: string;
  actor: string;
  /** book outside the calendar and capacity rules, saying why (demo seed only; never from a citizen channel) */
  force?: { reason: string };
}

export type BookAppointmentResult =
  | { ok: true; appointment: AppointmentView }
  | Refusal<BookingRefusal | "unknown-citizen" | "unknown-hall" | "unknown-item" | "invalid-date">;

type Checked =
  | { ok: true; hall: Hall; capacity: number; startsAt: Date; endsAt: Date }
  | Refusal<BookingRefusal | "unknown-hall" | "unknown-item" | "invalid-date">;

/** Shared by booking and rescheduling: the KB-side checks of a slot, or their forced override. */
export const checkSlot = (
  d: AppointmentDeps,
  kb: KnowledgeBase,
  s: { hall: string; item: string; date: string; time: string; force?: { reason: string } },
): Checked => {
  if (!isIsoDate(s.date) || !isClockTime(s.time))
    return refuse("invalid-date", "date must be YYYY-MM-DD and time HH:MM.");
  const hall = kb.halls.find((h) => h.code === s.hall);
  if (!hall) return refuse("unknown-hall", `No hall "${s.hall}".`);
  if (!kb.halls.some((h) => h.items.includes(s.item)) && !kb.items.some((i) => i.code === s.item))
    return refuse("unknown-item", `No service item "${s.item}".`);
  const now = d.clock.now();
  const check = checkSlotChoice(
    { hall, item: s.item, date: s.date, time: s.time, calendar: kb.calendar, now, tz: d.tz },
    d.rules,
  );
  const capacity = capacityFor(hall, s.item) ?? 0;
  if (check.ok) return { ok: true, hall, capacity, startsAt: check.startsAt, endsAt: check.endsAt };
  // A forced booking may ignore the calendar, opening hours, lead time and capacity, never the past or the hall's remit.
  const forceable =
    check.reason === "closed-day" ||
    check.reason === "no-such-slot" ||
    check.reason === "too-soon" ||
    check.reason === "too-far";
  if (s.force && forceable) {
    const startsAt = cityInstant(s.date, s.time, d.tz);
    return {
      ok: true,
      hall,
      capacity,
      startsAt,
      endsAt: new Date(startsAt.getTime() + hall.appointments.slotMinutes * 60_000),
    };
  }
  return refuse(check.reason, BOOKING_MESSAGES[check.reason]);
};

/**
 * Books a slot. The place and the "one open appointment per item" rule are taken in the database in
 * one transaction with the appointment row and its event, so two concurrent bookings of the last
 * place cannot both succeed, on one instance or many.
 */
export const bookAppointment = async (
  d: AppointmentDeps,
  input: BookAppointmentInput,
): Promise<BookAppointmentResult> => {
  const citizen = await d.citizens.resolve(input.citizenId);
  if (!citizen) return refuse("unknown-citizen", "No such citizen.");
  const { version, kb } = await d.kb.current();
  const slot = checkSlot(d, kb, input);
  if (!slot.ok) return slot;
  const now = d.clock.now();
  const row: AppointmentRow = {
    id: d.newId(),
    reference: d.newReference(),
    citizenId: citizen.id,
    item: input.item,
    hall: input.hall,
    date: input.date,
    time: input.time,
    startsAt: slot.startsAt,
    endsAt: slot.endsAt,
    status: "booked",
    channel: input.channel,
    bookedBy: input.actor,
    kbVersion: version,
    cancelReason: null,
    cancelNote: null,
    rescheduleCount: 0,
    forcedReason: input.force?.reason ?? null,
    createdAt: now,
    updatedAt: now,
  };
  try {
    const outcome = await d.appointments.tx(async (r) => {
      if (await r.openFor(citizen.id, input.item)) return "already-open" as const;
      if (!(await r.claimPlace(input, slot.capacity, !!input.force))) return "full" as const;
      await r.insert(row);
      await r.event({
        aggregate: "appointment",
        aggregateId: row.id,
        type: "appointment.booked",
        actor: input.actor,
        occurredAt: now,
        kbVersion: version,
        payload: {
          reference: row.reference,
          citizenId: row.citizenId,
          item: row.item,
          hall: row.hall,
          date: row.date,
          time: row.time,
          startsAt: row.startsAt.toISOString(),
          channel: row.channel,
          ...(row.forcedReason ? { forcedReason: row.forcedReason } : {}),
        },
      });
      return "booked" as const;
    });
    if (outcome !== "booked") return refuse(outcome, BOOKING_MESSAGES[outcome]);
  } catch (e) {
    if (e instanceof OpenAppointmentExists) return refuse("already-open", BOOKING_MESSAGES["already-open"]);
    throw e;
  }
  return { ok: true, appointment: toView(row, kb, now, d.tz) };
};
