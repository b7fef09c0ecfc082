import { describe, expect, it } from "vitest";
import { cityDate, cityInstant, cityTime } from "../time/city-time.js";
import { earliestSendTime, isQuiet } from "./quiet-hours.js";

const TZ = "Asia/Shanghai";
const at = (iso: string) => new Date(iso);

describe("quiet hours (21:00–08:00 city time)", () => {
  it("is quiet from 21:00 up to 07:59 city time, not at 08:00 or 20:59", () => {
    expect(isQuiet(at("2026-03-10T13:00:00Z"), TZ)).toBe(true); // 21:00 in Shanghai
    expect(isQuiet(at("2026-03-10T12:59:00Z"), TZ)).toBe(false); // 20:59
    expect(isQuiet(at("2026-03-10T18:30:00Z"), TZ)).toBe(true); // 02:30 next day
    expect(isQuiet(at("2026-03-10T23:59:00Z"), TZ)).toBe(true); // 07:59
    expect(isQuiet(at("2026-03-11T00:00:00Z"), TZ)).toBe(false); // 08:00
  });

  it("holds a non-urgent message sent at 22:15 until 08:00 the next morning", () => {
    const t = earliestSendTime(at("2026-03-10T14:15:00Z"), TZ, false);
    expect(cityDate(t, TZ)).toBe("2026-03-11");
    expect(cityTime(t, TZ)).toBe("08:00");
    expect(t.toISOString()).toBe("2026-03-11T00:00:00.000Z");
  });

  it("holds a message sent at 03:00 until 08:00 the same morning", () => {
    const t = earliestSendTime(at("2026-03-10T19:00:00Z"), TZ, false); // 03:00 on the 11th
    expect(t.toISOString()).toBe("2026-03-11T00:00:00.000Z");
  });

  it("crosses month and year ends", () => {
    const t = earliestSendTime(cityInstant({ year: 2026, month: 12, day: 31 }, "23:30", TZ), TZ, false);
    expect(cityDate(t, TZ)).toBe("2027-01-01");
    expect(cityTime(t, TZ)).toBe("08:00");
  });

  it("lets urgent messages (verification codes) through at night", () => {
    const night = at("2026-03-10T15:00:00Z");
    expect(earliestSendTime(night, TZ, true)).toEqual(night);
  });

  it("leaves daytime messages alone", () => {
    const day = at("2026-03-10T02:00:00Z"); // 10:00
    expect(earliestSendTime(day, TZ, false)).toEqual(day);
  });

  it("uses the city's zone, not the server's", () => {
    // 21:30 UTC is 05:30 in Shanghai (quiet) but would be evening elsewhere.
    expect(isQuiet(at("2026-03-10T21:30:00Z"), TZ)).toBe(true);
    expect(isQuiet(at("2026-03-10T21:30:00Z"), "Europe/London")).toBe(true);
    expect(isQuiet(at("2026-03-10T10:30:00Z"), "Europe/London")).toBe(false);
    expect(isQuiet(at("2026-03-10T10:30:00Z"), "America/Los_Angeles")).toBe(true); // 02:30 PST
  });
});
