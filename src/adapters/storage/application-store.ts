import type {
  ApplicationEventRow,
  ApplicationRow,
  ApplicationStore,
  LifeEventCaseRow,
} from "../../app/applications/ports.js";
import type { Recipient, RecipientDirectory } from "../../app/notifications/ports.js";
import type { SqlQueryable as Queryable } from "./outbox-store.js";

/** applications, application_events and life_event_cases over a Queryable. */

type Raw = Record<string, unknown>;
const APP_COLS = `id, citizen_id, subject_citizen_id, item_code, hall_code, source_system, external_ref, status, reason,
  notify_channels, life_event_case_id, status_changed_at, created_at`;

const toApp = (r: Raw): ApplicationRow => ({
  id: r.id as string,
  citizenId: r.citizen_id as string,
  subjectCitizenId: (r.subject_citizen_id as string | null) ?? null,
  itemCode: r.item_code as string,
  hallCode: (r.hall_code as string | null) ?? null,
  sourceSystem: r.source_system as string,
  externalRef: r.external_ref as string,
  status: r.status as ApplicationRow["status"],
  reason: (r.reason as string | null) ?? null,
  notifyChannels: r.notify_channels as ApplicationRow["notifyChannels"],
  lifeEventCaseId: (r.life_event_case_id as string | null) ?? null,
  statusChangedAt: r.status_changed_at as Date,
  createdAt: r.created_at as Date,
});

const toEvent = (r: Raw): ApplicationEventRow => ({
  sourceSystem: r.source_system as string,
  eventId: r.event_id as string,
  applicationId: r.application_id as string,
  fromStatus: (r.from_status as ApplicationEventRow["fromStatus"]) ?? null,
  toStatus: r.to_status as ApplicationEventRow["toStatus"],
  reason: (r.reason as string | null) ?? null,
  occurredAt: r.occurred_at as Date,
  receivedAt: r.received_at as Date,
  payloadHash: r.payload_hash as string,
});

const toCase = (r: Raw): LifeEventCaseRow => ({
  id: r.id as string,
  citizenId: r.citizen_id as string,
  subjectCitizenId: (r.subject_citizen_id as string | null) ?? null,
  eventCode: r.event_code as string,
  sourceSystem: r.source_system as string,
  externalRef: r.external_ref as string,
  createdAt: r.created_at as Date,
});

