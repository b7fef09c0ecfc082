import type { BookingRefusal } from "../../domain/appointments/booking-rules.js";

/** Plain-English reasons for API responses; the dialogue words its own speech from the reason codes. */
export const BOOKING_MESSAGES: Record<BookingRefusal, string> = {
  "not-served-here": "This hall does not handle that service item.",
  "not-bookable": "This item is walk-in only at this hall; it cannot be booked.",
  "closed-day": "The hall is closed that day (weekend or public holiday).",
  "no-such-slot": "That time is not a slot start within the hall's opening hours.",
  past: "That time has already passed.",
  "too-soon": "Appointments must be made at least 30 minutes ahead.",
  "too-far": "Appointments can be made at most 30 days ahead.",
  full: "That slot is fully booked.",
  "already-open": "The citizen already has an open appointment for this item; reschedule or cancel it instead.",
};
