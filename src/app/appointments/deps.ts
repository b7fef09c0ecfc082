import type { LocalText } from "../../domain/kb/schema.js";
import { BOOKING_RULES } from "../../domain/appointments/booking-rules.js";
import { cityToday } from "../../domain/appointments/city-time.js";
import type { Clock } from "../clock.js";
import type { CurrentKb } from "../kb/kb-service.js";
import type { CitizenStore } from "../identity/ports.js";
import type { AppointmentRow, AppointmentStore } from "./ports.js";

export interface AppointmentDeps {
  appointments: AppointmentStore;
  citizens: Pick<CitizenStore, "resolve">;
  kb: { current(): Promise<CurrentKb> };
  clock: Clock;
  tz: string;
  newId: () => string;
  /** short reference read to the citizen and printed in SMS, e.g. K7M3Q9XP */
  newReference: () => string;
  rules?: typeof BOOKING_RULES;
}

export const todayIn = (d: Pick<AppointmentDeps, "clock" | "tz">) => cityToday(d.clock.now(), d.tz);

/** An appointment as other areas and APIs see it, with the hall's and item's names from the current KB. */
export interface AppointmentView {
  id: string;
  reference: string;
  citizenId: string;
  item: string;
  itemName?: LocalText;
  hall: string;
  hallName?: LocalText;
  hallAddress?: LocalText;
  /** city-local date and slot times */
  date: string;
  time: string;
  endTime: string;
  startsAt: string;
  endsAt: string;
  status: AppointmentRow["status"];
  channel: string;
  cancelReason?: string;
  rescheduleCount: number;
  /** booked outside the normal rules (the demo seed), with why */
  forcedReason?: string;
  /** still ahead and open */
  upcoming: boolean;
}

export const toView = (a: AppointmentRow, kb: CurrentKb["kb"] | undefined, now: Date, tz: string): AppointmentView => {
  const hall = kb?.halls.find((h) => h.code === a.hall);
  const item = kb?.items.find((i) => i.code === a.item);
  const end = new Intl.DateTimeFormat("en-GB", {
    timeZone: tz,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(a.endsAt);
  return {
    id: a.id,
    reference: a.reference,
    citizenId: a.citizenId,
    item: a.item,
    ...(item ? { itemName: item.name } : {}),
    hall: a.hall,
    ...(hall ? { hallName: hall.name, hallAddress: hall.address } : {}),
    date: a.date,
    time: a.time,
    endTime: end,
    startsAt: a.startsAt.toISOString(),
    endsAt: a.endsAt.toISOString(),
    status: a.status,
    channel: a.channel,
    ...(a.cancelReason ? { cancelReason: a.cancelReason } : {}),
    rescheduleCount: a.rescheduleCount,
    ...(a.forcedReason ? { forcedReason: a.forcedReason } : {}),
    upcoming: a.status === "booked" && a.startsAt.getTime() > now.getTime(),
  };
};

export type Refusal<R extends string> = { ok: false; reason: R; message: string };
export const refuse = <R extends string>(reason: R, message: string): Refusal<R> => ({ ok: false, reason, message });
