import { CalendarYear, Hall } from "../kb/schema.js";

/**
 * Fixtures for this folder's unit tests only: a 2026 calendar with 国庆 and its 调休 makeup days
 * (as published by the State Council), and halls shaped like the demo city's.
 */

const zh = (s: string) => ({ zh: s, en: s });

export const CAL_2026 = CalendarYear.parse({
  year: 2026,
  holidays: [
    ...["2026-01-01", "2026-01-02", "2026-01-03"].map((date) => ({ date, name: zh("元旦") })),
    ...["2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04", "2026-10-05", "2026-10-06", "2026-10-07"].map(
      (date) => ({ date, name: { zh: "国庆节", en: "National Day" } }),
    ),
  ],
  makeupWorkdays: ["2026-01-04", "2026-09-20", "2026-10-10"],
  source: { authority: "国务院办公厅", document: "关于2026年部分节假日安排的通知", effective: "2026" },
});

const base = {
  name: zh("hall"),
  district: zh("d"),
  address: zh("a"),
  coordinates: { lat: 30, lng: 120 },
  phone: "0000-0000",
  windows: 4,
  hoursText: zh("h"),
  departments: ["psb-exit-entry"],
};

/** Weekdays 08:30–12:00 and 13:30–17:30, Saturday 09:00–12:00 and 13:30–16:30, closed Sunday and holidays. */
export const EXIT_ENTRY = Hall.parse({
  ...base,
  code: "hall.exit-entry",
  hours: {
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
  },
  items: ["passport.apply", "passport.renew", "exit-entry.record"],
  appointments: {
    slotMinutes: 30,
    defaultCapacityPerSlot: 6,
    capacityPerSlot: { "passport.renew": 10, "exit-entry.record": 0 },
  },
});

/** Weekdays only, 08:45–12:00 and 13:30–17:15. */
export const DISTRICT = Hall.parse({
  ...base,
  code: "hall.west-district",
  hours: {
    weekdays: [
      { open: "08:45", close: "12:00" },
      { open: "13:30", close: "17:15" },
    ],
  },
  items: ["id-card.renew"],
  appointments: { slotMinutes: 30, defaultCapacityPerSlot: 2 },
});

/** Open every day, holidays mornings only, 20-minute slots. */
export const ALWAYS_OPEN = Hall.parse({
  ...base,
  code: "hall.south-lake",
  hours: {
    weekdays: [{ open: "08:00", close: "11:30" }],
    saturday: [{ open: "09:00", close: "12:00" }],
    sunday: [{ open: "09:00", close: "12:00" }],
    holidays: [{ open: "09:00", close: "10:00" }],
  },
  items: ["id-card.renew"],
  appointments: { slotMinutes: 20, defaultCapacityPerSlot: 3 },
});
