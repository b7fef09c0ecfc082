import type { Entity } from "../types.js";
import { CN_NUMBER, parseCnNumber } from "./cn-number.js";

/**
 * Dates and times as callers say them, resolved against the caller's `today` (never the machine
 * clock). Weeks start on Monday, as in Chinese usage: 下周三 is the Wednesday of next week, 周三 on
 * its own is the next Wednesday from today (today included).
 */
const N = `(\\d{1,4}|${CN_NUMBER})`;
const WEEKDAY: Record<string, number> = {
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  日: 7,
  天: 7,
  "1": 1,
  "2": 2,
  "3": 3,
  "4": 4,
  "5": 5,
  "6": 6,
  "7": 7,
};
const RELATIVE_DAY: Record<string, number> = {
  大前天: -3,
  前天: -2,
  昨天: -1,
  昨日: -1,
  今天: 0,
  今日: 0,
  明天: 1,
  明日: 1,
  后天: 2,
  大后天: 3,
};

interface Found {
  start: number;
  end: number;
  entity: Entity;
}

function parseIso(today: string): Date {
  const [y, m, d] = today.split("-").map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!));
}

function iso(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86400000);
}

/** Monday = 1 … Sunday = 7 */
function isoWeekday(date: Date): number {
  return date.getUTCDay() === 0 ? 7 : date.getUTCDay();
}

function validDate(y: number, m: number, d: number): Date | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? date : null;
}

export function findDates(text: string, today: string): Found[] {
  const base = parseIso(today);
  const found: Found[] = [];
  const push = (m: RegExpMatchArray, date: Date | null) => {
    if (!date) return;
    const start = m.index!;
    if (found.some((f) => start < f.end && start + m[0].length > f.start)) return;
    found.push({ start, end: start + m[0].length, entity: { type: "date", value: iso(date), text: m[0] } });
  };

  for (const m of text.matchAll(/(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})/g)) push(m, validDate(+m[1]!, +m[2]!, +m[3]!));
  const full = new RegExp(`(?:${N}年)?${N}月(?:份)?${N}(?:日|号)`, "g");
  for (const m of text.matchAll(full)) {
    const month = parseCnNumber(m[2]!);
    const day = parseCnNumber(m[3]!);
    if (month === null || day === null) continue;
    let year = m[1] ? parseCnNumber(m[1]) : base.getUTCFullYear();
    if (year !== null && year < 100) year += 2000;
    let date = year === null ? null : validDate(year, month, day);
    // Without a year, a date long past means next year's (people book ahead; they rarely recall a year-old date).
    if (date && !m[1] && date.getTime() < addDays(base, -183).getTime()) date = validDate(year! + 1, month, day);
    push(m, date);
  }
  const monthDay = new RegExp(`(下个?月|这个?月|本月|上个?月)?${N}(?:日|号)(?!码|线|楼|窗|门|台|厅|馆)`, "g");
  for (const m of text.matchAll(monthDay)) {
    const day = parseCnNumber(m[2]!);
    if (day === null || day < 1 || day > 31) continue;
    const shift = !m[1] ? 0 : m[1].startsWith("下") ? 1 : m[1].startsWith("上") ? -1 : 0;
    let y = base.getUTCFullYear();
    let mo = base.getUTCMonth() + 1 + shift;
    // 5号 on its own, once this month's 5th has passed, is next month's.
    if (!m[1] && day < base.getUTCDate()) mo += 1;
    if (mo > 12) [y, mo] = [y + 1, mo - 12];
    if (mo < 1) [y, mo] = [y - 1, mo + 12];
    push(m, validDate(y, mo, day));
  }
  for (const m of text.matchAll(/(下下|下个?|这个?|本|上个?)?(?:周|星期|礼拜)([一二三四五六日天1-7])/g)) {
    const target = WEEKDAY[m[2]!]!;
    const prefix = m[1] ?? "";
    const monday = addDays(base, 1 - isoWeekday(base));
    let date: Date;
    if (!prefix) {
      const ahead = (target - isoWeekday(base) + 7) % 7;
      date = addDays(base, ahead);
    } else {
      const weeks = prefix.startsWith("下下") ? 2 : prefix.startsWith("下") ? 1 : prefix.startsWith("上") ? -1 : 0;
      date = addDays(monday, weeks * 7 + target - 1);
    }
    push(m, date);
  }
  for (const m of text.matchAll(/(下|这)?(?:个)?(?:周末)/g)) {
    const saturday = addDays(base, 6 - isoWeekday(base) + (m[1] === "下" ? 7 : 0));
    push(m, isoWeekday(base) === 7 && m[1] !== "下" ? base : saturday);
  }
  for (const m of text.matchAll(/大前天|前天|昨天|昨日|今天|今日|大后天|明天|明日|后天/g))
    push(m, addDays(base, RELATIVE_DAY[m[0]]!));
  return found.sort((a, b) => a.start - b.start);
}

const PERIODS: Array<[RegExp, string]> = [
  [/上午|早上|早晨|清早|一早/, "morning"],
  [/中午/, "noon"],
  [/下午|午后/, "afternoon"],
  [/晚上|傍晚|夜里/, "evening"],
];

export function findTimes(text: string): Found[] {
  const found: Found[] = [];
  const clock = new RegExp(`${N}(?:点|:|：)(半|${N}分?|\\d{2})?`, "g");
  for (const m of text.matchAll(clock)) {
    if (m[0].endsWith(":") || m[0].endsWith("：")) continue;
    // 快一点 / 有一点 / 一点儿 are "a little", not one o'clock.
    if (/[快慢早晚好有差多少大小近远再]$/.test(text.slice(0, m.index!)) || text[m.index! + m[0].length] === "儿")
      continue;
    let hour = parseCnNumber(m[1]!);
    if (hour === null || hour > 24) continue;
    const minutes = !m[2] ? 0 : m[2] === "半" ? 30 : parseCnNumber(m[2].replace("分", ""));
    if (minutes === null || minutes > 59) continue;
    const before = text.slice(Math.max(0, m.index! - 3), m.index!);
    if (/下午|晚上|傍晚/.test(before) && hour < 12) hour += 12;
    const start = m.index!;
    found.push({
      start,
      end: start + m[0].length,
      entity: {
        type: "time",
        value: `${String(hour).padStart(2, "0")}:${String(minutes).padStart(2, "0")}`,
        text: m[0],
      },
    });
  }
  for (const [re, value] of PERIODS) {
    const m = text.match(re);
    if (m && !found.some((f) => f.entity.value === value))
      found.push({ start: m.index!, end: m.index! + m[0].length, entity: { type: "time", value, text: m[0] } });
  }
  return found.sort((a, b) => a.start - b.start);
}
