import { describe, expect, it } from "vitest";
import type { CalendarYear, Hall } from "../kb/schema.js";
import { compactHours, openState } from "./hall-hours.js";

const hours: Hall["hours"] = {
  weekdays: [
    { open: "08:30", close: "12:00" },
    { open: "13:30", close: "17:30" },
  ],
  saturday: [
    { open: "09:00", close: "12:00" },
    { open: "13:30", close: "16:30" },
  ],
  sunday: [],
  holidays: [],
};
const calendar: CalendarYear[] = [
  {
    year: 2026,
    holidays: [{ date: "2026-05-01", name: { zh: "劳动节", en: "Labour Day" } }],
    makeupWorkdays: ["2026-05-09"],
    source: { authority: "国务院办公厅", document: "x", effective: "2025", local: false },
  },
];

describe("hall hours", () => {
  it("says the hours briefly for an SMS", () => {
    expect(compactHours({ hours }, "zh")).toBe("周一至周五8:30–17:30，周六9:00–16:30");
    expect(compactHours({ hours }, "en")).toBe("Mon–Fri 8:30–17:30, Sat 9:00–16:30");
    expect(compactHours({ hours: { ...hours, sunday: hours.saturday } }, "zh")).toBe(
      "周一至周五8:30–17:30，周末9:00–16:30",
    );
  });

  it("knows open, lunch break, holidays and 调休 makeup days (city time)", () => {
    const tz = "Asia/Shanghai";
    expect(openState({ hours }, new Date("2026-03-10T02:00:00Z"), tz, calendar).open).toBe(true); // Tue 10:00
    expect(openState({ hours }, new Date("2026-03-10T04:30:00Z"), tz, calendar).open).toBe(false); // 12:30 lunch
    expect(openState({ hours }, new Date("2026-03-15T02:00:00Z"), tz, calendar).open).toBe(false); // Sunday
    expect(openState({ hours }, new Date("2026-05-01T02:00:00Z"), tz, calendar)).toEqual({ open: false, sessions: [] }); // holiday
    expect(openState({ hours }, new Date("2026-05-09T08:00:00Z"), tz, calendar).open).toBe(true); // Sat makeup day 16:00 with weekday hours
  });
});
