/** Calendar arithmetic on ISO dates (YYYY-MM-DD) and clock times (HH:MM), independent of any time zone. */

export type IsoDate = string;
export type ClockTime = string;

const parts = (d: IsoDate) => d.split("-").map(Number) as [number, number, number];

export const addDays = (d: IsoDate, n: number): IsoDate => {
  const [y, m, day] = parts(d);
  return new Date(Date.UTC(y, m - 1, day + n)).toISOString().slice(0, 10);
};

/** 0 = Sunday … 6 = Saturday */
export const weekdayOf = (d: IsoDate): number => {
  const [y, m, day] = parts(d);
  return new Date(Date.UTC(y, m - 1, day)).getUTCDay();
};

export const daysBetween = (a: IsoDate, b: IsoDate): number => {
  const [y1, m1, d1] = parts(a);
  const [y2, m2, d2] = parts(b);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / 86_400_000);
};

export const toMinutes = (t: ClockTime): number => {
  const [h, m] = t.split(":").map(Number) as [number, number];
  return h * 60 + m;
};

export const fromMinutes = (n: number): ClockTime =>
  `${String(Math.floor(n / 60)).padStart(2, "0")}:${String(n % 60).padStart(2, "0")}`;

export const isClockTime = (t: string): boolean => /^([01]\d|2[0-3]):[0-5]\d$/.test(t);
