import { describe, expect, it } from "vitest";
import type { LifeEvent } from "../kb/schema.js";
import { lifeEventProgress, type StepApplication } from "./life-event-progress.js";

const newborn: LifeEvent = {
  code: "event.newborn",
  name: { zh: "新生儿出生一件事", en: "Birth of a child" },
  summary: { zh: "s", en: "s" },
  steps: [
    { item: "birth.medical-certificate", dependsOn: [] },
    { item: "hukou.birth", dependsOn: ["birth.medical-certificate"] },
    { item: "medical-insurance.newborn", dependsOn: ["birth.medical-certificate", "hukou.birth"] },
    { item: "ssc.apply", dependsOn: ["hukou.birth", "medical-insurance.newborn"] },
  ],
  faq: [],
  phrasings: [],
  keywords: [],
  sources: [],
};
const app = (itemCode: string, status: StepApplication["status"], day = 1): StepApplication => ({
  id: `${itemCode}-${day}`,
  itemCode,
  status,
  statusChangedAt: new Date(Date.UTC(2026, 2, day)),
});

describe("life-event progress from applications", () => {
  it("knows nothing is done and the first step is next", () => {
    const p = lifeEventProgress(newborn, []);
    expect(p.steps.map((s) => s.state)).toEqual(["available", "blocked", "blocked", "blocked"]);
    expect(p.next).toEqual(["birth.medical-certificate"]);
    expect(p.steps[1]!.waitingFor).toEqual(["birth.medical-certificate"]);
  });

  it("after the birth certificate is collected, the household registration comes next (王芳's case)", () => {
    const p = lifeEventProgress(newborn, [app("birth.medical-certificate", "collected")]);
    expect(p.steps.map((s) => s.state)).toEqual(["done", "available", "blocked", "blocked"]);
    expect(p).toMatchObject({ done: 1, total: 4, next: ["hukou.birth"], complete: false });
    expect(p.steps[2]!.waitingFor).toEqual(["hukou.birth"]);
  });

  it("counts ready-for-pickup as in progress, not done", () => {
    const p = lifeEventProgress(newborn, [app("birth.medical-certificate", "ready")]);
    expect(p.steps[0]!.state).toBe("in-progress");
    expect(p.next).toEqual([]);
  });

  it("prefers an open application over an older rejected one, and a rejected step can be retried", () => {
    const p = lifeEventProgress(newborn, [
      app("birth.medical-certificate", "collected"),
      app("hukou.birth", "rejected", 2),
      app("hukou.birth", "reviewing", 3),
    ]);
    expect(p.steps[1]).toMatchObject({ state: "in-progress", application: { status: "reviewing" } });
    const q = lifeEventProgress(newborn, [
      app("birth.medical-certificate", "collected"),
      app("hukou.birth", "rejected", 2),
    ]);
    expect(q.steps[1]!.state).toBe("available");
  });

  it("is complete when every step is collected", () => {
    const p = lifeEventProgress(
      newborn,
      newborn.steps.map((s) => app(s.item, "collected")),
    );
    expect(p).toMatchObject({ done: 4, total: 4, complete: true, next: [] });
  });

  it("skips steps whose condition does not hold, and does not block on them", () => {
    const ev: LifeEvent = {
      ...newborn,
      steps: [
        { item: "a.one", dependsOn: [] },
        { item: "b.two", dependsOn: [], when: { ageAtLeast: 60 } },
        { item: "c.three", dependsOn: ["a.one", "b.two"] },
      ],
    };
    const p = lifeEventProgress(ev, [app("a.one", "collected")], { age: 30 });
    expect(p.steps.map((s) => s.state)).toEqual(["done", "not-applicable", "available"]);
    expect(p.total).toBe(2);
  });
});
