import {
  CANCEL_REASONS,
  checkCancelReason,
  checkChange,
  type AppointmentAction,
  type CancelReason,
} from "../../domain/appointments/states.js";
import { refuse, toView, type AppointmentDeps, type AppointmentView, type Refusal } from "./deps.js";
import type { AppointmentRepo, AppointmentRow } from "./ports.js";
import { CHANGE_MESSAGES, type ChangeRefusal } from "./reschedule-appointment.js";

export type ChangeResult =
  { ok: true; appointment: AppointmentView } | Refusal<ChangeRefusal | "unknown-reason" | "note-required">;

const EVENT_TYPE: Record<Exclude<AppointmentAction, "reschedule">, string> = {
  cancel: "appointment.cancelled",
  "mark-no-show": "appointment.no-show",
  complete: "appointment.completed",
};

/** One final transition under the appointment's row lock, with its event in the same transaction. */
export const finishAppointment = async (
  d: AppointmentDeps,
  appointmentId: string,
  action: Exclude<AppointmentAction, "reschedule">,
  actor: string,
  extra: (
    r: AppointmentRepo,
    a: AppointmentRow,
  ) => Promise<{ patch?: Partial<AppointmentRow>; payload?: Record<string, unknown> }> = async () => ({}),
): Promise<ChangeResult> => {
  const now = d.clock.now();
  const outcome = await d.appointments.tx(async (r) => {
    const a = await r.get(appointmentId, { lock: true });
    if (!a) return refuse("not-found", CHANGE_MESSAGES["not-found"]);
    const change = checkChange(a, action, now);
    if (!change.ok) return refuse(change.reason, CHANGE_MESSAGES[change.reason]);
    const { patch = {}, payload = {} } = await extra(r, a);
    const full = { ...patch, status: change.next, updatedAt: now };
    await r.update(a.id, full);
    await r.event({
      aggregate: "appointment",
      aggregateId: a.id,
      type: EVENT_TYPE[action],
      actor,
      occurredAt: now,
      payload: {
        reference: a.reference,
        citizenId: a.citizenId,
        item: a.item,
        hall: a.hall,
        date: a.date,
        time: a.time,
        ...payload,
      },
    });
    return { ok: true as const, row: { ...a, ...full } };
  });
  if (!outcome.ok) return outcome;
  const { kb } = await d.kb.current();
  return { ok: true, appointment: toView(outcome.row, kb, now, d.tz) };
};

/** Cancels before the slot starts, with a reason ("other" needs a note); the place is freed for others. */
export const cancelAppointment = async (
  d: AppointmentDeps,
  input: { appointmentId: string; reason: CancelReason; note?: string; actor: string },
): Promise<ChangeResult> => {
  if (!CANCEL_REASONS.includes(input.reason))
    return refuse("unknown-reason", `reason must be one of ${CANCEL_REASONS.join(", ")}.`);
  if (!checkCancelReason(input.reason, input.note))
    return refuse("note-required", "Say why in a note when the reason is 'other'.");
  return finishAppointment(d, input.appointmentId, "cancel", input.actor, async (r, a) => {
    await r.releasePlace({ hall: a.hall, item: a.item, date: a.date, time: a.time });
    return {
      patch: { cancelReason: input.reason, cancelNote: input.note?.trim() || null },
      payload: { reason: input.reason, hasNote: !!input.note?.trim() },
    };
  });
};

/** The citizen did not come: only once the slot has ended. The place stays counted (the time is gone). */
export const markNoShow = (d: AppointmentDeps, input: { appointmentId: string; actor: string }) =>
  finishAppointment(d, input.appointmentId, "mark-no-show", input.actor);

/** The citizen checked in at the hall (hall ticketing), from an hour before the slot. */
export const completeAppointment = (d: AppointmentDeps, input: { appointmentId: string; actor: string }) =>
  finishAppointment(d, input.appointmentId, "complete", input.actor);

/** Marks every open appointment whose slot ended at least `graceMinutes` ago as a no-show. */
export const sweepNoShows = async (d: AppointmentDeps, graceMinutes = 30, limit = 500): Promise<number> => {
  const before = new Date(d.clock.now().getTime() - graceMinutes * 60_000);
  let n = 0;
  for (const a of await d.appointments.listOpenEndedBefore(before, limit))
    if ((await markNoShow(d, { appointmentId: a.id, actor: "system:no-show-sweep" })).ok) n++;
  return n;
};
