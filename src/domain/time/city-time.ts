/**
 * Wall-clock time in the city's zone. Pure: the instant always comes from the caller, and the
 * zone rules come from the runtime's ICU data (no I/O), so the same inputs give the same answer.
 */

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const formatter = (tz: string) => {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: tz,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      weekday: "short",
    });
    formatters.set(tz, f);
  }
  return f;
};

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

export const localParts = (at: Date, tz: string): LocalParts & { second: number } => {
  const parts = Object.fromEntries(
    formatter(tz)
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS.indexOf(parts.weekday ?? ""),
  };
};

/** Minutes the zone is ahead of UTC at this instant (+480 for Asia/Shanghai). */
export const offsetMinutes = (at: Date, tz: string): number => {
  const p = localParts(at, tz);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60000);
};

/** The instant at which the city's clocks show this date and time. */
export const cityInstant = (date: { year: number; month: number; day: number }, hhmm: string, tz: string): Date => {
  const [h, m] = hhmm.split(":").map(Number) as [number, number];
  const guess = Date.UTC(date.year, date.month - 1, date.day, h, m);
  // Two passes settle the offset even on a day the zone changes its offset.
  let t = guess - offsetMinutes(new Date(guess), tz) * 60000;
  t = guess - offsetMinutes(new Date(t), tz) * 60000;
  return new Date(t);
};

/** YYYY-MM-DD of the city's calendar at this instant. */
export const cityDate = (at: Date, tz: string): string => {
  const p = localParts(at, tz);
  return `${p.year}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
};

/** HH:MM on the city's clocks. */
export const cityTime = (at: Date, tz: string): string => {
  const p = localParts(at, tz);
  return `${String(p.hour).padStart(2, "0")}:${String(p.minute).padStart(2, "0")}`;
};

export const minutesOfDay = (hhmm: string): number => {
  const [h, m] = hhmm.split(":").map(Number) as [number, number];
  return h * 60 + m;
};

/** The calendar day after `date` (YYYY-MM-DD). */
export const nextDay = (d: { year: number; month: number; day: number }) => {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + 1));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
};
