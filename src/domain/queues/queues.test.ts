import { describe, expect, it } from "vitest";
import { estimateWaitMinutes } from "./estimate.js";
import { decideTicket } from "./tickets.js";

describe("ticket transitions", () => {
  it("follows issued → called → served", () => {
    expect(decideTicket(undefined, "issued")).toEqual({ ok: true, status: "waiting" });
    expect(decideTicket("waiting", "called")).toEqual({ ok: true, status: "called" });
    expect(decideTicket("called", "served")).toEqual({ ok: true, status: "served" });
  });

  it("allows skipping a no-show and calling a skipped ticket again", () => {
    expect(decideTicket("called", "skipped")).toEqual({ ok: true, status: "skipped" });
    expect(decideTicket("skipped", "called")).toEqual({ ok: true, status: "called" });
    expect(decideTicket("called", "called")).toEqual({ ok: true, status: "called" });
  });

  it("refuses impossible moves with a reason", () => {
    expect(decideTicket(undefined, "called")).toMatchObject({
      ok: false,
      message: expect.stringContaining("never issued"),
    });
    expect(decideTicket("waiting", "issued")).toMatchObject({
      ok: false,
      message: expect.stringContaining("already issued"),
    });
    expect(decideTicket("waiting", "served")).toMatchObject({ ok: false });
    expect(decideTicket("served", "called")).toMatchObject({ ok: false });
    expect(decideTicket("served", "skipped")).toMatchObject({ ok: false });
  });
});

describe("wait estimate", () => {
  it("is zero with nobody waiting", () => {
    expect(estimateWaitMinutes({ waiting: 0, recentServiceMinutes: [5, 5, 5], activeCounters: 2 })).toBe(0);
  });

  it("uses the median of recent service times shared across active windows", () => {
    expect(estimateWaitMinutes({ waiting: 10, recentServiceMinutes: [4, 6, 5, 90, 5], activeCounters: 2 })).toBe(25);
  });

  it("falls back to the typical service time with too little data, and assumes one window", () => {
    expect(estimateWaitMinutes({ waiting: 3, recentServiceMinutes: [2], activeCounters: 0 })).toBe(24);
    expect(
      estimateWaitMinutes({ waiting: 3, recentServiceMinutes: [], activeCounters: 3, defaultServiceMinutes: 10 }),
    ).toBe(10);
  });

  it("ignores impossible durations", () => {
    expect(estimateWaitMinutes({ waiting: 2, recentServiceMinutes: [-1, 0, 500, 6, 6, 6], activeCounters: 1 })).toBe(
      12,
    );
  });
});
