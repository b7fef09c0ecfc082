import type pg from "pg";
import type {
  CitizenRepo,
  CitizenStore,
  DelegationRow,
  DomainEvent,
  MergeMoved,
  MergeRow,
  VerificationCodeRow,
} from "../../app/identity/ports.js";
import type { CitizenRecord } from "../../domain/identity/citizen.js";
import type { ConsentPurpose } from "../../domain/identity/consent.js";
import type { DelegationKind, ProofKind } from "../../domain/identity/delegation.js";
import type { Db } from "./database.js";
import { mergeCitizens, unmergeCitizens } from "./citizen-merge-sql.js";

/**
 * Citizens, phones, consents, delegations and one-time codes. Clear-text ID numbers never reach
 * this file: it stores what the use cases give it (ciphertext, keyed hash, last four, masked form).
 */

export const insertEvent = async (q: Pick<Db, "query">, e: DomainEvent): Promise<void> => {
  await q.query(
    "INSERT INTO domain_events (aggregate, aggregate_id, type, payload, actor, kb_version, occurred_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    [e.aggregate, e.aggregateId, e.type, JSON.stringify(e.payload), e.actor, e.kbVersion ?? null, e.occurredAt],
  );
};

const CITIZEN_COLUMNS = `c.id, c.name_zh, c.name_en, c.id_number_masked, c.id_number_last4, c.birth_date::text AS birth_date,
  c.hukou_place, c.preferred_locale, c.tags, c.merged_into,
  COALESCE((SELECT json_agg(json_build_object('phone', p.phone, 'isPrimary', p.is_primary, 'verifiedAt', p.verified_at) ORDER BY p.is_primary DESC, p.added_at)
    FROM citizen_phones p WHERE p.citizen_id = c.id), '[]') AS phones`;

interface CitizenRow extends pg.QueryResultRow {
  id: string;
  name_zh: string;
  name_en: string | null;
  id_number_masked: string | null;
  id_number_last4: string | null;
  birth_date: string | null;
  hukou_place: string | null;
  preferred_locale: "zh" | "en";
  tags: string[];
  merged_into: string | null;
  phones: { phone: string; isPrimary: boolean; verifiedAt: string | null }[] | string;
}

const toCitizen = (r: CitizenRow): CitizenRecord => {
  const phones =
    typeof r.phones === "string"
      ? (JSON.parse(r.phones) as { phone: string; isPrimary: boolean; verifiedAt: string | null }[])
      : r.phones;
  return {
    id: r.id,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    idNumberMasked: r.id_number_masked,
    idNumberLast4: r.id_number_last4,
    birthDate: r.birth_date,
    hukouPlace: r.hukou_place,
    locale: r.preferred_locale,
    tags: r.tags ?? [],
    mergedInto: r.merged_into,
    phones: phones.map((p) => ({
      phone: p.phone,
      isPrimary: p.isPrimary,
      verifiedAt: p.verifiedAt ? new Date(p.verifiedAt) : null,
    })),
  };
};

interface DelegationDbRow extends pg.QueryResultRow {
  id: string;
  actor_id: string;
  subject_id: string;
  kind: DelegationKind;
  scope: string[];
  proof_kind: ProofKind;
  proof_reference_cipher: string;
  valid_from: string;
  valid_until: string | null;
  created_by: string;
  created_at: Date;
  revoked_at: Date | null;
  revoked_by: string | null;
  revoke_reason: string | null;
}
const DELEGATION_COLUMNS = `id, actor_id, subject_id, kind, scope, proof_kind, proof_reference_cipher, valid_from::text AS valid_from,
  valid_until::text AS valid_until, created_by, created_at, revoked_at, revoked_by, revoke_reason`;
const toDelegation = (r: DelegationDbRow): DelegationRow => ({
  id: r.id,
  actorId: r.actor_id,
  subjectId: r.subject_id,
  kind: r.kind,
  scope: r.scope,
  proofKind: r.proof_kind,
  proofReferenceCipher: r.proof_reference_cipher,
  validFrom: r.valid_from,
  validUntil: r.valid_until,
  createdBy: r.created_by,
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
  revokedBy: r.revoked_by,
  revokeReason: r.revoke_reason,
});

const toMerge = (r: Record<string, unknown>): MergeRow => ({
  id: r.id as string,
  sourceId: r.source_id as string,
  targetId: r.target_id as string,
  reason: r.reason as string,
  mergedBy: r.merged_by as string,
  mergedAt: r.merged_at as Date,
  moved: (typeof r.moved === "string" ? JSON.parse(r.moved) : r.moved) as MergeMoved,
  unmergedAt: (r.unmerged_at as Date | null) ?? null,
  unmergedBy: (r.unmerged_by as string | null) ?? null,
  unmergeReason: (r.unmerge_reason as string | null) ?? null,
});

