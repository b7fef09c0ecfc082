import { describe, expect, it } from "vitest";
import { maskDigits, maskIdNumber, maskPhone, maskText } from "./mask.js";

describe("masking", () => {
  it("masks an ID number keeping 3 + 4", () => {
    expect(maskIdNumber("11010519491231002X")).toBe("110***********002X");
  });
  it("masks phones in any common spelling", () => {
    expect(maskPhone("+8613800138000")).toBe("138****8000");
    expect(maskPhone("138 0013 8000")).toBe("138****8000");
  });
  it("masks personal data inside free text", () => {
    const out = maskText("我的身份证11010519491231002X，电话+86 138 0013 8000");
    expect(out).not.toContain("19491231");
    expect(out).not.toContain("0013");
    expect(out).toContain("110***********002X");
    expect(out).toContain("138****8000");
  });
  it("stars long digit runs in transcripts", () => {
    expect(maskDigits("验证码 482913")).toBe("验证码 ******");
  });
});
