import type { CalendarYear, Hall } from "../kb/schema.js";
import { dayInfo, hallSessions, type DayInfo } from "./calendar.js";
import { fromMinutes, toMinutes, type ClockTime, type IsoDate } from "./dates.js";

/**
 * Bookable time slots of one item at one hall on one day: each opening session (two sessions make
 * the lunch break) is cut into slotMinutes pieces; a piece that would run past closing is dropped.
 * Capacity is per item per slot, from hall.appointments.
 */

export interface Slot {
  start: ClockTime;
  end: ClockTime;
  capacity: number;
}

export type DaySlots =
  | { ok: true; day: DayInfo; slots: Slot[] }
  | { ok: false; day?: DayInfo; reason: "not-served-here" | "not-bookable" | "closed-day" };

/** Citizens per slot for an item, or undefined when the hall does not serve it. 0 means walk-in only. */
export const capacityFor = (hall: Pick<Hall, "items" | "appointments">, item: string): number | undefined =>
  hall.items.includes(item)
    ? (hall.appointments.capacityPerSlot[item] ?? hall.appointments.defaultCapacityPerSlot)
    : undefined;

export const daySlots = (hall: Hall, item: string, date: IsoDate, calendar: readonly CalendarYear[]): DaySlots => {
  const capacity = capacityFor(hall, item);
  if (capacity === undefined) return { ok: false, reason: "not-served-here" };
  if (capacity === 0) return { ok: false, reason: "not-bookable" };
  const day = dayInfo(date, calendar);
  const sessions = hallSessions(hall, date, calendar);
  if (!sessions.length) return { ok: false, day, reason: "closed-day" };
  const step = hall.appointments.slotMinutes;
  const slots: Slot[] = [];
  for (const s of sessions) {
    const close = toMinutes(s.close);
    for (let t = toMinutes(s.open); t + step <= close; t += step)
      slots.push({ start: fromMinutes(t), end: fromMinutes(t + step), capacity });
  }
  return { ok: true, day, slots };
};
