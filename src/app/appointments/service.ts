import type { CancelReason } from "../../domain/appointments/states.js";
import { availableSlots, suggestSlots, type AvailableSlotsResult, type SuggestedSlot } from "./available-slots.js";
import { bookAppointment, type BookAppointmentInput, type BookAppointmentResult } from "./book-appointment.js";
import {
  cancelAppointment,
  completeAppointment,
  markNoShow,
  sweepNoShows,
  type ChangeResult,
} from "./change-appointment.js";
import type { AppointmentDeps, AppointmentView } from "./deps.js";
import { getAppointment, listAppointments } from "./list-appointments.js";
import { rescheduleAppointment, type RescheduleResult } from "./reschedule-appointment.js";

/**
 * Hall appointments (`ctx.services.appointments`). Dates are the city's (YYYY-MM-DD), times are slot
 * starts (HH:MM). Refusals are values `{ ok: false, reason, message }` with stable reasons:
 * not-served-here, not-bookable, closed-day, no-such-slot, past, too-soon, too-far, full, already-open,
 * unknown-citizen/hall/item, invalid-date, not-found, invalid-transition, not-yet, same-slot,
 * unknown-reason, note-required. Each change writes an appointment.* domain event
 * (booked, rescheduled, cancelled, no-show, completed) whose payload has citizenId, reference, item, hall, date, time.
 */
export interface AppointmentService {
  /** One day's slots of an item at a hall, with places left; `closed` with no slots on a closed day (day.holidayName says which holiday). */
  availableSlots(hall: string, item: string, date: string): Promise<AvailableSlotsResult>;
  /** The earliest bookable slots (one per hall and day), at one hall or all halls serving the item. */
  suggestSlots(input: {
    item: string;
    hall?: string;
    from?: string;
    days?: number;
    limit?: number;
  }): Promise<SuggestedSlot[]>;
  book(input: BookAppointmentInput): Promise<BookAppointmentResult>;
  /** `force` (demo seed only, never from a citizen channel) ignores calendar, hours, lead time and capacity, recording why. */
  reschedule(input: {
    appointmentId: string;
    date: string;
    time: string;
    hall?: string;
    actor: string;
    force?: { reason: string };
  }): Promise<RescheduleResult>;
  cancel(input: { appointmentId: string; reason: CancelReason; note?: string; actor: string }): Promise<ChangeResult>;
  markNoShow(input: { appointmentId: string; actor: string }): Promise<ChangeResult>;
  /** Check-in at the hall (from an hour before the slot). */
  complete(input: { appointmentId: string; actor: string }): Promise<ChangeResult>;
  /** A citizen's appointments: open upcoming ones first (soonest first), then the rest newest first. Undefined for an unknown citizen. */
  listAppointments(citizenId: string, opts?: { openOnly?: boolean }): Promise<AppointmentView[] | undefined>;
  /** By id or by the reference the citizen was given. Callers must check citizenId before telling anyone about it. */
  get(idOrReference: string): Promise<AppointmentView | undefined>;
  /** Marks open appointments whose slot ended more than graceMinutes ago as no-shows; returns how many. */
  sweepNoShows(graceMinutes?: number): Promise<number>;
}

export const createAppointmentService = (d: AppointmentDeps): AppointmentService => ({
  availableSlots: (hall, item, date) => availableSlots(d, hall, item, date),
  suggestSlots: (input) => suggestSlots(d, input),
  book: (input) => bookAppointment(d, input),
  reschedule: (input) => rescheduleAppointment(d, input),
  cancel: (input) => cancelAppointment(d, input),
  markNoShow: (input) => markNoShow(d, input),
  complete: (input) => completeAppointment(d, input),
  listAppointments: (citizenId, opts) => listAppointments(d, citizenId, opts),
  get: (idOrReference) => getAppointment(d, idOrReference),
  sweepNoShows: (grace) => sweepNoShows(d, grace),
});
