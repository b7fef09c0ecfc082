import type { MergeMoved, MergeRow } from "../../app/identity/ports.js";
import type { Db } from "./database.js";

/**
 * The SQL of merging two citizen records and of undoing it. A merge re-points what belongs to the
 * source (phones, appointments, consents, delegations, the ID number when the target has none) to the
 * target and records each moved row in citizen_merges.moved; an unmerge moves exactly those rows back.
 * Rows created on the surviving record after the merge stay with it. Runs inside the caller's transaction.
 */

type Q = Pick<Db, "query">;

const ids = async (q: Q, sql: string, values: unknown[]) =>
  (await q.query<{ id: string }>(sql, values)).rows.map((r) => String(r.id));

export const mergeCitizens = async (
  q: Q,
  m: { id: string; sourceId: string; targetId: string; reason: string; by: string; at: Date },
): Promise<Record<string, unknown>> => {
  const { rows: pair } = await q.query(
    "SELECT id, merged_into, id_number_hash, name_en, birth_date, hukou_place, tags FROM citizens WHERE id IN ($1, $2) ORDER BY id FOR UPDATE",
    [m.sourceId, m.targetId],
  );
  const src = pair.find((r) => r.id === m.sourceId);
  const dst = pair.find((r) => r.id === m.targetId);
  if (!src || !dst) throw new Error("merge: citizen vanished");
  if (src.merged_into || dst.merged_into)
    throw Object.assign(new Error("merge: already merged"), { code: "already-merged" });

  const moved: MergeMoved = {
    phonesMoved: [],
    phonesDropped: [],
    appointments: [],
    consents: [],
    delegationsAsActor: [],
    delegationsAsSubject: [],
    idNumberMoved: false,
    fieldsFilled: [],
    tagsGained: [],
  };
  const { rows: phones } = await q.query(
    "SELECT phone, is_primary, verified_at, added_at FROM citizen_phones WHERE citizen_id = $1 ORDER BY phone",
    [m.sourceId],
  );
  for (const p of phones) {
    const dup = await q.query("SELECT 1 FROM citizen_phones WHERE citizen_id = $1 AND phone = $2", [
      m.targetId,
      p.phone,
    ]);
    if (dup.rowCount) {
      await q.query("DELETE FROM citizen_phones WHERE citizen_id = $1 AND phone = $2", [m.sourceId, p.phone]);
      moved.phonesDropped.push({
        phone: p.phone,
        wasPrimary: p.is_primary,
        verifiedAt: p.verified_at ? new Date(p.verified_at).toISOString() : null,
        addedAt: new Date(p.added_at).toISOString(),
      });
    } else {
      await q.query(
        "UPDATE citizen_phones SET citizen_id = $1, is_primary = false WHERE citizen_id = $2 AND phone = $3",
        [m.targetId, m.sourceId, p.phone],
      );
      moved.phonesMoved.push({ phone: p.phone, wasPrimary: p.is_primary });
    }
  }
  moved.appointments = await ids(q, "UPDATE appointments SET citizen_id = $1 WHERE citizen_id = $2 RETURNING id", [
    m.targetId,
    m.sourceId,
  ]);
  moved.consents = await ids(q, "UPDATE citizen_consents SET citizen_id = $1 WHERE citizen_id = $2 RETURNING id", [
    m.targetId,
    m.sourceId,
  ]);
  moved.delegationsAsActor = await ids(
    q,
    "UPDATE citizen_delegations SET actor_id = $1 WHERE actor_id = $2 RETURNING id",
    [m.targetId, m.sourceId],
  );
  moved.delegationsAsSubject = await ids(
    q,
    "UPDATE citizen_delegations SET subject_id = $1 WHERE subject_id = $2 RETURNING id",
    [m.targetId, m.sourceId],
  );

  if (src.id_number_hash && !dst.id_number_hash) {
    const { rows } = await q.query(
      "SELECT id_number_cipher, id_number_hash, id_number_last4, id_number_masked FROM citizens WHERE id = $1",
      [m.sourceId],
    );
    const id = rows[0]!;
    await q.query(
      "UPDATE citizens SET id_number_cipher = NULL, id_number_hash = NULL, id_number_last4 = NULL, id_number_masked = NULL WHERE id = $1",
      [m.sourceId],
    );
    await q.query(
      "UPDATE citizens SET id_number_cipher = $2, id_number_hash = $3, id_number_last4 = $4, id_number_masked = $5 WHERE id = $1",
      [m.targetId, id.id_number_cipher, id.id_number_hash, id.id_number_last4, id.id_number_masked],
    );
    moved.idNumberMoved = true;
  }
  for (const f of ["name_en", "birth_date", "hukou_place"] as const) {
    if (src[f] !== null && dst[f] === null) {
      await q.query(`UPDATE citizens SET ${f} = (SELECT ${f} FROM citizens WHERE id = $2) WHERE id = $1`, [
        m.targetId,
        m.sourceId,
      ]);
      moved.fieldsFilled.push(f);
    }
  }
  moved.tagsGained = (src.tags as string[]).filter((t) => !(dst.tags as string[]).includes(t));
  await q.query("UPDATE citizens SET tags = tags || $2::text[], updated_at = $3 WHERE id = $1", [
    m.targetId,
    moved.tagsGained,
    m.at,
  ]);
  await q.query("UPDATE citizens SET merged_into = $2, updated_at = $3 WHERE id = $1", [m.sourceId, m.targetId, m.at]);
  const { rows } = await q.query(
    "INSERT INTO citizen_merges (id, source_id, target_id, reason, merged_by, merged_at, moved) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *",
    [m.id, m.sourceId, m.targetId, m.reason, m.by, m.at, JSON.stringify(moved)],
  );
  return rows[0]!;
};

