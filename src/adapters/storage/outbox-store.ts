import type {
  AttemptOutcome,
  NewNotification,
  OutboxFilter,
  OutboxRow,
  OutboxStore,
} from "../../app/notifications/ports.js";

/** What the journey stores query through: the Db itself or a transaction's client. */
export interface SqlQueryable {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  query(text: string, values?: unknown[]): Promise<{ rows: any[]; rowCount: number | null }>;
}
type Queryable = SqlQueryable;

/** The outbox table (notifications) and opt-outs over any Queryable (the pool or a transaction). */

const COLS = `id, idempotency_key, channel, phone, citizen_id, template_id, locale, variables, body, characters, segments,
  kb_version, urgent, status, attempts, next_attempt_at, provider, provider_message_id, last_error, created_at, updated_at,
  sent_at, delivered_at`;

type Raw = Record<string, unknown>;
const toRow = (r: Raw): OutboxRow => ({
  id: r.id as string,
  idempotencyKey: r.idempotency_key as string,
  channel: r.channel as OutboxRow["channel"],
  phone: r.phone as string,
  citizenId: (r.citizen_id as string | null) ?? null,
  templateId: r.template_id as string,
  locale: r.locale as OutboxRow["locale"],
  variables: r.variables as OutboxRow["variables"],
  body: r.body as string,
  characters: r.characters as number,
  segments: r.segments as number,
  kbVersion: r.kb_version as number,
  urgent: r.urgent as boolean,
  status: r.status as OutboxRow["status"],
  attempts: r.attempts as number,
  nextAttemptAt: r.next_attempt_at as Date,
  provider: (r.provider as string | null) ?? null,
  providerMessageId: (r.provider_message_id as string | null) ?? null,
  lastError: (r.last_error as string | null) ?? null,
  createdAt: r.created_at as Date,
  updatedAt: r.updated_at as Date,
  sentAt: (r.sent_at as Date | null) ?? null,
  deliveredAt: (r.delivered_at as Date | null) ?? null,
});

const INSERT_COLS = `idempotency_key, channel, phone, citizen_id, template_id, locale, variables, body, characters, segments,
  kb_version, urgent, status, last_error, next_attempt_at, created_at, updated_at`;

