import { randomBytes } from "node:crypto";
import type { LinkStore, ShortLink } from "../../app/links/ports.js";
import type { SqlQueryable as Queryable } from "./outbox-store.js";

/** short_links over a Queryable; tokens are 12 random bytes in base64url (16 characters). */

export const newLinkToken = (): string => randomBytes(12).toString("base64url");

export const createLinkStore = (q: Queryable): LinkStore => ({
  async insert(l) {
    await q.query(
      `INSERT INTO short_links (token, kind, target, citizen_id, locale, facts, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [l.token, l.kind, l.target, l.citizenId, l.locale, JSON.stringify(l.facts), l.createdAt, l.expiresAt],
    );
  },
  async get(token) {
    const r = await q.query(
      `SELECT token, kind, target, citizen_id, locale, facts, created_at, expires_at, opened_count FROM short_links WHERE token = $1`,
      [token],
    );
    const x = r.rows[0];
    if (!x) return undefined;
    return {
      token: x.token,
      kind: x.kind,
      target: x.target,
      citizenId: x.citizen_id ?? null,
      locale: x.locale ?? null,
      facts: x.facts ?? {},
      createdAt: x.created_at,
      expiresAt: x.expires_at,
      openedCount: x.opened_count,
    } as ShortLink;
  },
  async touch(token, at) {
    await q.query(`UPDATE short_links SET opened_count = opened_count + 1, last_opened_at = $2 WHERE token = $1`, [
      token,
      at,
    ]);
  },
});
