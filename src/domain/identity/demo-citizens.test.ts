import { describe, expect, it } from "vitest";
import { DEMO_CITIZENS, DEMO_OTHERS } from "./demo-citizens.js";
import { checkIdNumber } from "./id-number.js";
import { normalisePhone } from "./phone.js";

describe("demo citizens", () => {
  const all = [...Object.values(DEMO_CITIZENS), ...DEMO_OTHERS];
  it("have valid, obviously synthetic ID numbers matching their birth dates", () => {
    for (const c of all) {
      if (!("idNumber" in c) || !c.idNumber) continue;
      const r = checkIdNumber(c.idNumber);
      expect(r.ok, c.nameZh).toBe(true);
      if (r.ok) {
        expect(r.birthDate).toBe(c.birthDate);
        expect(c.idNumber.slice(0, 6)).toBe("110105");
        expect(c.idNumber.slice(14, 16)).toBe("99");
      }
    }
  });
  it("have unique ids, phones and ID numbers, all phones in E.164", () => {
    expect(new Set(all.map((c) => c.id)).size).toBe(all.length);
    const phones = all.flatMap((c) => ("phone" in c && c.phone ? [c.phone] : []));
    expect(new Set(phones).size).toBe(phones.length);
    for (const p of phones) expect(normalisePhone(p)).toBe(p);
    const ids = all.flatMap((c) => ("idNumber" in c && c.idNumber ? [c.idNumber] : []));
    expect(new Set(ids).size).toBe(ids.length);
    expect(DEMO_OTHERS.length).toBeGreaterThanOrEqual(20);
  });
  it("match the fixed demo callers", () => {
    expect(DEMO_CITIZENS.zhangWei).toMatchObject({ nameZh: "张伟", phone: "+8613800138000" });
    expect(DEMO_CITIZENS.liXiuying).toMatchObject({
      nameZh: "李秀英",
      phone: "+8613900139000",
      birthDate: "1947-09-09",
    });
    expect(DEMO_CITIZENS.wangFang).toMatchObject({ nameZh: "王芳", phone: "+8613700137000", tags: ["newborn-parent"] });
    expect(DEMO_CITIZENS.liXiuying.tags).toEqual(["elderly", "pension-recipient"]);
  });
});
