import { describe, expect, it } from "vitest";
import { checkSlotChoice, openSlots } from "./booking-rules.js";
import { cityInstant, cityToday, cityWallClock } from "./city-time.js";
import { CAL_2026, DISTRICT, EXIT_ENTRY } from "./test-fixtures.js";

const tz = "Asia/Shanghai";
// Tuesday 29 September 2026, 09:00 in the city.
const now = new Date("2026-09-29T01:00:00Z");
const choice = (date: string, time: string, over: Partial<Parameters<typeof checkSlotChoice>[0]> = {}) =>
  checkSlotChoice({ hall: EXIT_ENTRY, item: "passport.renew", date, time, calendar: [CAL_2026], now, tz, ...over });

describe("city time", () => {
  it("converts between instants and the city's wall clock", () => {
    expect(cityWallClock(now, tz)).toEqual({ date: "2026-09-29", time: "09:00", minutes: 540 });
    expect(cityInstant("2026-09-29", "10:00", tz).toISOString()).toBe("2026-09-29T02:00:00.000Z");
    expect(cityToday(new Date("2026-09-29T16:30:00Z"), tz)).toBe("2026-09-30");
  });
});

describe("booking rules", () => {
  it("accepts an ordinary slot and gives its times", () => {
    const r = choice("2026-09-30", "10:00");
    expect(r).toMatchObject({ ok: true, slot: { start: "10:00", end: "10:30", capacity: 10 } });
    if (r.ok) expect(r.startsAt.toISOString()).toBe("2026-09-30T02:00:00.000Z");
  });
  it("refuses public holidays and ordinary Sundays", () => {
    expect(choice("2026-10-01", "10:00")).toEqual({ ok: false, reason: "closed-day" });
    expect(choice("2026-10-05", "10:00")).toEqual({ ok: false, reason: "closed-day" });
    expect(choice("2026-10-04", "10:00")).toEqual({ ok: false, reason: "closed-day" }); // a Sunday inside 国庆
  });
  it("accepts the 调休 makeup Saturday with weekday hours", () => {
    expect(choice("2026-10-10", "08:30")).toMatchObject({ ok: true });
    expect(choice("2026-10-10", "17:00")).toMatchObject({ ok: true }); // ordinary Saturdays close at 16:30
    expect(choice("2026-10-10", "08:45", { hall: DISTRICT, item: "id-card.renew" })).toMatchObject({ ok: true });
  });
  it("refuses the lunch break and times that are not slot starts", () => {
    expect(choice("2026-09-30", "12:30")).toEqual({ ok: false, reason: "no-such-slot" });
    expect(choice("2026-09-30", "10:10")).toEqual({ ok: false, reason: "no-such-slot" });
    expect(choice("2026-09-30", "25:00")).toEqual({ ok: false, reason: "no-such-slot" });
  });
  it("refuses less than 30 minutes ahead, and the past", () => {
    expect(choice("2026-09-29", "09:30")).toMatchObject({ ok: true }); // exactly 30 minutes ahead
    expect(choice("2026-09-29", "09:30", { now: new Date(now.getTime() + 60_000) })).toEqual({
      ok: false,
      reason: "too-soon",
    });
    expect(choice("2026-09-29", "09:00")).toEqual({ ok: false, reason: "past" });
    expect(choice("2026-09-29", "08:30")).toEqual({ ok: false, reason: "past" });
    expect(choice("2026-09-28", "10:00")).toEqual({ ok: false, reason: "past" });
  });
  it("refuses more than 30 days ahead", () => {
    expect(choice("2026-10-29", "10:00")).toMatchObject({ ok: true });
    expect(choice("2026-10-30", "10:00")).toEqual({ ok: false, reason: "too-far" });
  });
  it("refuses items the hall does not serve or does not book", () => {
    expect(choice("2026-09-30", "10:00", { item: "id-card.renew" })).toEqual({ ok: false, reason: "not-served-here" });
    expect(choice("2026-09-30", "10:00", { item: "exit-entry.record" })).toEqual({ ok: false, reason: "not-bookable" });
  });
  it("lists a day's slots with places left and why the others cannot be taken", () => {
    const r = openSlots(
      { hall: EXIT_ENTRY, item: "passport.renew", date: "2026-09-29", calendar: [CAL_2026], now, tz },
      new Map([
        ["10:00", 10],
        ["10:30", 9],
      ]),
    );
    if (!r.ok) throw new Error(r.reason);
    const by = new Map(r.slots.map((s) => [s.start, s]));
    expect(by.get("08:30")).toMatchObject({ bookable: false, reason: "past" });
    expect(by.get("09:30")).toMatchObject({ bookable: true, left: 10 });
    expect(by.get("10:00")).toMatchObject({ bookable: false, reason: "full", left: 0 });
    expect(by.get("10:30")).toMatchObject({ bookable: true, left: 1 });
  });
});
