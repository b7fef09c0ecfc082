import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildContext, ensureKbPublished } from "../src/compose.js";
import { loadConfig } from "../src/config.js";
import { openTestDb } from "./support/test-db.js";

// A broken kb/ never replaces what is serving: the error names the file and field, and the last
// published version stays current.
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const tmp = () => {
  const d = mkdtempSync(path.join(tmpdir(), "kb-last-good-"));
  dirs.push(d);
  return d;
};

describe("the last good KB keeps serving", () => {
  it("refuses a broken kb/ on publish and at start, keeping version 1", async () => {
    const db = await openTestDb();
    const env = { NODE_ENV: "test", LOG_LEVEL: "silent", DATA_DIR: tmp(), ADMIN_TOKEN: "test-admin-token-0123456789" };
    const good = await buildContext(loadConfig({ ...env, KB_DIR: path.resolve("kb") }), { db });
    expect(await ensureKbPublished(good)).toBe(1);

    const broken = path.join(tmp(), "kb");
    cpSync("kb", broken, { recursive: true });
    const file = path.join(broken, "items", "passport.renew.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace(/^fees:/m, "feez:"));
    const ctx = await buildContext(loadConfig({ ...env, KB_DIR: broken }), { db });

    await expect(ctx.publishKbFromDisk("editor", "a broken edit")).rejects.toMatchObject({
      code: "unprocessable",
      details: expect.arrayContaining([
        expect.objectContaining({ file: expect.stringMatching(/passport\.renew\.yaml$/), path: "fees" }),
      ]),
    });
    expect(await ensureKbPublished(ctx)).toBe(1);
    const current = await ctx.kb.current();
    expect(current.version).toBe(1);
    expect(current.kb.items.find((i) => i.code === "passport.renew")!.fees.length).toBeGreaterThan(0);
    expect((await ctx.kb.history()).map((h) => h.number)).toEqual([1]);
    await db.close();
  });
});
