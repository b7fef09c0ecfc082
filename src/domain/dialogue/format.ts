import type { Locale } from "./actions.js";

/** Dates and times as they are read out: "明天（11月26日星期四）上午10点", "tomorrow, Thursday 26 November, 10:00". */

const WEEKDAY_ZH = ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"];
const WEEKDAY_EN = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTH_EN = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

const parts = (iso: string) => iso.split("-").map(Number) as [number, number, number];

export const weekday = (iso: string): number => {
  const [y, m, d] = parts(iso);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
};

export const addDays = (iso: string, days: number): string => {
  const [y, m, d] = parts(iso);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
};

const relative = (iso: string, today: string, locale: Locale): string | undefined => {
  const rel = [0, 1, 2].find((n) => addDays(today, n) === iso);
  if (rel === undefined) return undefined;
  return locale === "zh" ? ["今天", "明天", "后天"][rel] : ["today", "tomorrow", "the day after tomorrow"][rel];
};

export const sayDate = (iso: string, today: string, locale: Locale): string => {
  const [, m, d] = parts(iso);
  const rel = relative(iso, today, locale);
  if (locale === "zh") return `${rel ?? ""}${m}月${d}日${WEEKDAY_ZH[weekday(iso)]}`;
  const abs = `${WEEKDAY_EN[weekday(iso)]} ${d} ${MONTH_EN[m - 1]}`;
  return rel ? `${rel}, ${abs}` : abs;
};

export const PARTS_OF_DAY = ["morning", "noon", "afternoon", "evening"] as const;
export const isPartOfDay = (t: string | undefined): boolean => !!t && (PARTS_OF_DAY as readonly string[]).includes(t);

export const sayTime = (time: string, locale: Locale): string => {
  if (isPartOfDay(time)) {
    const zh: Record<string, string> = { morning: "上午", noon: "中午", afternoon: "下午", evening: "晚上" };
    return locale === "zh" ? zh[time]! : `in the ${time}`;
  }
  const [h, min] = time.split(":").map(Number) as [number, number];
  if (locale === "en") return time;
  const part = h < 12 ? "上午" : h < 13 ? "中午" : "下午";
  const hour = h > 12 ? h - 12 : h;
  return `${part}${hour}点${min === 0 ? "" : min === 30 ? "半" : `${min}分`}`;
};

/** Whether a slot time falls in a part of the day. */
export const inPartOfDay = (time: string, part: string): boolean => {
  const h = Number(time.slice(0, 2));
  if (part === "morning") return h < 12;
  if (part === "noon") return h >= 11 && h < 14;
  if (part === "afternoon") return h >= 12 && h < 18;
  if (part === "evening") return h >= 17;
  return true;
};

/** "08:30" → "8:30" for opening hours. */
export const shortClock = (t: string): string => t.replace(/^0(\d)/, "$1");

export const list = (items: string[], locale: Locale, joiner?: string): string => {
  if (items.length <= 1) return items.join("");
  if (locale === "zh") return `${items.slice(0, -1).join("、")}${joiner ?? "和"}${items.at(-1)}`;
  return `${items.slice(0, -1).join(", ")} ${joiner ?? "and"} ${items.at(-1)}`;
};
