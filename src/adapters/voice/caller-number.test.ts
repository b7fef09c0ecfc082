import { describe, expect, it } from "vitest";
import { ANONYMOUS, normaliseCalledNumber, normaliseCallerNumber } from "./caller-number.js";

describe("normaliseCallerNumber", () => {
  it("keeps E.164 numbers", () => {
    expect(normaliseCallerNumber("+8613700137000")).toBe("+8613700137000");
    expect(normaliseCallerNumber("+16175551212")).toBe("+16175551212");
  });

  it("adds the mainland country code a domestic trunk leaves off", () => {
    expect(normaliseCallerNumber("13800138000")).toBe("+8613800138000");
    expect(normaliseCallerNumber("8613800138000")).toBe("+8613800138000");
    expect(normaliseCallerNumber("008613800138000")).toBe("+8613800138000");
    expect(normaliseCallerNumber("138 0013 8000")).toBe("+8613800138000");
  });

  it("reads the user part of a SIP URI", () => {
    expect(normaliseCallerNumber("sip:+8613900139000@trunk.example.cn;user=phone")).toBe("+8613900139000");
  });

  it("turns withheld, client and garbage values into anonymous", () => {
    for (const v of ["anonymous", "Restricted", "client:alice", "", "+0", "12345", undefined, 42, ["+8613800138000"]])
      expect(normaliseCallerNumber(v)).toBe(ANONYMOUS);
  });
});

describe("normaliseCalledNumber", () => {
  it("keeps short service numbers and E.164, drops anything else", () => {
    expect(normaliseCalledNumber("12345")).toBe("12345");
    expect(normaliseCalledNumber("+12025550100")).toBe("+12025550100");
    expect(normaliseCalledNumber("sip:12345@gw.example")).toBe("12345");
    expect(normaliseCalledNumber("<x>")).toBeUndefined();
    expect(normaliseCalledNumber(5)).toBeUndefined();
  });
});
