import type { ClockTime, IsoDate } from "./dates.js";

/**
 * Converting between instants and the city's wall clock. The city's zone (Asia/Shanghai by default)
 * is a parameter; the conversion itself is a pure function of its inputs.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();
const formatter = (tz: string) => {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", {
      timeZone: tz,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    });
    formatters.set(tz, f);
  }
  return f;
};

export interface CityWallClock {
  date: IsoDate;
  time: ClockTime;
  /** minutes since local midnight */
  minutes: number;
}

export const cityWallClock = (instant: Date, tz: string): CityWallClock => {
  const p = Object.fromEntries(
    formatter(tz)
      .formatToParts(instant)
      .map((x) => [x.type, x.value]),
  );
  const date = `${p.year}-${p.month}-${p.day}`;
  const time = `${p.hour}:${p.minute}`;
  return { date, time, minutes: Number(p.hour) * 60 + Number(p.minute) };
};

export const cityToday = (instant: Date, tz: string): IsoDate => cityWallClock(instant, tz).date;

const offsetMs = (instant: Date, tz: string): number => {
  const p = Object.fromEntries(
    formatter(tz)
      .formatToParts(instant)
      .map((x) => [x.type, x.value]),
  );
  const asUtc = Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
    Number(p.second),
  );
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
};

/** The instant at which the city's clocks show `date time`. */
export const cityInstant = (date: IsoDate, time: ClockTime, tz: string): Date => {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const [hh, mm] = time.split(":").map(Number) as [number, number];
  const naive = Date.UTC(y, m - 1, d, hh, mm);
  // Two rounds settle the offset even across a daylight-saving change.
  let t = naive - offsetMs(new Date(naive), tz);
  t = naive - offsetMs(new Date(t), tz);
  return new Date(t);
};