export const unmergeCitizens = async (q: Q, m: MergeRow, at: Date, by: string, reason: string): Promise<void> => {
  const { sourceId: src, targetId: dst, moved } = m;
  await q.query("SELECT id FROM citizens WHERE id IN ($1, $2) ORDER BY id FOR UPDATE", [src, dst]);
  for (const p of moved.phonesMoved)
    await q.query("UPDATE citizen_phones SET citizen_id = $1, is_primary = $4 WHERE citizen_id = $2 AND phone = $3", [
      src,
      dst,
      p.phone,
      p.wasPrimary,
    ]);
  for (const p of moved.phonesDropped)
    await q.query(
      "INSERT INTO citizen_phones (phone, citizen_id, is_primary, verified_at, added_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
      [p.phone, src, p.wasPrimary, p.verifiedAt, p.addedAt],
    );
  const back = async (table: string, column: string, list: string[], cast = "uuid") => {
    if (list.length)
      await q.query(`UPDATE ${table} SET ${column} = $1 WHERE id = ANY($2::${cast}[]) AND ${column} = $3`, [
        src,
        list,
        dst,
      ]);
  };
  await back("appointments", "citizen_id", moved.appointments);
  await back("citizen_consents", "citizen_id", moved.consents, "bigint");
  await back("citizen_delegations", "actor_id", moved.delegationsAsActor);
  await back("citizen_delegations", "subject_id", moved.delegationsAsSubject);
  if (moved.idNumberMoved) {
    const { rows } = await q.query(
      "SELECT id_number_cipher, id_number_hash, id_number_last4, id_number_masked FROM citizens WHERE id = $1",
      [dst],
    );
    const id = rows[0]!;
    await q.query(
      "UPDATE citizens SET id_number_cipher = NULL, id_number_hash = NULL, id_number_last4 = NULL, id_number_masked = NULL WHERE id = $1",
      [dst],
    );
    await q.query(
      "UPDATE citizens SET id_number_cipher = $2, id_number_hash = $3, id_number_last4 = $4, id_number_masked = $5 WHERE id = $1",
      [src, id.id_number_cipher, id.id_number_hash, id.id_number_last4, id.id_number_masked],
    );
  }
  for (const f of moved.fieldsFilled) await q.query(`UPDATE citizens SET ${f} = NULL WHERE id = $1`, [dst]);
  await q.query(
    "UPDATE citizens SET tags = ARRAY(SELECT t FROM unnest(tags) AS t WHERE NOT (t = ANY($2::text[]))), updated_at = $3 WHERE id = $1",
    [dst, moved.tagsGained, at],
  );
  await q.query("UPDATE citizens SET merged_into = NULL, updated_at = $2 WHERE id = $1", [src, at]);
  await q.query("UPDATE citizen_merges SET unmerged_at = $2, unmerged_by = $3, unmerge_reason = $4 WHERE id = $1", [
    m.id,
    at,
    by,
    reason,
  ]);
};