const isUniqueViolation = (e: unknown, constraint?: string) =>
  (e as { code?: string }).code === "23505" &&
  (!constraint || (e as { constraint?: string }).constraint === constraint);

const repo = (q: Pick<Db, "query">): CitizenRepo => {
  const one = async (where: string, values: unknown[], lock = false) => {
    const { rows } = await q.query<CitizenRow>(
      `SELECT ${CITIZEN_COLUMNS} FROM citizens c WHERE ${where}${lock ? " FOR UPDATE OF c" : ""}`,
      values,
    );
    return rows[0] ? toCitizen(rows[0]) : undefined;
  };
  return {
    async insertCitizen(c) {
      const exists = await q.query("SELECT 1 FROM citizens WHERE id = $1", [c.id]);
      if (exists.rowCount) return "exists";
      if (c.idNumberHash) {
        const taken = await q.query("SELECT 1 FROM citizens WHERE id_number_hash = $1", [c.idNumberHash]);
        if (taken.rowCount) return "id-number-taken";
      }
      try {
        await q.query(
          `INSERT INTO citizens (id, name_zh, name_en, id_number_cipher, id_number_hash, id_number_last4, id_number_masked, birth_date,
             hukou_place, preferred_locale, tags, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)`,
          [
            c.id,
            c.nameZh,
            c.nameEn,
            c.idNumberCipher,
            c.idNumberHash,
            c.idNumberLast4,
            c.idNumberMasked,
            c.birthDate,
            c.hukouPlace,
            c.locale,
            c.tags,
            c.createdAt,
          ],
        );
      } catch (e) {
        if (isUniqueViolation(e))
          return (e as { constraint?: string }).constraint === "citizens_pkey" ? "exists" : "id-number-taken";
        throw e;
      }
      for (const p of c.phones)
        await q.query("INSERT INTO citizen_phones (phone, citizen_id, is_primary, added_at) VALUES ($1, $2, $3, $4)", [
          p.phone,
          c.id,
          p.isPrimary,
          c.createdAt,
        ]);
      return "created";
    },
    get: (id, opts) => one("c.id = $1", [id], opts?.lock),
    async resolve(id) {
      let c = await one("c.id = $1", [id]);
      for (let hops = 0; c?.mergedInto && hops < 10; hops++) c = await one("c.id = $1", [c.mergedInto]);
      return c?.mergedInto ? undefined : c;
    },
    async idNumberHash(id) {
      const { rows } = await q.query<{ h: string | null }>("SELECT id_number_hash AS h FROM citizens WHERE id = $1", [
        id,
      ]);
      return rows[0]?.h ?? null;
    },
    async idNumberCipher(id) {
      const { rows } = await q.query<{ c: string | null }>("SELECT id_number_cipher AS c FROM citizens WHERE id = $1", [
        id,
      ]);
      return rows[0]?.c ?? null;
    },
    findByIdHash: (hash) => one("c.id_number_hash = $1 AND c.merged_into IS NULL", [hash]),
    async findByPhone(phone) {
      const { rows } = await q.query<CitizenRow>(
        `SELECT ${CITIZEN_COLUMNS} FROM citizens c JOIN citizen_phones cp ON cp.citizen_id = c.id
         WHERE cp.phone = $1 AND c.merged_into IS NULL ORDER BY cp.is_primary DESC, cp.added_at, c.created_at`,
        [phone],
      );
      return rows.map(toCitizen);
    },
    async addPhone(citizenId, phone, isPrimary, at) {
      const r = await q.query(
        "INSERT INTO citizen_phones (phone, citizen_id, is_primary, added_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
        [phone, citizenId, isPrimary, at],
      );
      return (r.rowCount ?? 0) > 0;
    },
    event: (e) => insertEvent(q, e),
    async eventTimes(citizenId, type, since) {
      const { rows } = await q.query<{ t: Date }>(
        "SELECT occurred_at AS t FROM domain_events WHERE aggregate = 'citizen' AND aggregate_id = $1 AND type = $2 AND occurred_at > $3 ORDER BY id",
        [citizenId, type, since],
      );
      return rows.map((r) => r.t);
    },

    async addConsent(citizenId, c) {
      await q.query(
        "INSERT INTO citizen_consents (citizen_id, purpose, granted, channel, note, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        [citizenId, c.purpose, c.granted, c.channel, c.note, c.recordedBy, c.recordedAt],
      );
    },
    async listConsents(citizenId) {
      const { rows } = await q.query<{ purpose: ConsentPurpose; granted: boolean; channel: string; recorded_at: Date }>(
        "SELECT purpose, granted, channel, recorded_at FROM citizen_consents WHERE citizen_id = $1 ORDER BY recorded_at, id",
        [citizenId],
      );
      return rows.map((r) => ({
        purpose: r.purpose,
        granted: r.granted,
        channel: r.channel,
        recordedAt: r.recorded_at,
      }));
    },

    async addDelegation(d) {
      await q.query(
        `INSERT INTO citizen_delegations (id, actor_id, subject_id, kind, scope, proof_kind, proof_reference_cipher, valid_from, valid_until, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          d.id,
          d.actorId,
          d.subjectId,
          d.kind,
          d.scope,
          d.proofKind,
          d.proofReferenceCipher,
          d.validFrom,
          d.validUntil ?? null,
          d.createdBy,
          d.createdAt,
        ],
      );
    },
    async listDelegations(f) {
      const conds: string[] = [];
      const vals: unknown[] = [];
      if (f.actorId) conds.push(`actor_id = $${vals.push(f.actorId)}`);
      if (f.subjectId) conds.push(`subject_id = $${vals.push(f.subjectId)}`);
      const { rows } = await q.query<DelegationDbRow>(
        `SELECT ${DELEGATION_COLUMNS} FROM citizen_delegations ${conds.length ? `WHERE ${conds.join(" AND ")}` : ""} ORDER BY created_at, id`,
        vals,
      );
      return rows.map(toDelegation);
    },
    async getDelegation(id) {
      const { rows } = await q.query<DelegationDbRow>(
        `SELECT ${DELEGATION_COLUMNS} FROM citizen_delegations WHERE id = $1`,
        [id],
      );
      return rows[0] ? toDelegation(rows[0]) : undefined;
    },
    async revokeDelegation(id, at, by, reason) {
      const r = await q.query(
        "UPDATE citizen_delegations SET revoked_at = $2, revoked_by = $3, revoke_reason = $4 WHERE id = $1 AND revoked_at IS NULL",
        [id, at, by, reason],
      );
      return (r.rowCount ?? 0) > 0;
    },

    async insertCode(c) {
      await q.query(
        "INSERT INTO verification_codes (id, citizen_id, phone, code_hash, created_at, expires_at, attempts, consumed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        [c.id, c.citizenId, c.phone, c.codeHash, c.createdAt, c.expiresAt, c.attempts, c.consumedAt],
      );
    },
    async getCode(id, opts) {
      const { rows } = await q.query(
        `SELECT id, citizen_id, phone, code_hash, created_at, expires_at, attempts, consumed_at FROM verification_codes WHERE id = $1${opts?.lock ? " FOR UPDATE" : ""}`,
        [id],
      );
      const r = rows[0];
      return r
        ? ({
            id: r.id,
            citizenId: r.citizen_id,
            phone: r.phone,
            codeHash: r.code_hash,
            createdAt: r.created_at,
            expiresAt: r.expires_at,
            attempts: r.attempts,
            consumedAt: r.consumed_at,
          } as VerificationCodeRow)
        : undefined;
    },
    async updateCode(id, attempts, consumedAt) {
      await q.query("UPDATE verification_codes SET attempts = $2, consumed_at = $3 WHERE id = $1", [
        id,
        attempts,
        consumedAt,
      ]);
    },

    async conflictingOpenItems(a, b) {
      const { rows } = await q.query<{ item: string }>(
        `SELECT item FROM appointments WHERE status = 'booked' AND citizen_id IN ($1, $2) GROUP BY item HAVING count(DISTINCT citizen_id) > 1 ORDER BY item`,
        [a, b],
      );
      return rows.map((r) => r.item);
    },
    applyMerge: (m) => mergeCitizens(q, m).then(toMerge),
    async getMerge(id, opts) {
      const { rows } = await q.query(`SELECT * FROM citizen_merges WHERE id = $1${opts?.lock ? " FOR UPDATE" : ""}`, [
        id,
      ]);
      return rows[0] ? toMerge(rows[0]) : undefined;
    },
    applyUnmerge: (m, at, by, reason) => unmergeCitizens(q, m, at, by, reason),
  };
};

export const createCitizenStore = (db: Db): CitizenStore => ({
  ...repo(db),
  tx: (fn) => db.tx((q) => fn(repo(q))),
});
