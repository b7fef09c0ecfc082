import { describe, expect, it } from "vitest";
import { consentState, currentConsent, hasConsent, type ConsentRecord } from "./consent.js";

const at = (s: string) => new Date(s);
const records: ConsentRecord[] = [
  { purpose: "sms-notifications", granted: true, recordedAt: at("2026-01-01T00:00:00Z"), channel: "phone" },
  { purpose: "sms-notifications", granted: false, recordedAt: at("2026-03-01T00:00:00Z"), channel: "web" },
  { purpose: "call-recording", granted: true, recordedAt: at("2026-02-01T00:00:00Z"), channel: "phone" },
];

describe("consents", () => {
  it("the latest record for a purpose holds", () => {
    expect(hasConsent(records, "sms-notifications")).toBe(false);
    expect(currentConsent(records, "sms-notifications")?.channel).toBe("web");
    expect(hasConsent(records, "call-recording")).toBe(true);
  });
  it("no record means no consent", () => {
    expect(hasConsent(records, "proactive-reminders")).toBe(false);
    expect(Object.keys(consentState(records)).sort()).toEqual(["call-recording", "sms-notifications"]);
  });
});
