import { toView, type AppointmentDeps, type AppointmentView } from "./deps.js";

/**
 * A citizen's appointments, soonest first (open upcoming ones first, then the rest newest first).
 * A merged record's id lists the surviving record's appointments.
 */
export const listAppointments = async (
  d: AppointmentDeps,
  citizenId: string,
  opts: { openOnly?: boolean } = {},
): Promise<AppointmentView[] | undefined> => {
  const c = await d.citizens.resolve(citizenId);
  if (!c) return undefined;
  const [{ kb }, rows] = await Promise.all([d.kb.current(), d.appointments.listByCitizen(c.id)]);
  const now = d.clock.now();
  const views = rows.map((a) => toView(a, kb, now, d.tz)).filter((v) => !opts.openOnly || v.status === "booked");
  const upcoming = views.filter((v) => v.upcoming).sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const rest = views.filter((v) => !v.upcoming).sort((a, b) => b.startsAt.localeCompare(a.startsAt));
  return [...upcoming, ...rest];
};

export const getAppointment = async (
  d: AppointmentDeps,
  idOrReference: string,
): Promise<AppointmentView | undefined> => {
  const row = /^[0-9a-f-]{36}$/i.test(idOrReference)
    ? await d.appointments.get(idOrReference)
    : await d.appointments.getByReference(idOrReference.toUpperCase());
  if (!row) return undefined;
  const { kb } = await d.kb.current();
  return toView(row, kb, d.clock.now(), d.tz);
};
