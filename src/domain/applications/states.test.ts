import { describe, expect, it } from "vitest";
import { APPLICATION_STATUSES, decideTransition, parseStatus, TRANSITIONS, type ApplicationStatus } from "./states.js";

const t0 = new Date("2026-03-01T02:00:00Z");
const later = new Date("2026-03-02T02:00:00Z");
const at = (status: ApplicationStatus) => ({ status, statusChangedAt: t0 });

describe("application state machine", () => {
  it("walks the happy path 受理 → 审核 → 制证 → 待领取 → 已领取", () => {
    const path: ApplicationStatus[] = ["accepted", "reviewing", "producing", "ready", "collected"];
    expect(decideTransition(undefined, { to: "accepted", occurredAt: t0 })).toMatchObject({
      ok: true,
      from: null,
      to: "accepted",
    });
    for (let i = 1; i < path.length; i++)
      expect(decideTransition(at(path[i - 1]!), { to: path[i]!, occurredAt: later })).toEqual({
        ok: true,
        from: path[i - 1],
        to: path[i],
        reason: null,
      });
  });

  it("allows exactly the listed moves and refuses every other pair", () => {
    for (const from of APPLICATION_STATUSES)
      for (const to of APPLICATION_STATUSES) {
        const r = decideTransition(at(from), { to, occurredAt: later, reason: "材料不全" });
        const allowed = TRANSITIONS[from].includes(to);
        expect(r.ok, `${from} → ${to}`).toBe(allowed);
        if (!r.ok) expect(r.code).toBe(TRANSITIONS[from].length === 0 ? "final" : "invalid-transition");
      }
  });

  it("returns for correction from accepted, reviewing and producing, and review resumes after it", () => {
    for (const from of ["accepted", "reviewing", "producing"] as const)
      expect(decideTransition(at(from), { to: "returned", reason: "照片不合格", occurredAt: later })).toMatchObject({
        ok: true,
        reason: "照片不合格",
      });
    expect(decideTransition(at("returned"), { to: "reviewing", occurredAt: later }).ok).toBe(true);
    expect(decideTransition(at("returned"), { to: "producing", occurredAt: later }).ok).toBe(false);
  });

  it("needs a reason for 退回补正 and 不予受理", () => {
    for (const to of ["returned", "rejected"] as const) {
      expect(decideTransition(at("reviewing"), { to, occurredAt: later })).toMatchObject({
        ok: false,
        code: "reason-required",
      });
      expect(decideTransition(at("reviewing"), { to, reason: "  ", occurredAt: later })).toMatchObject({
        ok: false,
        code: "reason-required",
      });
    }
  });

  it("starts only as accepted or rejected at the counter", () => {
    expect(decideTransition(undefined, { to: "rejected", reason: "不属于本机关职责", occurredAt: t0 }).ok).toBe(true);
    for (const to of ["reviewing", "producing", "ready", "collected", "returned"] as const)
      expect(decideTransition(undefined, { to, reason: "x", occurredAt: t0 })).toMatchObject({
        ok: false,
        code: "invalid-start",
      });
  });

  it("refuses an event older than the current status (out-of-order delivery)", () => {
    const r = decideTransition({ status: "reviewing", statusChangedAt: later }, { to: "producing", occurredAt: t0 });
    expect(r).toMatchObject({ ok: false, code: "stale" });
  });

  it("treats collected and rejected as final", () => {
    expect(decideTransition(at("collected"), { to: "ready", occurredAt: later })).toMatchObject({
      ok: false,
      code: "final",
    });
    expect(decideTransition(at("rejected"), { to: "accepted", occurredAt: later })).toMatchObject({
      ok: false,
      code: "final",
    });
  });

  it("reads our codes and the Chinese labels", () => {
    expect(parseStatus("ready")).toBe("ready");
    expect(parseStatus("待领取")).toBe("ready");
    expect(parseStatus("退回补正")).toBe("returned");
    expect(parseStatus("done")).toBeUndefined();
  });
});
