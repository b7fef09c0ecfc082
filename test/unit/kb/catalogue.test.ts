import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCatalogue, loadKbDir } from "../../../src/adapters/kb/load-kb-dir.js";
import type { KnowledgeBase } from "../../../src/domain/kb/schema.js";

const SHARED = path.resolve("../shared/catalog/service-catalog.json");
let kb: KnowledgeBase;

beforeAll(async () => {
  const r = await loadKbDir("kb");
  if (!r.ok) throw new Error(`kb/ does not load:\n${r.errors.map((e) => `${e.file} ${e.path}: ${e.message}`).join("\n")}`);
  kb = r.kb;
});

describe("the catalogue", () => {
  // Users' clones have no ../shared; the project keeps a copy that must not drift.
  it.runIf(existsSync(SHARED))("is identical to the shared canonical catalogue", () => {
    expect(readFileSync("catalog/service-catalog.json", "utf8")).toBe(readFileSync(SHARED, "utf8"));
  });

  it("has a complete KB entry for every service item", () => {
    const catalogue = loadCatalogue();
    for (const { code } of catalogue.items) {
      const item = kb.items.find((i) => i.code === code);
      expect(item, `kb/items/${code}.yaml`).toBeDefined();
      expect(item!.materials.length, `${code} materials`).toBeGreaterThan(0);
      expect(item!.fees.length, `${code} fees`).toBeGreaterThan(0);
      expect(item!.processing.workingDays, `${code} time limit`).toBeGreaterThanOrEqual(0);
      expect(item!.halls.length, `${code} halls`).toBeGreaterThan(0);
      expect(item!.sources.length, `${code} sources`).toBeGreaterThan(0);
      for (const h of item!.halls) expect(kb.halls.find((x) => x.code === h)?.items, `${h} serves ${code}`).toContain(code);
    }
    expect(kb.items).toHaveLength(catalogue.items.length);
  });

  it("has every life event with steps that follow the catalogue", () => {
    const catalogue = loadCatalogue();
    for (const ev of catalogue.events) {
      const entry = kb.events.find((e) => e.code === ev.code);
      expect(entry, `kb/events/${ev.code}.yaml`).toBeDefined();
      expect(entry!.steps.map((s) => s.item).sort()).toEqual([...ev.items].sort());
    }
  });

  it("orders the newborn event: medical certificate, birth registration, then insurance and card", () => {
    const steps = kb.events.find((e) => e.code === "event.newborn")!.steps;
    const deps = (item: string) => steps.find((s) => s.item === item)!.dependsOn;
    expect(deps("hukou.birth")).toContain("birth.medical-certificate");
    expect(deps("medical-insurance.newborn")).toContain("hukou.birth");
    expect(deps("ssc.apply").some((d) => d === "hukou.birth" || d === "medical-insurance.newborn")).toBe(true);
  });

  it("is marked as the demo city with at least five halls across districts", () => {
    expect(kb.city.demo).toBe(true);
    expect(kb.halls.length).toBeGreaterThanOrEqual(5);
    expect(new Set(kb.halls.map((h) => h.district.zh)).size).toBeGreaterThanOrEqual(3);
  });

  it("follows the national ID-card validity by age", () => {
    const rules = kb.items.find((i) => i.code === "id-card.first")!.validity.rules;
    const years = (age: number) =>
      rules.find((r) => (r.when?.ageUnder === undefined || age < r.when.ageUnder) && (r.when?.ageAtLeast === undefined || age >= r.when.ageAtLeast))?.years;
    expect([years(10), years(20), years(30), years(50)]).toEqual([5, 10, 20, null]);
  });
});
