import type { AppointmentStatus, CancelReason } from "../../domain/appointments/states.js";
import type { DomainEvent } from "../identity/ports.js";

export interface AppointmentRow {
  id: string;
  reference: string;
  citizenId: string;
  item: string;
  hall: string;
  date: string;
  time: string;
  startsAt: Date;
  endsAt: Date;
  status: AppointmentStatus;
  channel: string;
  bookedBy: string;
  kbVersion: number | null;
  cancelReason: CancelReason | null;
  cancelNote: string | null;
  rescheduleCount: number;
  forcedReason: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface SlotKey {
  hall: string;
  item: string;
  date: string;
  time: string;
}

export interface AppointmentRepo {
  get(id: string, opts?: { lock?: boolean }): Promise<AppointmentRow | undefined>;
  getByReference(reference: string): Promise<AppointmentRow | undefined>;
  listByCitizen(citizenId: string): Promise<AppointmentRow[]>;
  openFor(citizenId: string, item: string): Promise<AppointmentRow | undefined>;
  /** slot start → places taken, for one hall, item and day */
  bookedCounts(hall: string, item: string, date: string): Promise<Map<string, number>>;
  /**
   * Takes one place in a slot if one is left (atomically, under the slot row's lock). `force` takes it
   * even beyond capacity (the demo seed's fixed appointment), raising the slot's capacity to fit.
   */
  claimPlace(slot: SlotKey, capacity: number, force?: boolean): Promise<boolean>;
  releasePlace(slot: SlotKey): Promise<void>;
  /** throws OpenAppointmentExists when the citizen already holds an open appointment for the item */
  insert(a: AppointmentRow): Promise<void>;
  update(
    id: string,
    patch: Partial<
      Pick<
        AppointmentRow,
        | "status"
        | "hall"
        | "date"
        | "time"
        | "startsAt"
        | "endsAt"
        | "cancelReason"
        | "cancelNote"
        | "rescheduleCount"
        | "forcedReason"
        | "updatedAt"
      >
    >,
  ): Promise<void>;
  event(e: DomainEvent): Promise<void>;
  /** open appointments whose slot ended before `before` (for the no-show sweep) */
  listOpenEndedBefore(before: Date, limit: number): Promise<AppointmentRow[]>;
}

export interface AppointmentStore extends AppointmentRepo {
  tx<T>(fn: (r: AppointmentRepo) => Promise<T>): Promise<T>;
}

/** The database refused a second open appointment for the same citizen and item. */
export class OpenAppointmentExists extends Error {
  constructor() {
    super("open appointment exists");
  }
}
