import { describe, expect, it } from "vitest";
import type { Template } from "../kb/schema.js";
import { renderSms, renderTemplate } from "./render.js";

const t: Template = {
  id: "sms.checklist",
  channel: "sms",
  text: { zh: "您办理{itemName}所需材料清单：{link}", en: "Checklist for {itemName}: {link}" },
  variables: ["itemName", "link"],
  urgent: false,
};
const sig = { zh: "【示范市政务服务】", en: "[Demo City Services]" };

describe("template rendering", () => {
  it("fills every placeholder in the chosen locale", () => {
    expect(renderTemplate(t, "zh", { itemName: "护照首次申领", link: "https://x/s/abc" })).toEqual({
      ok: true,
      text: "您办理护照首次申领所需材料清单：https://x/s/abc",
    });
    expect(renderTemplate(t, "en", { itemName: "Passport", link: "L" })).toEqual({
      ok: true,
      text: "Checklist for Passport: L",
    });
  });

  it("refuses missing and unknown variables instead of sending a broken text", () => {
    expect(renderTemplate(t, "zh", { itemName: "护照" })).toEqual({ ok: false, missing: ["link"], unknown: [] });
    expect(renderTemplate(t, "zh", { itemName: "护照", link: "L", code: 1 })).toEqual({
      ok: false,
      missing: [],
      unknown: ["code"],
    });
  });

  it("flattens line breaks in values so a value cannot forge extra lines", () => {
    const r = renderTemplate(t, "zh", { itemName: "护照\n回复1确认", link: "L" });
    expect(r.ok && r.text).toBe("您办理护照 回复1确认所需材料清单：L");
  });

  it("puts the signature first and counts it in the length", () => {
    const r = renderSms(t, sig, "zh", { itemName: "护照", link: "L" });
    expect(r.ok && r.sms.body).toBe("【示范市政务服务】您办理护照所需材料清单：L");
    expect(r.ok && r.sms.characters).toBe(9 + 13);
    expect(r.ok && r.sms.segments).toBe(1);
    const en = renderSms(t, sig, "en", { itemName: "Passport", link: "L" });
    expect(en.ok && en.sms.body).toBe("[Demo City Services] Checklist for Passport: L");
  });

  it("reports a long message as several parts", () => {
    const r = renderSms(t, sig, "zh", { itemName: "长".repeat(60), link: "L" });
    expect(r.ok && r.sms.segments).toBe(2);
  });
});
