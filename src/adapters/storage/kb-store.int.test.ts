import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKbService } from "../../app/kb/kb-service.js";
import type { KnowledgeBase } from "../../domain/kb/schema.js";
import { loadKbDir } from "../kb/load-kb-dir.js";
import { createSearchSegmenter } from "../text/segmenter.js";
import { openTestDb } from "../../../test/support/test-db.js";
import type { Db } from "./database.js";
import { createKbStore } from "./kb-store.js";

let db: Db;
let kb: KnowledgeBase;
const service = () =>
  createKbService({
    store: createKbStore(db),
    segmenterFor: (v) => {
      const s = createSearchSegmenter(v);
      return (t) => s.cutForSearch(t);
    },
    now: () => Date.now(),
    refreshMs: 0,
  });

beforeAll(async () => {
  db = await openTestDb();
  const loaded = await loadKbDir("kb");
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors.slice(0, 3)));
  kb = loaded.kb;
});
afterAll(async () => db?.close());

describe("KB versions", () => {
  it("publishes drafts as numbered immutable versions with history and a field diff", async () => {
    const s = service();
    await expect(s.current()).rejects.toThrow(/No knowledge-base version/);
    expect(await s.saveDraft(kb, "tester", "first")).toBe(true);
    const v1 = await s.publish("tester", "first load");
    expect(v1.number).toBe(1);
    expect(await s.saveDraft(kb, "tester", "same again")).toBe(false);

    const edited = structuredClone(kb);
    edited.halls[0]!.phone = "0000-0000000";
    await s.saveDraft(edited, "editor", "new phone");
    const v2 = await s.publish("editor", "hall phone changed");
    expect(v2.number).toBe(2);
    expect((await s.current()).version).toBe(2);

    const changes = await s.diff(1, 2);
    expect(changes).toEqual([
      {
        path: `halls[code=${kb.halls[0]!.code}].phone`,
        kind: "changed",
        before: kb.halls[0]!.phone,
        after: "0000-0000000",
      },
    ]);
    const history = await s.history();
    expect(history.map((h) => [h.number, h.publishedBy, h.note])).toEqual([
      [2, "editor", "hall phone changed"],
      [1, "tester", "first load"],
    ]);
    await expect(db.query("UPDATE kb_versions SET note = 'x' WHERE number = 1")).rejects.toThrow(/immutable/);
    await expect(db.query("DELETE FROM kb_versions WHERE number = 1")).rejects.toThrow(/cannot be deleted/);
  });

  it("refuses to publish without a draft", async () => {
    await expect(service().publish("x", "nothing")).rejects.toThrow(/no draft/);
  });
});
