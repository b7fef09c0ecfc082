import type { ItemQueueFigures, QueueStore, TicketRow } from "../../app/queues/ports.js";
import type { SqlQueryable as Queryable } from "./outbox-store.js";

/** queue_tickets and queue_events over a Queryable. */

const toTicket = (r: Record<string, unknown>): TicketRow => ({
  hallCode: r.hall_code as string,
  serviceDate: r.service_date as string,
  ticket: r.ticket as string,
  itemCode: r.item_code as string,
  status: r.status as TicketRow["status"],
  counter: (r.counter as string | null) ?? null,
  issuedAt: r.issued_at as Date,
  calledAt: (r.called_at as Date | null) ?? null,
  servedAt: (r.served_at as Date | null) ?? null,
});

export const createQueueStore = (q: Queryable): QueueStore => ({
  async recordEvent(e) {
    const r = await q.query(
      `INSERT INTO queue_events (source_system, event_id, hall_code, ticket, type, occurred_at, received_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
      [e.sourceSystem, e.eventId, e.hallCode, e.ticket, e.type, e.occurredAt, e.receivedAt],
    );
    return (r.rowCount ?? 0) > 0;
  },
  async eventExists(source, eventId) {
    const r = await q.query(`SELECT 1 FROM queue_events WHERE source_system = $1 AND event_id = $2`, [source, eventId]);
    return r.rows.length > 0;
  },
  async lockTicket(hall, date, ticket) {
    const r = await q.query(
      `SELECT hall_code, to_char(service_date, 'YYYY-MM-DD') AS service_date, ticket, item_code, status, counter, issued_at, called_at, served_at
       FROM queue_tickets WHERE hall_code = $1 AND service_date = $2 AND ticket = $3 FOR UPDATE`,
      [hall, date, ticket],
    );
    return r.rows[0] ? toTicket(r.rows[0]) : undefined;
  },
  async saveTicket(t, at, event) {
    await q.query(
      `INSERT INTO queue_tickets (hall_code, service_date, ticket, item_code, status, counter, issued_at, called_at, served_at, skipped_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (hall_code, service_date, ticket) DO UPDATE SET
         status = EXCLUDED.status, counter = EXCLUDED.counter, called_at = EXCLUDED.called_at,
         served_at = EXCLUDED.served_at, skipped_at = COALESCE(EXCLUDED.skipped_at, queue_tickets.skipped_at),
         updated_at = EXCLUDED.updated_at`,
      [
        t.hallCode,
        t.serviceDate,
        t.ticket,
        t.itemCode,
        t.status,
        t.counter,
        t.issuedAt,
        t.calledAt,
        t.servedAt,
        event === "skipped" ? at : null,
        at,
      ],
    );
  },
  async figures(hall, date, activeSince): Promise<ItemQueueFigures[]> {
    const r = await q.query(
      `SELECT item_code,
         count(*) FILTER (WHERE status = 'waiting')::int AS waiting,
         count(DISTINCT counter) FILTER (WHERE called_at >= $3 AND counter IS NOT NULL)::int AS counters,
         (array_agg(EXTRACT(EPOCH FROM served_at - called_at) / 60 ORDER BY served_at DESC)
            FILTER (WHERE status = 'served' AND called_at IS NOT NULL))[1:20] AS service
       FROM queue_tickets WHERE hall_code = $1 AND service_date = $2 GROUP BY item_code`,
      [hall, date, activeSince],
    );
    return r.rows.map((x) => ({
      itemCode: x.item_code as string,
      waiting: x.waiting as number,
      activeCounters: x.counters as number,
      recentServiceMinutes: ((x.service as (string | number)[] | null) ?? []).map(Number),
    }));
  },
  async countToday(hall, date) {
    const r = await q.query(`SELECT count(*)::int AS n FROM queue_tickets WHERE hall_code = $1 AND service_date = $2`, [
      hall,
      date,
    ]);
    return r.rows[0]!.n as number;
  },
});
