import { describe, expect, it } from "vitest";
import { ageOn, isIsoDate, isMinor } from "./age.js";
import { checkIdNumber, composeIdNumber, idCheckCharacter, normaliseIdNumber, normaliseLast4 } from "./id-number.js";

describe("ID number check digit (ISO 7064 MOD 11-2)", () => {
  it("computes the published example", () => {
    // GB 11643-1999 appendix example: 11010519491231002X
    expect(idCheckCharacter("11010519491231002")).toBe("X");
    expect(checkIdNumber("11010519491231002X")).toMatchObject({
      ok: true,
      birthDate: "1949-12-31",
      sex: "female",
      last4: "002X",
    });
  });
  it("accepts a lower-case x and spaces", () => {
    expect(normaliseIdNumber(" 110105 19491231 002x ")).toBe("11010519491231002X");
    expect(checkIdNumber("110105 19491231 002x").ok).toBe(true);
  });
  it("names what is wrong", () => {
    expect(checkIdNumber("110105194912310021")).toEqual({ ok: false, reason: "check-digit" });
    expect(checkIdNumber("1101051949123100")).toEqual({ ok: false, reason: "format" });
    expect(checkIdNumber("11010519491331002X")).toEqual({ ok: false, reason: "birth-date" });
    expect(checkIdNumber("99010519491231002X")).toEqual({ ok: false, reason: "region" });
    const future = composeIdNumber("110105", "2030-01-01", "991");
    expect(checkIdNumber(future, "2026-06-01")).toEqual({ ok: false, reason: "birth-date" });
    expect(checkIdNumber(future).ok).toBe(true);
  });
  it("composes valid synthetic numbers", () => {
    const id = composeIdNumber("110105", "1988-03-15", "991");
    expect(id).toHaveLength(18);
    expect(checkIdNumber(id)).toMatchObject({ ok: true, birthDate: "1988-03-15", sex: "male" });
  });
  it("normalises a spoken last four", () => {
    expect(normaliseLast4("002x")).toBe("002X");
    expect(normaliseLast4("12 34")).toBe("1234");
    expect(normaliseLast4("12X4")).toBeUndefined();
    expect(normaliseLast4("123")).toBeUndefined();
  });
});

describe("age", () => {
  it("counts completed years", () => {
    expect(ageOn("1988-03-15", "2026-03-14")).toBe(37);
    expect(ageOn("1988-03-15", "2026-03-15")).toBe(38);
    expect(ageOn("2008-02-29", "2026-02-28")).toBe(17);
    expect(ageOn("2008-02-29", "2026-03-01")).toBe(18);
    expect(ageOn("2026-05-01", "2026-05-08")).toBe(0);
  });
  it("knows minors", () => {
    expect(isMinor("2008-06-02", "2026-06-01")).toBe(true);
    expect(isMinor("2008-06-01", "2026-06-01")).toBe(false);
  });
  it("validates ISO dates", () => {
    expect(isIsoDate("2026-02-29")).toBe(false);
    expect(isIsoDate("2028-02-29")).toBe(true);
    expect(isIsoDate("2026-1-1")).toBe(false);
  });
});
