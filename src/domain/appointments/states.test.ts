import { describe, expect, it } from "vitest";
import { checkCancelReason, checkChange } from "./states.js";

const startsAt = new Date("2026-09-30T02:00:00Z");
const endsAt = new Date("2026-09-30T02:30:00Z");
const booked = { status: "booked" as const, startsAt, endsAt };
const before = new Date("2026-09-30T01:00:00Z");
const during = new Date("2026-09-30T02:10:00Z");
const after = new Date("2026-09-30T02:30:00Z");

describe("appointment transitions", () => {
  it("a booked appointment can be rescheduled or cancelled before it starts", () => {
    expect(checkChange(booked, "reschedule", before)).toEqual({ ok: true, next: "booked" });
    expect(checkChange(booked, "cancel", before)).toEqual({ ok: true, next: "cancelled" });
    expect(checkChange(booked, "cancel", during)).toEqual({ ok: false, reason: "past", from: "booked" });
    expect(checkChange(booked, "reschedule", startsAt)).toEqual({ ok: false, reason: "past", from: "booked" });
  });
  it("no-show only after the slot has ended", () => {
    expect(checkChange(booked, "mark-no-show", during)).toEqual({ ok: false, reason: "not-yet", from: "booked" });
    expect(checkChange(booked, "mark-no-show", after)).toEqual({ ok: true, next: "no-show" });
  });
  it("check-in from an hour before", () => {
    expect(checkChange(booked, "complete", new Date(startsAt.getTime() - 61 * 60_000))).toMatchObject({
      ok: false,
      reason: "not-yet",
    });
    expect(checkChange(booked, "complete", before)).toEqual({ ok: true, next: "completed" });
  });
  it("cancelled, no-show and completed are final", () => {
    for (const status of ["cancelled", "no-show", "completed"] as const)
      for (const action of ["reschedule", "cancel", "mark-no-show", "complete"] as const)
        expect(checkChange({ ...booked, status }, action, before)).toEqual({
          ok: false,
          reason: "invalid-transition",
          from: status,
        });
  });
  it("'other' needs a note", () => {
    expect(checkCancelReason("other", " ")).toBe(false);
    expect(checkCancelReason("other", "moving abroad")).toBe(true);
    expect(checkCancelReason("plans-changed", undefined)).toBe(true);
  });
});
