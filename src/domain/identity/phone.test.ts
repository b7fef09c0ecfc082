import { describe, expect, it } from "vitest";
import { isMainlandMobile, normalisePhone, samePhone } from "./phone.js";

describe("normalisePhone", () => {
  it("treats the usual spellings of one mobile as the same E.164 number", () => {
    for (const s of [
      "138 0013 8000",
      "+86 13800138000",
      "8613800138000",
      "13800138000",
      "+86-138-0013-8000",
      "0086 138 0013 8000",
      "(+86) 138.0013.8000",
    ])
      expect(normalisePhone(s), s).toBe("+8613800138000");
    expect(samePhone("138 0013 8000", "8613800138000")).toBe(true);
  });
  it("normalises fixed lines with or without the trunk zero", () => {
    expect(normalisePhone("(010) 6512 3456")).toBe("+861065123456");
    expect(normalisePhone("+86 10 6512 3456")).toBe("+861065123456");
    expect(normalisePhone("0571-8765 4321")).toBe("+8657187654321");
    expect(normalisePhone("+86 571 8765 4321")).toBe("+8657187654321");
  });
  it("keeps numbers from abroad in E.164", () => {
    expect(normalisePhone("+852 9123 4567")).toBe("+85291234567");
    expect(normalisePhone("+1 415 555 0100")).toBe("+14155550100");
  });
  it("refuses what is not a phone number", () => {
    for (const s of [
      "",
      "12345",
      "1380013800",
      "138001380001",
      "23800138000",
      "abc13800138000",
      "12800138000",
      "+86 128 0013 8000",
      "11010519491231002X",
    ])
      expect(normalisePhone(s), s).toBeUndefined();
    expect(samePhone("12345", "12345")).toBe(false);
  });
  it("tells mainland mobiles apart", () => {
    expect(isMainlandMobile("+8613800138000")).toBe(true);
    expect(isMainlandMobile("+861065123456")).toBe(false);
  });
});
