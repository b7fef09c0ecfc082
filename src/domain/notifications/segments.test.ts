import { describe, expect, it } from "vitest";
import { smsLength } from "./segments.js";

describe("SMS segment counting (70 single, 67 per part)", () => {
  it("counts characters, not UTF-8 bytes", () => {
    expect(smsLength("护照").characters).toBe(2);
    expect(Buffer.byteLength("护照")).toBe(6);
  });

  it("fits 70 characters in one message and needs two for 71", () => {
    expect(smsLength("字".repeat(70))).toEqual({ characters: 70, segments: 1, remaining: 0 });
    expect(smsLength("字".repeat(71))).toEqual({ characters: 71, segments: 2, remaining: 63 });
  });

  it("splits long texts into parts of 67", () => {
    expect(smsLength("字".repeat(134)).segments).toBe(2);
    expect(smsLength("字".repeat(135)).segments).toBe(3);
    expect(smsLength("a".repeat(201)).segments).toBe(3);
    expect(smsLength("a".repeat(202)).segments).toBe(4);
  });

  it("counts a character outside the BMP once", () => {
    expect(smsLength("𠀀").characters).toBe(1);
  });

  it("has no parts for an empty text", () => {
    expect(smsLength("").segments).toBe(0);
  });
});
