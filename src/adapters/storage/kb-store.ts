import type { KbSearchHit, KbStore, KbVersionInfo } from "../../app/kb/ports.js";
import type { KnowledgeBase } from "../../domain/kb/schema.js";
import type { Db } from "./database.js";

type VersionRow = {
  number: number;
  created_by: string;
  created_at: Date;
  published_by: string;
  published_at: Date;
  note: string;
  content_hash: string;
};

const info = (r: VersionRow): KbVersionInfo => ({
  number: r.number,
  createdBy: r.created_by,
  createdAt: r.created_at,
  publishedBy: r.published_by,
  publishedAt: r.published_at,
  note: r.note,
  contentHash: r.content_hash,
});

const INFO_COLUMNS = "number, created_by, created_at, published_by, published_at, note, content_hash";

export const createKbStore = (db: Db): KbStore => ({
  async saveDraft(content, contentHash, by, note) {
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO kb_versions (status, content, content_hash, created_by, note)
       VALUES ('draft', $1, $2, $3, $4)
       ON CONFLICT ((status)) WHERE status = 'draft'
       DO UPDATE SET content = EXCLUDED.content, content_hash = EXCLUDED.content_hash,
                     created_by = EXCLUDED.created_by, note = EXCLUDED.note, created_at = now()
       RETURNING id`,
      [JSON.stringify(content), contentHash, by, note],
    );
    return { id: Number(rows[0]!.id), content, contentHash, createdBy: by, note };
  },

  async getDraft() {
    const { rows } = await db.query<{
      id: string;
      content: KnowledgeBase;
      content_hash: string;
      created_by: string;
      note: string;
    }>("SELECT id, content, content_hash, created_by, note FROM kb_versions WHERE status = 'draft'");
    const r = rows[0];
    return (
      r && { id: Number(r.id), content: r.content, contentHash: r.content_hash, createdBy: r.created_by, note: r.note }
    );
  },

  async publishDraft(by, note, docs, segment) {
    return db.tx(async (q) => {
      // Serialise publishers so two instances never take the same number.
      await q.query("LOCK TABLE kb_versions IN SHARE ROW EXCLUSIVE MODE");
      const { rows } = await q.query<VersionRow>(
        `UPDATE kb_versions SET status = 'published',
           number = (SELECT COALESCE(MAX(number), 0) + 1 FROM kb_versions),
           published_by = $1, published_at = now(),
           note = CASE WHEN $2 = '' THEN note ELSE $2 END
         WHERE status = 'draft' RETURNING ${INFO_COLUMNS}`,
        [by, note],
      );
      const row = rows[0];
      if (!row) throw new Error("there is no draft to publish");
      // One multi-row insert per batch keeps publishing fast on PGlite.
      for (let i = 0; i < docs.length; i += 200) {
        const batch = docs.slice(i, i + 200);
        const values: unknown[] = [];
        const tuples = batch.map((d, j) => {
          values.push(
            row.number,
            d.kind,
            d.code,
            d.seq,
            d.title,
            d.body,
            segment(d.title),
            segment(d.keywords),
            segment(d.body),
          );
          const o = j * 9;
          return `($${o + 1},$${o + 2},$${o + 3},$${o + 4},$${o + 5},$${o + 6},$${o + 7},$${o + 8},$${o + 9})`;
        });
        await q.query(
          `INSERT INTO kb_search_docs (version_number, kind, code, seq, title, body, title_seg, keywords_seg, body_seg)
           VALUES ${tuples.join(",")}`,
          values,
        );
      }
      return info(row);
    });
  },

  async latestNumber() {
    const { rows } = await db.query<{ n: number | null }>("SELECT MAX(number) AS n FROM kb_versions");
    return rows[0]?.n ?? undefined;
  },

  async getPublished(number) {
    const { rows } = await db.query<VersionRow & { content: KnowledgeBase }>(
      `SELECT ${INFO_COLUMNS}, content FROM kb_versions WHERE number = $1`,
      [number],
    );
    const r = rows[0];
    return r && { info: info(r), content: r.content };
  },

  async history() {
    const { rows } = await db.query<VersionRow>(
      `SELECT ${INFO_COLUMNS} FROM kb_versions WHERE status = 'published' ORDER BY number DESC`,
    );
    return rows.map(info);
  },

  async search(version, tsQuery, query, limit) {
    // Words (jieba-segmented tsvector, weighted title > keywords > body) plus trigram similarity
    // of the title, so near-miss spellings still rank.
    const { rows } = await db.query<{
      kind: KbSearchHit["kind"];
      code: string;
      title: string;
      body: string;
      score: number;
    }>(
      `SELECT kind, code, title, body,
              (CASE WHEN $2::text IS NULL THEN 0 ELSE ts_rank(tsv, to_tsquery('simple', $2), 1) END
               + 0.3 * similarity(title, $3)
               + CASE kind WHEN 'item' THEN 0.02 WHEN 'event' THEN 0.015 ELSE 0 END)::float8 AS score
         FROM kb_search_docs
        WHERE version_number = $1
          AND (($2::text IS NOT NULL AND tsv @@ to_tsquery('simple', $2)) OR title % $3)
        ORDER BY score DESC, kind, code
        LIMIT $4`,
      [version, tsQuery ?? null, query, limit],
    );
    return rows.map((r) => ({
      kind: r.kind,
      code: r.code,
      title: r.title,
      snippet: r.body.slice(0, 120),
      score: r.score,
    }));
  },
});
