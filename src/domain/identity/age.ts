/** Dates are ISO strings (YYYY-MM-DD) in the city's calendar; "today" always comes from the caller. */

export type IsoDate = string;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

export const isIsoDate = (s: string): boolean => {
  const m = ISO.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
};

/** Completed years on `today`; a person born on 29 February turns a year older on 1 March in common years. */
export const ageOn = (birthDate: IsoDate, today: IsoDate): number => {
  const [by, bm, bd] = birthDate.split("-").map(Number) as [number, number, number];
  const [ty, tm, td] = today.split("-").map(Number) as [number, number, number];
  let age = ty - by;
  if (tm < bm || (tm === bm && td < bd)) age--;
  return Math.max(0, age);
};

export const ADULT_AGE = 18;
/** The age from which the demo city's elderly services (priority seat, 老年人专席) apply. */
export const ELDERLY_AGE = 60;

export const isMinor = (birthDate: IsoDate, today: IsoDate): boolean => ageOn(birthDate, today) < ADULT_AGE;
