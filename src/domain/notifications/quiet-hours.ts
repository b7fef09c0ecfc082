import { cityInstant, localParts, minutesOfDay, nextDay } from "../time/city-time.js";

/**
 * No non-urgent message may reach a citizen's phone at night. A message due inside the quiet
 * window is not dropped: it is held until the window ends on the city's clocks.
 */

export interface QuietWindow {
  /** HH:MM city time at which quiet begins (inclusive) */
  from: string;
  /** HH:MM city time at which sending may resume */
  to: string;
}

export const DEFAULT_QUIET_WINDOW: QuietWindow = { from: "21:00", to: "08:00" };

export const isQuiet = (at: Date, tz: string, w: QuietWindow = DEFAULT_QUIET_WINDOW): boolean => {
  const p = localParts(at, tz);
  const m = p.hour * 60 + p.minute;
  const from = minutesOfDay(w.from);
  const to = minutesOfDay(w.to);
  // The usual window wraps midnight (21:00 → 08:00); a same-day window (13:00 → 14:00) also works.
  return from > to ? m >= from || m < to : m >= from && m < to;
};

/**
 * When a message planned for `at` may actually be sent: `at` itself outside the window (or when
 * urgent), otherwise the end of the window on the city's clocks.
 */
export const earliestSendTime = (
  at: Date,
  tz: string,
  urgent: boolean,
  w: QuietWindow = DEFAULT_QUIET_WINDOW,
): Date => {
  if (urgent || !isQuiet(at, tz, w)) return at;
  const p = localParts(at, tz);
  const m = p.hour * 60 + p.minute;
  const to = minutesOfDay(w.to);
  // Before midnight the window ends tomorrow morning; after midnight, this morning.
  const day = m >= to ? nextDay(p) : p;
  return cityInstant(day, w.to, tz);
};
