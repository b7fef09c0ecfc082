import { cityInstant as instantAt, localParts } from "../time/city-time.js";
import type { ClockTime, IsoDate } from "./dates.js";

/**
 * The city's wall clock in the appointment domain's terms (ISO dates, HH:MM), over the shared
 * time-zone conversion in domain/time.
 */

export interface CityWallClock {
  date: IsoDate;
  time: ClockTime;
  /** minutes since local midnight */
  minutes: number;
}

const pad = (n: number) => String(n).padStart(2, "0");

export const cityWallClock = (instant: Date, tz: string): CityWallClock => {
  const p = localParts(instant, tz);
  return {
    date: `${p.year}-${pad(p.month)}-${pad(p.day)}`,
    time: `${pad(p.hour)}:${pad(p.minute)}`,
    minutes: p.hour * 60 + p.minute,
  };
};

export const cityToday = (instant: Date, tz: string): IsoDate => cityWallClock(instant, tz).date;

/** The instant at which the city's clocks show `date time`. */
export const cityInstant = (date: IsoDate, time: ClockTime, tz: string): Date => {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return instantAt({ year, month, day }, time, tz);
};
