import { describe, expect, it } from "vitest";
import { findPhones, isMainlandMobile } from "./phone.js";

describe("mainland mobile numbers", () => {
  it("accepts 1[3-9] followed by nine digits", () => {
    expect(isMainlandMobile("13812345678")).toBe(true);
    expect(isMainlandMobile("19912345678")).toBe(true);
  });

  it("flags other 11-digit numbers starting with 1 as invalid", () => {
    expect(findPhones("电话12812345678")).toEqual([
      { type: "phone", value: "12812345678", text: "12812345678", valid: false },
    ]);
  });

  it("strips a +86 prefix and ignores digits inside longer numbers", () => {
    expect(findPhones("打+8613912345678")[0]).toMatchObject({ value: "13912345678", valid: true });
    expect(findPhones("11010519491231002X")).toEqual([]);
  });
});
