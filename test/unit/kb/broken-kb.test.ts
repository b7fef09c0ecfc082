import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadKbDir } from "../../../src/adapters/kb/load-kb-dir.js";

let dir: string;
const copyKb = () => {
  dir = mkdtempSync(path.join(tmpdir(), "kb-"));
  cpSync("kb", dir, { recursive: true });
  return dir;
};
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const edit = (file: string, fn: (s: string) => string) => {
  const p = path.join(dir, file);
  writeFileSync(p, fn(readFileSync(p, "utf8")));
};

describe("a broken KB file", () => {
  it("names the file and the field when a required field is missing", async () => {
    copyKb();
    edit("items/passport.renew.yaml", (s) => s.replace(/^fees:/m, "feez:"));
    const r = await loadKbDir(dir);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const files = r.errors.map((e) => e.file);
    expect(files.every((f) => f.endsWith("items/passport.renew.yaml"))).toBe(true);
    // the missing field by its path, and the misspelt one by name
    expect(r.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: "fees" })]));
    expect(r.errors.some((e) => e.message.includes("feez"))).toBe(true);
  });

  it("names the field when a value has the wrong type", async () => {
    copyKb();
    edit("halls/hall.exit-entry.yaml", (s) => s.replace(/^windows: .*$/m, "windows: many"));
    const r = await loadKbDir(dir);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toEqual([expect.objectContaining({ file: expect.stringMatching(/hall\.exit-entry\.yaml$/), path: "windows" })]);
  });

  it("rejects a reference to a hall that does not exist", async () => {
    copyKb();
    edit("items/id-card.replace.yaml", (s) => s.replace("hall.civic-center", "hall.nowhere"));
    const r = await loadKbDir(dir);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ path: expect.stringMatching(/^halls\.\d+$/), message: 'unknown hall "hall.nowhere"' });
  });

  it("reports YAML syntax errors with the file", async () => {
    copyKb();
    writeFileSync(path.join(dir, "items/id-card.first.yaml"), "code: [unclosed\n");
    const r = await loadKbDir(dir);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]!.file).toMatch(/id-card\.first\.yaml$/);
  });

  it("rejects a broken NLU lexicon at validate time, naming the file", async () => {
    copyKb();
    edit("lexicon/concepts.yaml", (s) => s.replace(/^documents:/m, "documentz:"));
    const r = await loadKbDir(dir);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]!.file).toMatch(/lexicon\/concepts\.yaml$/);
  });
});
