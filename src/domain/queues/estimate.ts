/**
 * How long a citizen who takes a ticket now will wait. We know how many are waiting for the item,
 * how long recent citizens took at the window, and how many windows have been calling the item.
 * Without recent data the hall's typical service time is assumed, so a quiet morning still shows
 * a sensible figure.
 */

export const DEFAULT_SERVICE_MINUTES = 8;

export interface WaitInputs {
  waiting: number;
  /** minutes from call to served for recently served tickets of this item */
  recentServiceMinutes: number[];
  /** windows that called this item recently (at least one is assumed while the hall is open) */
  activeCounters: number;
  defaultServiceMinutes?: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

export const estimateWaitMinutes = (i: WaitInputs): number => {
  if (i.waiting <= 0) return 0;
  // Outliers (a window left open over lunch) should not swing the estimate: take the median
  // and ignore impossible values.
  const sane = i.recentServiceMinutes.filter((m) => m > 0 && m < 240);
  const per = sane.length >= 3 ? median(sane) : (i.defaultServiceMinutes ?? DEFAULT_SERVICE_MINUTES);
  const counters = Math.max(1, i.activeCounters);
  return Math.ceil((i.waiting * per) / counters);
};
