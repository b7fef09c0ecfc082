import { openSlots, type BookingRefusal } from "../../domain/appointments/booking-rules.js";
import type { DayInfo } from "../../domain/appointments/calendar.js";
import { addDays } from "../../domain/appointments/dates.js";
import { isIsoDate } from "../../domain/identity/age.js";
import type { LocalText } from "../../domain/kb/schema.js";
import { refuse, todayIn, type AppointmentDeps, type Refusal } from "./deps.js";

export interface SlotView {
  start: string;
  end: string;
  capacity: number;
  left: number;
  bookable: boolean;
  reason?: BookingRefusal;
}

export type AvailableSlotsResult =
  | {
      ok: true;
      hall: string;
      hallName: LocalText;
      item: string;
      date: string;
      day?: DayInfo;
      closed?: "closed-day";
      slots: SlotView[];
    }
  | Refusal<"unknown-hall" | "unknown-item" | "not-served-here" | "not-bookable" | "invalid-date">;

/** The slots of one item at one hall on one day, with places left and, for the others, why not. */
export const availableSlots = async (
  d: AppointmentDeps,
  hallCode: string,
  item: string,
  date: string,
): Promise<AvailableSlotsResult> => {
  if (!isIsoDate(date)) return refuse("invalid-date", "date must be YYYY-MM-DD.");
  const { kb } = await d.kb.current();
  const hall = kb.halls.find((h) => h.code === hallCode);
  if (!hall) return refuse("unknown-hall", `No hall "${hallCode}".`);
  if (!kb.halls.some((h) => h.items.includes(item)) && !kb.items.some((i) => i.code === item))
    return refuse("unknown-item", `No service item "${item}".`);
  const booked = await d.appointments.bookedCounts(hall.code, item, date);
  const r = openSlots({ hall, item, date, calendar: kb.calendar, now: d.clock.now(), tz: d.tz }, booked, d.rules);
  const base = { ok: true as const, hall: hall.code, hallName: hall.name, item, date };
  if (!r.ok) {
    if (r.reason === "closed-day")
      return { ...base, ...(r.day ? { day: r.day } : {}), closed: "closed-day", slots: [] };
    return refuse(
      r.reason,
      r.reason === "not-served-here"
        ? "This hall does not handle that service item."
        : "This item is walk-in only at this hall.",
    );
  }
  return { ...base, day: r.day, slots: r.slots };
};

export interface SuggestedSlot {
  hall: string;
  hallName: LocalText;
  date: string;
  start: string;
  left: number;
}

/**
 * The earliest bookable slots for an item, at one hall or every hall serving it, looking `days` ahead:
 * what the dialogue offers when a caller says "as soon as possible". At most one suggestion per hall and day.
 */
export const suggestSlots = async (
  d: AppointmentDeps,
  input: { item: string; hall?: string; from?: string; days?: number; limit?: number },
): Promise<SuggestedSlot[]> => {
  const { kb } = await d.kb.current();
  const halls = kb.halls.filter((h) => (input.hall ? h.code === input.hall : h.items.includes(input.item)));
  const from = input.from && isIsoDate(input.from) ? input.from : todayIn(d);
  const out: SuggestedSlot[] = [];
  for (let i = 0; i <= (input.days ?? 14) && out.length < (input.limit ?? 3); i++) {
    const date = addDays(from, i);
    for (const h of halls) {
      const r = await availableSlots(d, h.code, input.item, date);
      const first = r.ok ? r.slots.find((s) => s.bookable) : undefined;
      if (r.ok && first) out.push({ hall: h.code, hallName: h.name, date, start: first.start, left: first.left });
    }
  }
  return out.slice(0, input.limit ?? 3);
};
