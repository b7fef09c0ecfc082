import { describe, expect, it } from "vitest";
import { parseJambonzWebhook } from "./parse.js";

const base = {
  call_sid: "b7f6c1a2-0000-4000-8000-00000000beef",
  account_sid: "acc",
  application_sid: "app",
  direction: "inbound",
  from: "13800138000",
  to: "12345",
  call_status: "in-progress",
};

describe("parseJambonzWebhook", () => {
  it("reads a new session as the start of a call, normalising a trunk's bare mobile number", () => {
    const r = parseJambonzWebhook({ ...base, sip: { headers: {} }, originating_sip_trunk_name: "trunk" }, "session");
    expect(r).toEqual({
      ok: true,
      value: {
        callSid: base.call_sid,
        from: "+8613800138000",
        to: "12345",
        callStatus: "in-progress",
        turn: { kind: "start" },
      },
    });
  });

  it("reads the best non-empty transcript with its confidence", () => {
    const r = parseJambonzWebhook(
      {
        ...base,
        reason: "speechDetected",
        speech: {
          is_final: true,
          alternatives: [{ transcript: " " }, { transcript: "我的 护照 办好了吗", confidence: 0.72 }],
        },
      },
      "gather",
    );
    expect(r.ok && r.value.turn).toEqual({ kind: "speech", text: "我的 护照 办好了吗", confidence: 0.72 });
  });

  it("reads digits, and a timeout or garbage as silence", () => {
    const d = parseJambonzWebhook({ ...base, reason: "dtmfDetected", digits: "0" }, "gather");
    expect(d.ok && d.value.turn).toEqual({ kind: "digits", digits: "0" });
    for (const extra of [
      { reason: "timeout" },
      { speech: "oops" },
      { speech: { alternatives: "x" } },
      { digits: 12 },
    ]) {
      const r = parseJambonzWebhook({ ...base, ...extra }, "gather");
      expect(r.ok && r.value.turn).toEqual({ kind: "silence" });
    }
  });

  it("drops an out-of-range confidence instead of passing it on", () => {
    const r = parseJambonzWebhook(
      { ...base, speech: { alternatives: [{ transcript: "好的", confidence: 7 }] } },
      "gather",
    );
    expect(r.ok && r.value.turn).toEqual({ kind: "speech", text: "好的" });
  });

  it("refuses bodies without a call id", () => {
    expect(parseJambonzWebhook({ from: "x" }, "session")).toEqual({ ok: false, reason: "call_sid is missing" });
    expect(parseJambonzWebhook([], "session").ok).toBe(false);
    expect(parseJambonzWebhook({ call_sid: "a b" }, "session").ok).toBe(false);
  });

  it("turns end statuses and queue results into events", () => {
    const done = parseJambonzWebhook({ ...base, call_status: "completed" }, "status");
    expect(done.ok && done.value.turn).toEqual({ kind: "event", name: "hangup" });
    const ringing = parseJambonzWebhook({ ...base, call_status: "ringing" }, "status");
    expect(ringing.ok && ringing.value.turn).toBeNull();
    const q = parseJambonzWebhook({ ...base, queueResult: "error" }, "queue");
    expect(q.ok && q.value.turn).toEqual({ kind: "event", name: "handoff-failed" });
  });
});