export const createOutboxStore = (q: Queryable): OutboxStore => ({
  async insert(n: NewNotification) {
    const r = await q.query(
      `INSERT INTO notifications (${INSERT_COLS})
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16)
       ON CONFLICT (idempotency_key) DO NOTHING RETURNING ${COLS}`,
      [
        n.idempotencyKey,
        n.channel,
        n.phone,
        n.citizenId,
        n.templateId,
        n.locale,
        JSON.stringify(n.variables),
        n.body,
        n.characters,
        n.segments,
        n.kbVersion,
        n.urgent,
        n.status,
        n.lastError ?? null,
        n.nextAttemptAt,
        n.createdAt,
      ],
    );
    if (r.rows[0]) return { row: toRow(r.rows[0]), created: true };
    const existing = await q.query(`SELECT ${COLS} FROM notifications WHERE idempotency_key = $1`, [n.idempotencyKey]);
    return { row: toRow(existing.rows[0]!), created: false };
  },

  async insertMany(ns: NewNotification[]) {
    if (!ns.length) return [];
    const col = <K extends keyof NewNotification>(k: K) => ns.map((n) => n[k]);
    const r = await q.query(
      `INSERT INTO notifications (${INSERT_COLS})
       SELECT k, ch, ph, cid, tid, loc, vars::jsonb, body, chars, segs, kbv, urg, st, err, due, created, created
       FROM unnest($1::text[], $2::text[], $3::text[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[],
                   $9::int[], $10::int[], $11::int[], $12::bool[], $13::text[], $14::text[], $15::timestamptz[], $16::timestamptz[])
            AS t(k, ch, ph, cid, tid, loc, vars, body, chars, segs, kbv, urg, st, err, due, created)
       ON CONFLICT (idempotency_key) DO NOTHING RETURNING id, next_attempt_at, status`,
      [
        col("idempotencyKey"),
        col("channel"),
        col("phone"),
        col("citizenId"),
        col("templateId"),
        col("locale"),
        ns.map((n) => JSON.stringify(n.variables)),
        col("body"),
        col("characters"),
        col("segments"),
        col("kbVersion"),
        col("urgent"),
        col("status"),
        ns.map((n) => n.lastError ?? null),
        col("nextAttemptAt"),
        col("createdAt"),
      ],
    );
    return r.rows.map((x) => ({
      id: x.id as string,
      nextAttemptAt: x.next_attempt_at as Date,
      status: x.status as OutboxRow["status"],
    }));
  },

  async get(id) {
    const r = await q.query(`SELECT ${COLS} FROM notifications WHERE id = $1`, [id]);
    return r.rows[0] ? toRow(r.rows[0]) : undefined;
  },

  async claimDue(now, opts) {
    // With ids (a worker woken for these messages) the primary key finds them and the UPDATE's
    // own row locks keep a second claimer out (it re-reads the status and skips them); without,
    // the partial index on due rows gives the oldest first and busy rows are skipped.
    const r = opts.ids
      ? await q.query(
          `UPDATE notifications SET status = 'sending', attempts = attempts + 1, updated_at = $1
           WHERE id = ANY($2::uuid[]) AND status IN ('queued', 'deferred', 'retrying') AND next_attempt_at <= $1
           RETURNING ${COLS}`,
          [now, opts.ids.slice(0, opts.limit)],
        )
      : await q.query(
          `UPDATE notifications SET status = 'sending', attempts = attempts + 1, updated_at = $1
           WHERE id IN (
             SELECT id FROM notifications
             WHERE status IN ('queued', 'deferred', 'retrying') AND next_attempt_at <= $1
             ORDER BY next_attempt_at LIMIT $2 FOR UPDATE SKIP LOCKED)
           RETURNING ${COLS}`,
          [now, opts.limit],
        );
    return r.rows.map(toRow);
  },

  async recordOutcomes(outcomes: AttemptOutcome[], now: Date) {
    if (!outcomes.length) return;
    await q.query(
      `UPDATE notifications n SET
         status = o.status,
         provider = COALESCE(o.provider, n.provider),
         provider_message_id = COALESCE(o.pmid, n.provider_message_id),
         last_error = o.error,
         next_attempt_at = COALESCE(o.next_at, n.next_attempt_at),
         -- being held for the morning or suppressed is not an attempt
         attempts = CASE WHEN o.status IN ('deferred', 'suppressed') THEN n.attempts - 1 ELSE n.attempts END,
         sent_at = CASE WHEN o.status IN ('sent', 'delivered') THEN $7::timestamptz ELSE n.sent_at END,
         updated_at = $7::timestamptz
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[]) AS o(id, status, provider, pmid, error, next_at)
       WHERE n.id = o.id AND n.status = 'sending'`,
      [
        outcomes.map((o) => o.id),
        outcomes.map((o) => o.status),
        outcomes.map((o) => o.provider ?? null),
        outcomes.map((o) => o.providerMessageId ?? null),
        outcomes.map((o) => o.error ?? null),
        outcomes.map((o) => o.nextAttemptAt ?? null),
        now,
      ],
    );
  },

  async releaseStuck(claimedBefore, now) {
    const r = await q.query(
      `UPDATE notifications SET status = 'retrying', next_attempt_at = $2, updated_at = $2,
         last_error = 'worker stopped while sending; sent again'
       WHERE status = 'sending' AND updated_at < $1`,
      [claimedBefore, now],
    );
    return r.rowCount ?? 0;
  },

  async findByProviderMessage(providerMessageId) {
    const r = await q.query(
      `SELECT ${COLS} FROM notifications WHERE provider_message_id = $1 ORDER BY created_at DESC LIMIT 1`,
      [providerMessageId],
    );
    return r.rows[0] ? toRow(r.rows[0]) : undefined;
  },

  async recordReceipt(x) {
    await q.query(
      `INSERT INTO notification_receipts (notification_id, provider_status, status, error_code, received_at) VALUES ($1, $2, $3, $4, $5)`,
      [x.notificationId, x.providerStatus, x.newStatus ?? "unchanged", x.errorCode ?? null, x.at],
    );
    if (x.newStatus)
      await q.query(
        `UPDATE notifications SET status = $2, updated_at = $3,
           delivered_at = CASE WHEN $2 = 'delivered' THEN $3 ELSE delivered_at END,
           sent_at = COALESCE(sent_at, $3),
           last_error = CASE WHEN $2 = 'failed' THEN $4 ELSE last_error END
         WHERE id = $1`,
        [
          x.notificationId,
          x.newStatus,
          x.at,
          x.errorCode ? `delivery report: ${x.errorCode}` : "delivery report: failed",
        ],
      );
  },

  async list(f: OutboxFilter) {
    const where: string[] = [];
    const args: unknown[] = [];
    const add = (sql: string, v: unknown) => {
      args.push(v);
      where.push(sql.replace("?", `$${args.length}`));
    };
    if (f.phone) add("phone = ?", f.phone);
    if (f.citizenId) add("citizen_id = ?", f.citizenId);
    if (f.status) add("status = ?", f.status);
    if (f.channel) add("channel = ?", f.channel);
    if (f.templateId) add("template_id = ?", f.templateId);
    args.push(f.limit);
    const r = await q.query(
      `SELECT ${COLS} FROM notifications ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
       ORDER BY created_at DESC, id LIMIT $${args.length}`,
      args,
    );
    return r.rows.map(toRow);
  },

  async optedOut(phones, channel) {
    if (!phones.length) return new Set();
    const r = await q.query(
      `SELECT DISTINCT phone FROM notification_opt_outs WHERE phone = ANY($1::text[]) AND channel IN ($2, 'all')`,
      [[...new Set(phones)], channel],
    );
    return new Set(r.rows.map((x) => x.phone as string));
  },

  async optOut(phone, channel, source, at) {
    await q.query(
      `INSERT INTO notification_opt_outs (phone, channel, source, opted_out_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (phone, channel) DO NOTHING`,
      [phone, channel, source, at],
    );
  },

  async optIn(phone, channel) {
    const r = await q.query(
      channel === "all"
        ? `DELETE FROM notification_opt_outs WHERE phone = $1`
        : `DELETE FROM notification_opt_outs WHERE phone = $1 AND channel = $2`,
      channel === "all" ? [phone] : [phone, channel],
    );
    return r.rowCount ?? 0;
  },
});
