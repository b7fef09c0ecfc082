import { describe, expect, it } from "vitest";
import { findAges } from "./age.js";
import { findDates, findTimes } from "./dates.js";

// 2026-11-25 is a Wednesday.
const TODAY = "2026-11-25";
const dates = (text: string) => findDates(text, TODAY).map((f) => f.entity.value);
const times = (text: string) => findTimes(text).map((f) => f.entity.value);

describe("dates resolved against today", () => {
  it("relative days", () => {
    expect(dates("明天上午去")).toEqual(["2026-11-26"]);
    expect(dates("后天")).toEqual(["2026-11-27"]);
    expect(dates("大后天")).toEqual(["2026-11-28"]);
    expect(dates("昨天丢的")).toEqual(["2026-11-24"]);
  });

  it("weekdays: 下周三 is in next week; a bare weekday is the next one from today", () => {
    expect(dates("下周三")).toEqual(["2026-12-02"]);
    expect(dates("下星期一")).toEqual(["2026-11-30"]);
    expect(dates("周五")).toEqual(["2026-11-27"]);
    expect(dates("礼拜三")).toEqual(["2026-11-25"]);
    expect(dates("周一")).toEqual(["2026-11-30"]);
    expect(dates("这周五")).toEqual(["2026-11-27"]);
    expect(dates("上周五")).toEqual(["2026-11-20"]);
  });

  it("month and day, in digits or Chinese numerals", () => {
    expect(dates("12月1日")).toEqual(["2026-12-01"]);
    expect(dates("十二月二十五号")).toEqual(["2026-12-25"]);
    // March has passed long ago this year: next March is meant
    expect(dates("3月5号")).toEqual(["2027-03-05"]);
    expect(dates("2027年1月10日")).toEqual(["2027-01-10"]);
    expect(dates("二〇二七年一月十日")).toEqual(["2027-01-10"]);
    expect(dates("2026-12-03")).toEqual(["2026-12-03"]);
  });

  it("a day of the month alone is this month's, or next month's once it has passed", () => {
    expect(dates("28号下午")).toEqual(["2026-11-28"]);
    expect(dates("5号")).toEqual(["2026-12-05"]);
    expect(dates("下个月3号")).toEqual(["2026-12-03"]);
  });

  it("does not mistake numbers for dates", () => {
    expect(dates("坐1号线")).toEqual([]);
    expect(dates("身份证号码")).toEqual([]);
    expect(dates("3号窗口")).toEqual([]);
  });
});

describe("times", () => {
  it("parts of the day", () => {
    expect(times("明天上午")).toEqual(["morning"]);
    expect(times("周五下午有空")).toEqual(["afternoon"]);
  });

  it("clock times, afternoon-aware", () => {
    expect(times("下午三点")).toEqual(["afternoon", "15:00"]);
    expect(times("十点半")).toEqual(["10:30"]);
    expect(times("9:30")).toEqual(["09:30"]);
  });

  it("does not read 快一点 as one o'clock", () => {
    expect(times("能不能快一点")).toEqual([]);
  });
});

describe("ages", () => {
  it("years, Chinese numerals, 多 and 满", () => {
    expect(findAges("孩子十六岁了").map((a) => a.value)).toEqual(["16"]);
    expect(findAges("我爸七十多岁").map((a) => a.value)).toEqual(["70"]);
    expect(findAges("满18周岁").map((a) => a.value)).toEqual(["18"]);
  });

  it("a baby's months are age 0", () => {
    expect(findAges("宝宝三个月大").map((a) => a.value)).toEqual(["0"]);
  });
});
