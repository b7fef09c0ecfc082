import type { CalendarYear, Hall } from "../kb/schema.js";
import { cityInstant, cityWallClock } from "./city-time.js";
import { daysBetween, isClockTime, type ClockTime, type IsoDate } from "./dates.js";
import { daySlots, type Slot } from "./slots.js";

/**
 * Whether a citizen may take a slot, as a value. Rules that need the database (a place left,
 * no other open appointment for the item) are named here and enforced there, under concurrency.
 */

export const BOOKING_RULES = {
  /** no booking less than this ahead of the slot */
  minLeadMinutes: 30,
  /** how far ahead the calendar opens */
  maxDaysAhead: 30,
};

export type BookingRefusal =
  | "not-served-here" // the hall does not handle this item
  | "not-bookable" // walk-in only at this hall (capacity 0)
  | "closed-day" // weekend, public holiday or the hall's closed day
  | "no-such-slot" // not a slot start within opening hours (e.g. the lunch break)
  | "past"
  | "too-soon" // less than minLeadMinutes ahead
  | "too-far" // beyond maxDaysAhead
  | "full" // no place left in the slot (database)
  | "already-open"; // the citizen already holds an open appointment for this item (database)

export interface SlotChoice {
  hall: Hall;
  item: string;
  date: IsoDate;
  time: ClockTime;
  calendar: readonly CalendarYear[];
  now: Date;
  tz: string;
}

export type SlotCheck = { ok: true; slot: Slot; startsAt: Date; endsAt: Date } | { ok: false; reason: BookingRefusal };

export const checkSlotChoice = (c: SlotChoice, rules = BOOKING_RULES): SlotCheck => {
  const day = daySlots(c.hall, c.item, c.date, c.calendar);
  if (!day.ok && day.reason !== "closed-day") return { ok: false, reason: day.reason };
  const today = cityWallClock(c.now, c.tz).date;
  const startsAt = isClockTime(c.time) ? cityInstant(c.date, c.time, c.tz) : undefined;
  if (c.date < today || (startsAt && startsAt.getTime() <= c.now.getTime())) return { ok: false, reason: "past" };
  if (daysBetween(today, c.date) > rules.maxDaysAhead) return { ok: false, reason: "too-far" };
  if (!day.ok) return { ok: false, reason: "closed-day" };
  const slot = day.slots.find((s) => s.start === c.time);
  if (!slot || !startsAt) return { ok: false, reason: "no-such-slot" };
  if (startsAt.getTime() - c.now.getTime() < rules.minLeadMinutes * 60_000) return { ok: false, reason: "too-soon" };
  return { ok: true, slot, startsAt, endsAt: cityInstant(c.date, slot.end, c.tz) };
};

/** The database's view of one slot, for showing what is left. */
export const placesLeft = (capacity: number, booked: number): number => Math.max(0, capacity - booked);

/** Slots a citizen could still take on a day, with places left (bookedBySlot: start → booked count). */
export const openSlots = (
  c: Omit<SlotChoice, "time">,
  bookedBySlot: ReadonlyMap<ClockTime, number>,
  rules = BOOKING_RULES,
) => {
  const day = daySlots(c.hall, c.item, c.date, c.calendar);
  if (!day.ok) return day;
  const slots = day.slots.map((s) => {
    const check = checkSlotChoice({ ...c, time: s.start }, rules);
    const left = placesLeft(s.capacity, bookedBySlot.get(s.start) ?? 0);
    const reason: BookingRefusal | undefined = !check.ok ? check.reason : left === 0 ? "full" : undefined;
    return { ...s, left, bookable: reason === undefined, ...(reason ? { reason } : {}) };
  });
  return { ok: true as const, day: day.day, slots };
};
