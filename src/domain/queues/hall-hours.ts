import type { CalendarYear, Hall, Session } from "../kb/schema.js";
import { hallSessions } from "../appointments/calendar.js";
import { cityDate, localParts } from "../time/city-time.js";

/** Opening hours said briefly (for an SMS) and whether a hall is open at an instant. */

const trim = (t: string) => t.replace(/^0(\d)/, "$1");
const span = (s: Session[]) => (s.length ? `${trim(s[0]!.open)}–${trim(s[s.length - 1]!.close)}` : "");

/** e.g. 周一至周五8:30–17:30，周六9:00–16:30 / Mon–Fri 8:30–17:30, Sat 9:00–16:30 */
export const compactHours = (hall: Pick<Hall, "hours">, locale: "zh" | "en"): string => {
  const wk = span(hall.hours.weekdays);
  const sat = span(hall.hours.saturday);
  const sun = span(hall.hours.sunday);
  const zh = locale === "zh";
  const parts = [zh ? `周一至周五${wk}` : `Mon–Fri ${wk}`];
  if (sat && sat === sun) parts.push(zh ? `周末${sat}` : `Sat–Sun ${sat}`);
  else {
    if (sat) parts.push(zh ? `周六${sat}` : `Sat ${sat}`);
    if (sun) parts.push(zh ? `周日${sun}` : `Sun ${sun}`);
  }
  return parts.join(zh ? "，" : ", ");
};

export interface OpenState {
  open: boolean;
  /** today's sessions, empty when closed all day */
  sessions: Session[];
}

export const openState = (
  hall: Pick<Hall, "hours">,
  at: Date,
  tz: string,
  calendar: readonly CalendarYear[],
): OpenState => {
  const sessions = hallSessions(hall, cityDate(at, tz), calendar);
  const p = localParts(at, tz);
  const hhmm = `${String(p.hour).padStart(2, "0")}:${String(p.minute).padStart(2, "0")}`;
  return { open: sessions.some((s) => hhmm >= s.open && hhmm < s.close), sessions };
};
