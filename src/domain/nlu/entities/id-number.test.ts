import { describe, expect, it } from "vitest";
import { checkIdNumber, findIdNumbers, idCheckCharacter, isValidIdNumber } from "./id-number.js";

// Test numbers built here with the standard's check character (no real person's number).
const withCheck = (first17: string) => first17 + idCheckCharacter(first17);

describe("ID numbers (GB 11643, ISO 7064 MOD 11-2)", () => {
  it("accepts a number whose check character matches, including X", () => {
    expect(isValidIdNumber("11010519491231002X")).toBe(true);
    const n = withCheck("44030419900101123");
    expect(isValidIdNumber(n)).toBe(true);
  });

  it("computes the check character as the standard does", () => {
    expect(idCheckCharacter("11010519491231002")).toBe("X");
    expect(idCheckCharacter("44052418800101001")).toBe("4");
  });

  it("rejects a wrong check digit and says why", () => {
    expect(checkIdNumber("110105194912310021")).toBe("check-digit");
  });

  it("rejects impossible birth dates and region codes", () => {
    expect(checkIdNumber(withCheck("11010519490231002"))).toBe("birth-date");
    expect(checkIdNumber(withCheck("00010519490101002"))).toBe("region");
    expect(checkIdNumber("1101051949123100")).toBe("length");
  });

  it("reports invalid numbers in text as invalid instead of dropping them", () => {
    const found = findIdNumbers("我的身份证号110105194912310021");
    expect(found).toEqual([
      {
        type: "id_number",
        value: "110105194912310021",
        text: "110105194912310021",
        valid: false,
        reason: "check-digit",
      },
    ]);
  });

  it("finds a valid number in text", () => {
    expect(findIdNumbers("号码是11010519491231002X谢谢")[0]).toMatchObject({
      value: "11010519491231002X",
      valid: true,
    });
  });

  it("reports a 17-digit attempt as invalid only when an ID is being talked about", () => {
    expect(findIdNumbers("身份证号11010519491231002")[0]).toMatchObject({ valid: false, reason: "length" });
    // a bank card number is not an ID number
    expect(findIdNumbers("卡号6222020200112233445")).toEqual([]);
  });
});
