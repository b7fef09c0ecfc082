/**
 * An appointment's life: booked → (rescheduled: booked again, same reference, new slot) → cancelled,
 * no-show or completed. The three ends are final; each transition is a domain event.
 */

export const APPOINTMENT_STATUSES = ["booked", "cancelled", "no-show", "completed"] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

export type AppointmentAction = "reschedule" | "cancel" | "mark-no-show" | "complete";

const TRANSITIONS: Record<AppointmentStatus, Partial<Record<AppointmentAction, AppointmentStatus>>> = {
  booked: { reschedule: "booked", cancel: "cancelled", "mark-no-show": "no-show", complete: "completed" },
  cancelled: {},
  "no-show": {},
  completed: {},
};

export const isOpen = (s: AppointmentStatus): boolean => s === "booked";

export const CANCEL_REASONS = [
  "citizen-request", // the citizen asked (any reason)
  "plans-changed",
  "unwell",
  "booked-by-mistake",
  "materials-not-ready",
  "hall-closure", // the hall closes unexpectedly (weather, systems)
  "duplicate",
  "other", // needs a note
] as const;
export type CancelReason = (typeof CANCEL_REASONS)[number];

/** Checking in may start this long before the slot. */
export const CHECK_IN_EARLY_MINUTES = 60;

export interface AppointmentTimes {
  status: AppointmentStatus;
  startsAt: Date;
  endsAt: Date;
}

export type ChangeCheck =
  | { ok: true; next: AppointmentStatus }
  | { ok: false; reason: "invalid-transition" | "past" | "not-yet"; from: AppointmentStatus };

/**
 * Whether `action` may happen now. Reschedule and cancel only before the slot starts (after that the
 * hall decides: completed or no-show); no-show only once the slot has ended; check-in from an hour before.
 */
export const checkChange = (a: AppointmentTimes, action: AppointmentAction, now: Date): ChangeCheck => {
  const next = TRANSITIONS[a.status][action];
  if (!next) return { ok: false, reason: "invalid-transition", from: a.status };
  const t = now.getTime();
  if ((action === "reschedule" || action === "cancel") && t >= a.startsAt.getTime())
    return { ok: false, reason: "past", from: a.status };
  if (action === "mark-no-show" && t < a.endsAt.getTime()) return { ok: false, reason: "not-yet", from: a.status };
  if (action === "complete" && t < a.startsAt.getTime() - CHECK_IN_EARLY_MINUTES * 60_000)
    return { ok: false, reason: "not-yet", from: a.status };
  return { ok: true, next };
};

export const checkCancelReason = (reason: CancelReason, note: string | undefined): boolean =>
  reason !== "other" || !!note?.trim();
