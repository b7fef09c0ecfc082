import type pg from "pg";
import {
  OpenAppointmentExists,
  type AppointmentRepo,
  type AppointmentRow,
  type AppointmentStore,
  type SlotKey,
} from "../../app/appointments/ports.js";
import { insertEvent } from "./citizen-store.js";
import type { Db } from "./database.js";

/**
 * Appointments and places per slot. Two rules are the database's job, because only it sees every
 * instance's concurrent requests: a slot's `booked` never exceeds its capacity (conditional UPDATE
 * under the row lock + CHECK), and a citizen has at most one open appointment per item (partial
 * unique index). Use cases run claimPlace + insert + event in one transaction.
 */

const COLUMNS = `id, reference, citizen_id, item, hall, slot_date::text AS slot_date, slot_time, starts_at, ends_at, status, channel, booked_by,
  kb_version, cancel_reason, cancel_note, reschedule_count, forced_reason, created_at, updated_at`;

const toRow = (r: pg.QueryResultRow): AppointmentRow => ({
  id: r.id,
  reference: r.reference,
  citizenId: r.citizen_id,
  item: r.item,
  hall: r.hall,
  date: r.slot_date,
  time: r.slot_time,
  startsAt: r.starts_at,
  endsAt: r.ends_at,
  status: r.status,
  channel: r.channel,
  bookedBy: r.booked_by,
  kbVersion: r.kb_version,
  cancelReason: r.cancel_reason,
  cancelNote: r.cancel_note,
  rescheduleCount: r.reschedule_count,
  forcedReason: r.forced_reason,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const PATCH_COLUMNS: Record<string, string> = {
  status: "status",
  hall: "hall",
  date: "slot_date",
  time: "slot_time",
  startsAt: "starts_at",
  endsAt: "ends_at",
  cancelReason: "cancel_reason",
  cancelNote: "cancel_note",
  rescheduleCount: "reschedule_count",
  forcedReason: "forced_reason",
  updatedAt: "updated_at",
};

const repo = (q: Pick<Db, "query">): AppointmentRepo => ({
  async get(id, opts) {
    const { rows } = await q.query(
      `SELECT ${COLUMNS} FROM appointments WHERE id = $1${opts?.lock ? " FOR UPDATE" : ""}`,
      [id],
    );
    return rows[0] ? toRow(rows[0]) : undefined;
  },
  async getByReference(reference) {
    const { rows } = await q.query(`SELECT ${COLUMNS} FROM appointments WHERE reference = $1`, [reference]);
    return rows[0] ? toRow(rows[0]) : undefined;
  },
  async listByCitizen(citizenId) {
    const { rows } = await q.query(`SELECT ${COLUMNS} FROM appointments WHERE citizen_id = $1 ORDER BY starts_at, id`, [
      citizenId,
    ]);
    return rows.map(toRow);
  },
  async openFor(citizenId, item) {
    const { rows } = await q.query(
      `SELECT ${COLUMNS} FROM appointments WHERE citizen_id = $1 AND item = $2 AND status = 'booked'`,
      [citizenId, item],
    );
    return rows[0] ? toRow(rows[0]) : undefined;
  },
  async bookedCounts(hall, item, date) {
    const { rows } = await q.query<{ slot_time: string; booked: number }>(
      "SELECT slot_time, booked FROM appointment_slots WHERE hall = $1 AND item = $2 AND slot_date = $3",
      [hall, item, date],
    );
    return new Map(rows.map((r) => [r.slot_time, Number(r.booked)]));
  },
  async claimPlace(s: SlotKey, capacity, force = false) {
    const key = [s.hall, s.item, s.date, s.time];
    await q.query(
      "INSERT INTO appointment_slots (hall, item, slot_date, slot_time, capacity, booked) VALUES ($1, $2, $3, $4, $5, 0) ON CONFLICT DO NOTHING",
      [...key, capacity],
    );
    // The WHERE is re-checked after waiting for a concurrent booking's lock: only one takes the last place.
    const r = force
      ? await q.query(
          "UPDATE appointment_slots SET capacity = GREATEST($5, booked + 1), booked = booked + 1 WHERE hall = $1 AND item = $2 AND slot_date = $3 AND slot_time = $4",
          [...key, capacity],
        )
      : await q.query(
          "UPDATE appointment_slots SET capacity = $5, booked = booked + 1 WHERE hall = $1 AND item = $2 AND slot_date = $3 AND slot_time = $4 AND booked < $5",
          [...key, capacity],
        );
    return (r.rowCount ?? 0) === 1;
  },
  async releasePlace(s) {
    await q.query(
      "UPDATE appointment_slots SET booked = booked - 1 WHERE hall = $1 AND item = $2 AND slot_date = $3 AND slot_time = $4 AND booked > 0",
      [s.hall, s.item, s.date, s.time],
    );
  },
  async insert(a) {
    try {
      await q.query(
        `INSERT INTO appointments (id, reference, citizen_id, item, hall, slot_date, slot_time, starts_at, ends_at, status, channel, booked_by, kb_version,
           cancel_reason, cancel_note, reschedule_count, forced_reason, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)`,
        [
          a.id,
          a.reference,
          a.citizenId,
          a.item,
          a.hall,
          a.date,
          a.time,
          a.startsAt,
          a.endsAt,
          a.status,
          a.channel,
          a.bookedBy,
          a.kbVersion,
          a.cancelReason,
          a.cancelNote,
          a.rescheduleCount,
          a.forcedReason,
          a.createdAt,
          a.updatedAt,
        ],
      );
    } catch (e) {
      if (
        (e as { code?: string; constraint?: string }).code === "23505" &&
        (e as { constraint?: string }).constraint === "appointments_one_open_per_item"
      )
        throw new OpenAppointmentExists();
      throw e;
    }
  },
  async update(id, patch) {
    const sets: string[] = [];
    const vals: unknown[] = [id];
    for (const [k, v] of Object.entries(patch)) {
      const col = PATCH_COLUMNS[k];
      if (!col) throw new Error(`cannot update ${k}`);
      sets.push(`${col} = $${vals.push(v)}`);
    }
    if (sets.length) await q.query(`UPDATE appointments SET ${sets.join(", ")} WHERE id = $1`, vals);
  },
  event: (e) => insertEvent(q, e),
  async listOpenEndedBefore(before, limit) {
    const { rows } = await q.query(
      `SELECT ${COLUMNS} FROM appointments WHERE status = 'booked' AND ends_at <= $1 ORDER BY ends_at LIMIT $2`,
      [before, limit],
    );
    return rows.map(toRow);
  },
});

export const createAppointmentStore = (db: Db): AppointmentStore => ({
  ...repo(db),
  tx: (fn) => db.tx((q) => fn(repo(q))),
});