export const createApplicationStore = (q: Queryable): ApplicationStore => ({
  async findEvent(source, eventId) {
    const r = await q.query(`SELECT * FROM application_events WHERE source_system = $1 AND event_id = $2`, [
      source,
      eventId,
    ]);
    return r.rows[0] ? toEvent(r.rows[0]) : undefined;
  },
  async findByRef(source, ref, lock = false) {
    const r = await q.query(
      `SELECT ${APP_COLS} FROM applications WHERE source_system = $1 AND external_ref = $2${lock ? " FOR UPDATE" : ""}`,
      [source, ref],
    );
    return r.rows[0] ? toApp(r.rows[0]) : undefined;
  },
  async get(id) {
    const r = await q.query(`SELECT ${APP_COLS} FROM applications WHERE id = $1`, [id]);
    return r.rows[0] ? toApp(r.rows[0]) : undefined;
  },
  async insert(a, at) {
    const r = await q.query(
      `INSERT INTO applications (citizen_id, subject_citizen_id, item_code, hall_code, source_system, external_ref, status, reason,
         notify_channels, life_event_case_id, status_changed_at, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING ${APP_COLS}`,
      [
        a.citizenId,
        a.subjectCitizenId,
        a.itemCode,
        a.hallCode,
        a.sourceSystem,
        a.externalRef,
        a.status,
        a.reason,
        a.notifyChannels,
        a.lifeEventCaseId,
        a.statusChangedAt,
        at,
      ],
    );
    return toApp(r.rows[0]!);
  },
  async updateStatus(id, c) {
    const r = await q.query(
      `UPDATE applications SET status = $2, reason = $3, status_changed_at = $4, hall_code = $5, updated_at = now()
       WHERE id = $1 RETURNING ${APP_COLS}`,
      [id, c.status, c.reason, c.at, c.hallCode],
    );
    return toApp(r.rows[0]!);
  },
  async insertEvent(e) {
    const r = await q.query(
      `INSERT INTO application_events (source_system, event_id, application_id, from_status, to_status, reason, occurred_at,
         received_at, payload_hash, kb_version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (source_system, event_id) DO NOTHING`,
      [
        e.sourceSystem,
        e.eventId,
        e.applicationId,
        e.fromStatus,
        e.toStatus,
        e.reason,
        e.occurredAt,
        e.receivedAt,
        e.payloadHash,
        e.kbVersion,
      ],
    );
    return (r.rowCount ?? 0) > 0;
  },
  async upsertCase(c, at) {
    // A case number comes from the 一件事 platform, so every department reporting on the same
    // case (the hospital, then the police) joins it, whatever system reports.
    const found = await q.query(
      `SELECT * FROM life_event_cases WHERE event_code = $1 AND external_ref = $2 AND citizen_id = $3 ORDER BY created_at LIMIT 1`,
      [c.eventCode, c.externalRef, c.citizenId],
    );
    if (found.rows[0]) return toCase(found.rows[0]);
    const r = await q.query(
      `INSERT INTO life_event_cases (citizen_id, subject_citizen_id, event_code, source_system, external_ref, created_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (source_system, external_ref) DO UPDATE SET subject_citizen_id = COALESCE(life_event_cases.subject_citizen_id, EXCLUDED.subject_citizen_id)
       RETURNING *`,
      [c.citizenId, c.subjectCitizenId, c.eventCode, c.sourceSystem, c.externalRef, at],
    );
    return toCase(r.rows[0]!);
  },
  async listForCitizen(citizenId) {
    const r = await q.query(
      `SELECT ${APP_COLS} FROM applications WHERE citizen_id = $1 OR subject_citizen_id = $1 ORDER BY status_changed_at DESC`,
      [citizenId],
    );
    return r.rows.map(toApp);
  },
  async casesForCitizen(citizenId) {
    const r = await q.query(
      `SELECT * FROM life_event_cases WHERE citizen_id = $1 OR subject_citizen_id = $1 ORDER BY created_at DESC`,
      [citizenId],
    );
    return r.rows.map(toCase);
  },
  async history(applicationId) {
    const r = await q.query(`SELECT * FROM application_events WHERE application_id = $1 ORDER BY occurred_at, id`, [
      applicationId,
    ]);
    return r.rows.map(toEvent);
  },
  async appendDomainEvent(e) {
    await q.query(
      `INSERT INTO domain_events (aggregate, aggregate_id, type, payload, actor, kb_version, occurred_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [e.aggregate, e.aggregateId, e.type, JSON.stringify(e.payload), e.actor, e.kbVersion, e.at],
    );
  },
});

/**
 * Who messages go to, read from the citizens tables (0002). Used when the identity area does not
 * offer the same lookup; merged records resolve to the record they were merged into.
 */
export const createSqlRecipientDirectory = (q: Queryable): RecipientDirectory => {
  const byId = async (id: string): Promise<Recipient | undefined> => {
    const r = await q.query(
      `SELECT c.id, c.name_zh, c.preferred_locale, c.merged_into,
         (SELECT phone FROM citizen_phones p WHERE p.citizen_id = c.id ORDER BY is_primary DESC, added_at LIMIT 1) AS phone
       FROM citizens c WHERE c.id = $1`,
      [id],
    );
    const x = r.rows[0];
    if (!x) return undefined;
    if (x.merged_into) return byId(x.merged_into);
    return { citizenId: x.id, name: x.name_zh, locale: x.preferred_locale, ...(x.phone ? { phone: x.phone } : {}) };
  };
  return {
    byCitizen: byId,
    async byPhone(phone) {
      const r = await q.query(
        `SELECT p.citizen_id FROM citizen_phones p JOIN citizens c ON c.id = p.citizen_id
         WHERE p.phone = $1 AND c.merged_into IS NULL ORDER BY p.is_primary DESC, p.added_at LIMIT 1`,
        [phone],
      );
      return r.rows[0] ? byId(r.rows[0].citizen_id) : undefined;
    },
  };
};
