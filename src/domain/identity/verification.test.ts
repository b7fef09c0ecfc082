import { describe, expect, it } from "vitest";
import {
  checkLast4,
  formatSmsCode,
  judgeSmsCode,
  LAST4_MAX_FAILURES,
  levelFromCallerNumber,
  mayPerform,
  maySendSmsCode,
  meetsLevel,
  SMS_CODE_MAX_ATTEMPTS,
  strongerLevel,
} from "./verification.js";

describe("verification levels", () => {
  it("orders caller number < last four < full ID with SMS", () => {
    expect(meetsLevel("id-last4", "caller-number")).toBe(true);
    expect(meetsLevel("caller-number", "id-last4")).toBe(false);
    expect(meetsLevel("id-full-sms", "id-last4")).toBe(true);
    expect(meetsLevel("none", "caller-number")).toBe(false);
    expect(strongerLevel("id-last4", "caller-number")).toBe("id-last4");
  });
  it("says which level each action needs", () => {
    expect(mayPerform("none", "general-info")).toEqual({ ok: true });
    expect(mayPerform("caller-number", "view-appointments")).toEqual({ ok: true });
    expect(mayPerform("caller-number", "change-appointment")).toEqual({
      ok: false,
      reason: "verification-needed",
      need: "id-last4",
    });
    expect(mayPerform("id-last4", "book-appointment")).toEqual({ ok: true });
    expect(mayPerform("id-last4", "change-contact-details")).toEqual({
      ok: false,
      reason: "verification-needed",
      need: "id-full-sms",
    });
    expect(mayPerform("id-full-sms", "manage-delegations")).toEqual({ ok: true });
  });
  it("starts at caller-number only when the number is on file", () => {
    expect(levelFromCallerNumber("+8613800138000", ["+8613800138000"])).toBe("caller-number");
    expect(levelFromCallerNumber("+8613800138001", ["+8613800138000"])).toBe("none");
    expect(levelFromCallerNumber(undefined, ["+8613800138000"])).toBe("none");
  });
});

describe("last four", () => {
  it("passes on a match and counts down on a mismatch", () => {
    expect(checkLast4("123X", "123X", 0)).toEqual({ ok: true, level: "id-last4" });
    expect(checkLast4("1234", "123X", 0)).toEqual({
      ok: false,
      reason: "mismatch",
      attemptsLeft: LAST4_MAX_FAILURES - 1,
    });
  });
  it("locks after too many failures, even with the right answer", () => {
    expect(checkLast4("123X", "123X", LAST4_MAX_FAILURES)).toEqual({ ok: false, reason: "locked", attemptsLeft: 0 });
  });
  it("cannot verify a citizen without an ID number on file", () => {
    expect(checkLast4("123X", undefined, 0)).toMatchObject({ ok: false, reason: "no-id-on-file" });
    expect(checkLast4(undefined, "123X", 0)).toMatchObject({ ok: false, reason: "bad-input" });
  });
});

describe("SMS codes", () => {
  const now = new Date("2026-06-01T02:00:00Z");
  const later = (s: number) => new Date(now.getTime() + s * 1000);
  it("formats six digits", () => {
    expect(formatSmsCode(42)).toBe("000042");
    expect(formatSmsCode(1_234_567)).toBe("234567");
  });
  it("limits how often codes are sent", () => {
    expect(maySendSmsCode(now, [])).toEqual({ ok: true });
    expect(maySendSmsCode(now, [later(-30)])).toEqual({
      ok: false,
      reason: "too-many-requests",
      retryAfterSeconds: 30,
    });
    const five = [-3000, -2400, -1800, -1200, -600].map(later);
    expect(maySendSmsCode(now, five)).toMatchObject({ ok: false, reason: "too-many-requests", retryAfterSeconds: 600 });
    expect(maySendSmsCode(now, five.slice(1))).toEqual({ ok: true });
  });
  it("accepts the right code once, before expiry", () => {
    const state = { expiresAt: later(300), attempts: 0 };
    expect(judgeSmsCode(state, true, now)).toEqual({ ok: true, level: "id-full-sms" });
    expect(judgeSmsCode({ ...state, consumedAt: now }, true, now)).toMatchObject({ ok: false, reason: "used" });
    expect(judgeSmsCode(state, true, later(300))).toMatchObject({ ok: false, reason: "expired" });
  });
  it("counts wrong codes and stops at the limit", () => {
    expect(judgeSmsCode({ expiresAt: later(300), attempts: 0 }, false, now)).toEqual({
      ok: false,
      reason: "wrong-code",
      attemptsLeft: SMS_CODE_MAX_ATTEMPTS - 1,
    });
    expect(judgeSmsCode({ expiresAt: later(300), attempts: SMS_CODE_MAX_ATTEMPTS - 1 }, false, now)).toEqual({
      ok: false,
      reason: "too-many-attempts",
      attemptsLeft: 0,
    });
    expect(judgeSmsCode({ expiresAt: later(300), attempts: SMS_CODE_MAX_ATTEMPTS }, true, now)).toMatchObject({
      ok: false,
      reason: "too-many-attempts",
    });
  });
});
