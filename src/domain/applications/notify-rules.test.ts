import { describe, expect, it } from "vitest";
import { noticesForStatus } from "./notify-rules.js";

describe("which status changes are notified", () => {
  it("tells the citizen when the document is ready, by SMS and, if chosen, by a call", () => {
    expect(noticesForStatus("ready", ["sms"])).toEqual([{ template: "sms.certificate-ready", channel: "sms" }]);
    expect(noticesForStatus("ready", ["sms", "voice"])).toEqual([
      { template: "sms.certificate-ready", channel: "sms" },
      { template: "voice.certificate-ready", channel: "voice" },
    ]);
    expect(noticesForStatus("ready", ["voice"])).toEqual([{ template: "voice.certificate-ready", channel: "voice" }]);
  });

  it("tells them when they must act: correction, refusal", () => {
    expect(noticesForStatus("returned", ["sms"])).toEqual([
      { template: "sms.returned-for-correction", channel: "sms" },
    ]);
    expect(noticesForStatus("rejected", ["sms"])).toEqual([{ template: "sms.application-status", channel: "sms" }]);
  });

  it("stays quiet for acceptance at the counter, intermediate steps and collection", () => {
    for (const s of ["accepted", "reviewing", "producing", "collected"] as const)
      expect(noticesForStatus(s, ["sms", "voice"])).toEqual([]);
  });

  it("sends nothing when the citizen chose no channel", () => {
    expect(noticesForStatus("ready", [])).toEqual([]);
  });
});
