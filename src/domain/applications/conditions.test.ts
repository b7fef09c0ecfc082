import { describe, expect, it } from "vitest";
import type { Material } from "../kb/schema.js";
import { evaluateCondition, tailorChecklist } from "./conditions.js";

const m = (id: string, when?: Material["when"]): Material => ({
  id,
  name: { zh: id, en: id },
  original: true,
  copies: 0,
  when,
});

const passport = [
  m("id-card"),
  m("hukou-book", { ageUnder: 16 }),
  m("guardian-id", { ageUnder: 16 }),
  m("guardian-authorisation", { ageUnder: 16, flags: ["agent-applies"] }),
  m("employer-approval", { flags: ["state-employee"] }),
  m("old-passport", { situations: ["expired", "damaged"] }),
  m("police-report", { situations: ["lost"], notSituations: ["damaged"] }),
  m("adult-photo", { ageAtLeast: 16 }),
];
const ids = (ms: Material[]) => ms.map((x) => x.id);

describe("conditions on materials", () => {
  it("evaluates each part and needs all of them", () => {
    expect(evaluateCondition({ ageUnder: 16 }, { age: 12 })).toBe(true);
    expect(evaluateCondition({ ageUnder: 16 }, { age: 16 })).toBe(false);
    expect(evaluateCondition({ ageAtLeast: 16 }, { age: 16 })).toBe(true);
    expect(evaluateCondition({ ageUnder: 16, flags: ["agent-applies"] }, { age: 10, flags: ["agent-applies"] })).toBe(
      true,
    );
    expect(evaluateCondition({ ageUnder: 16, flags: ["agent-applies"] }, { age: 30, flags: ["agent-applies"] })).toBe(
      false,
    );
    expect(
      evaluateCondition({ situations: ["lost"], notSituations: ["damaged"] }, { situations: ["lost", "damaged"] }),
    ).toBe(false);
  });

  it("says unknown when the fact was never learnt, and false only when it is known not to hold", () => {
    expect(evaluateCondition({ ageUnder: 16 }, {})).toBe("unknown");
    expect(evaluateCondition({ situations: ["lost"] }, {})).toBe("unknown");
    expect(evaluateCondition({ flags: ["married"] }, { flags: [] })).toBe("unknown");
    expect(evaluateCondition({ flags: ["married"] }, { notFlags: ["married"] })).toBe(false);
    // a known false part beats an unknown one
    expect(evaluateCondition({ ageUnder: 16, flags: ["agent-applies"] }, { age: 40 })).toBe(false);
  });

  it("tailors a passport checklist for a 10-year-old with a guardian present", () => {
    const c = tailorChecklist(passport, {
      age: 10,
      situations: ["first-time"],
      notFlags: ["agent-applies", "state-employee"],
    });
    expect(ids(c.needed)).toEqual(["id-card", "hukou-book", "guardian-id"]);
    expect(ids(c.conditional)).toEqual([]);
    expect(ids(c.omitted)).toEqual([
      "guardian-authorisation",
      "employer-approval",
      "old-passport",
      "police-report",
      "adult-photo",
    ]);
  });

  it("tailors it for an adult whose passport expired, keeping unknown flags as conditional", () => {
    const c = tailorChecklist(passport, { age: 34, situations: ["expired"] });
    expect(ids(c.needed)).toEqual(["id-card", "old-passport", "adult-photo"]);
    expect(ids(c.conditional)).toEqual(["employer-approval"]);
  });

  it("shows every conditional material when nothing is known", () => {
    const c = tailorChecklist(passport, {});
    expect(ids(c.needed)).toEqual(["id-card"]);
    expect(c.conditional).toHaveLength(7);
  });
});
