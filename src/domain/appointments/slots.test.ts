import { describe, expect, it } from "vitest";
import { capacityFor, daySlots } from "./slots.js";
import { ALWAYS_OPEN, CAL_2026, DISTRICT, EXIT_ENTRY } from "./test-fixtures.js";

const cal = [CAL_2026];

describe("slots", () => {
  it("cuts opening sessions into slots and leaves out the lunch break", () => {
    const r = daySlots(EXIT_ENTRY, "passport.renew", "2026-10-08", cal);
    if (!r.ok) throw new Error(r.reason);
    const starts = r.slots.map((s) => s.start);
    expect(starts).toHaveLength(7 + 8);
    expect(starts[0]).toBe("08:30");
    expect(starts).toContain("11:30");
    expect(starts).not.toContain("12:00");
    expect(starts).not.toContain("13:00");
    expect(starts).toContain("13:30");
    expect(r.slots.at(-1)).toEqual({ start: "17:00", end: "17:30", capacity: 10 });
  });
  it("drops a piece that would run past closing", () => {
    const r = daySlots(DISTRICT, "id-card.renew", "2026-10-08", cal);
    if (!r.ok) throw new Error(r.reason);
    expect(r.slots.filter((s) => s.start < "12:00").map((s) => s.start)).toEqual([
      "08:45",
      "09:15",
      "09:45",
      "10:15",
      "10:45",
      "11:15",
    ]);
    expect(r.slots.at(-1)?.end).toBe("17:00");
  });
  it("uses the hall's slot length", () => {
    const r = daySlots(ALWAYS_OPEN, "id-card.renew", "2026-10-01", cal);
    if (!r.ok) throw new Error(r.reason);
    expect(r.slots.map((s) => s.start)).toEqual(["09:00", "09:20", "09:40"]);
    expect(r.day.kind).toBe("holiday");
  });
  it("gives per-item capacity, the default otherwise", () => {
    expect(capacityFor(EXIT_ENTRY, "passport.renew")).toBe(10);
    expect(capacityFor(EXIT_ENTRY, "passport.apply")).toBe(6);
    expect(capacityFor(EXIT_ENTRY, "id-card.renew")).toBeUndefined();
  });
  it("says why there are no slots", () => {
    expect(daySlots(EXIT_ENTRY, "id-card.renew", "2026-10-08", cal)).toEqual({ ok: false, reason: "not-served-here" });
    expect(daySlots(EXIT_ENTRY, "exit-entry.record", "2026-10-08", cal)).toEqual({ ok: false, reason: "not-bookable" });
    expect(daySlots(EXIT_ENTRY, "passport.renew", "2026-10-02", cal)).toMatchObject({
      ok: false,
      reason: "closed-day",
      day: { kind: "holiday" },
    });
    expect(daySlots(EXIT_ENTRY, "passport.renew", "2026-10-11", cal)).toMatchObject({
      ok: false,
      reason: "closed-day",
      day: { kind: "weekend" },
    });
  });
  it("opens the makeup Saturday with weekday hours", () => {
    const r = daySlots(DISTRICT, "id-card.renew", "2026-10-10", cal);
    expect(r.ok && r.slots[0]?.start).toBe("08:45");
  });
});
