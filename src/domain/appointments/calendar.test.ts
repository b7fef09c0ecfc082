import { describe, expect, it } from "vitest";
import { addWorkingDays, dayInfo, hallSessions, isWorkingDay } from "./calendar.js";
import { ALWAYS_OPEN, CAL_2026, DISTRICT, EXIT_ENTRY } from "./test-fixtures.js";

const cal = [CAL_2026];

describe("working-day calendar", () => {
  it("knows public holidays, 调休 makeup workdays, weekends and workdays", () => {
    expect(dayInfo("2026-10-01", cal)).toMatchObject({
      kind: "holiday",
      holidayName: { zh: "国庆节" },
      calendarKnown: true,
    });
    expect(dayInfo("2026-10-10", cal)).toMatchObject({ kind: "makeup-workday" }); // a Saturday
    expect(dayInfo("2026-09-20", cal)).toMatchObject({ kind: "makeup-workday" }); // a Sunday
    expect(dayInfo("2026-10-11", cal).kind).toBe("weekend");
    expect(dayInfo("2026-10-08", cal).kind).toBe("workday");
    expect(isWorkingDay("2026-10-05", cal)).toBe(false);
    expect(isWorkingDay("2026-10-10", cal)).toBe(true);
  });
  it("falls back to weekdays and weekends for a year the KB does not list", () => {
    expect(dayInfo("2027-10-01", cal)).toEqual({ date: "2027-10-01", kind: "workday", calendarKnown: false });
    expect(dayInfo("2027-10-02", cal).kind).toBe("weekend");
  });
  it("closes halls on holidays unless they keep holiday hours", () => {
    expect(hallSessions(EXIT_ENTRY, "2026-10-03", cal)).toEqual([]); // a Saturday inside 国庆
    expect(hallSessions(DISTRICT, "2026-10-01", cal)).toEqual([]);
    expect(hallSessions(ALWAYS_OPEN, "2026-10-01", cal)).toEqual([{ open: "09:00", close: "10:00" }]);
  });
  it("opens makeup Saturdays and Sundays with weekday hours, even at weekday-only halls", () => {
    expect(hallSessions(DISTRICT, "2026-10-10", cal)).toEqual(DISTRICT.hours.weekdays);
    expect(hallSessions(EXIT_ENTRY, "2026-09-20", cal)).toEqual(EXIT_ENTRY.hours.weekdays);
    expect(hallSessions(DISTRICT, "2026-10-17", cal)).toEqual([]); // an ordinary Saturday
    expect(hallSessions(EXIT_ENTRY, "2026-10-17", cal)).toEqual(EXIT_ENTRY.hours.saturday);
  });
  it("counts working days across the National Day week", () => {
    expect(addWorkingDays("2026-09-30", 1, cal)).toBe("2026-10-08");
    expect(addWorkingDays("2026-09-30", 3, cal)).toBe("2026-10-10"); // 8th, 9th, makeup Saturday 10th
    expect(addWorkingDays("2026-09-18", 1, cal)).toBe("2026-09-20"); // makeup Sunday
  });
});
