import type { CalendarYear, Hall, LocalText, Session } from "../kb/schema.js";
import { addDays, weekdayOf, type IsoDate } from "./dates.js";

/**
 * The working-day calendar from the KB's calendar years: statutory holidays are closed (unless a hall
 * keeps holiday hours), and the 调休 makeup days — weekend days declared working days — open with
 * weekday hours. A year the KB does not list falls back to plain weekdays and weekends.
 */

export type DayKind = "workday" | "weekend" | "holiday" | "makeup-workday";

export interface DayInfo {
  date: IsoDate;
  kind: DayKind;
  holidayName?: LocalText;
  /** false when the KB has no calendar for this year (then holidays are unknown) */
  calendarKnown: boolean;
}

export const dayInfo = (date: IsoDate, calendar: readonly CalendarYear[]): DayInfo => {
  const year = calendar.find((c) => c.year === Number(date.slice(0, 4)));
  const holiday = year?.holidays.find((h) => h.date === date);
  if (holiday) return { date, kind: "holiday", holidayName: holiday.name, calendarKnown: true };
  if (year?.makeupWorkdays.includes(date)) return { date, kind: "makeup-workday", calendarKnown: true };
  const wd = weekdayOf(date);
  return { date, kind: wd === 0 || wd === 6 ? "weekend" : "workday", calendarKnown: year !== undefined };
};

export const isWorkingDay = (date: IsoDate, calendar: readonly CalendarYear[]): boolean => {
  const k = dayInfo(date, calendar).kind;
  return k === "workday" || k === "makeup-workday";
};

/** The hall's opening sessions on a date (empty: closed). */
export const hallSessions = (
  hall: Pick<Hall, "hours">,
  date: IsoDate,
  calendar: readonly CalendarYear[],
): Session[] => {
  const day = dayInfo(date, calendar);
  switch (day.kind) {
    case "holiday":
      return hall.hours.holidays;
    case "makeup-workday":
    case "workday":
      return hall.hours.weekdays;
    case "weekend":
      return weekdayOf(date) === 6 ? hall.hours.saturday : hall.hours.sunday;
  }
};

/** The date `n` working days after `date` (processing times are counted in working days). */
export const addWorkingDays = (date: IsoDate, n: number, calendar: readonly CalendarYear[]): IsoDate => {
  let d = date;
  let left = n;
  while (left > 0) {
    d = addDays(d, 1);
    if (isWorkingDay(d, calendar)) left--;
  }
  return d;
};
