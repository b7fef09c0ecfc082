import { describe, expect, it } from "vitest";
import { MAX_SPEECH_CHARS, parseTwilioWebhook } from "./parse-webhook.js";

const base = {
  CallSid: "CA0123456789abcdef0123456789abcdef",
  From: "+8613700137000",
  To: "+12025550100",
  CallStatus: "in-progress",
};

describe("parseTwilioWebhook", () => {
  it("reads an incoming call as the start of a conversation", () => {
    const r = parseTwilioWebhook(
      { ...base, AccountSid: "AC00000000000000000000000000000000", Direction: "inbound" },
      "incoming",
    );
    expect(r).toEqual({
      ok: true,
      value: {
        callSid: base.CallSid,
        from: "+8613700137000",
        to: "+12025550100",
        callStatus: "in-progress",
        turn: { kind: "start" },
      },
    });
  });

  it("reads speech with and without a confidence", () => {
    const a = parseTwilioWebhook({ ...base, SpeechResult: "  我想 预约  办身份证 ", Confidence: "0.91" }, "gather");
    expect(a.ok && a.value.turn).toEqual({ kind: "speech", text: "我想 预约 办身份证", confidence: 0.91 });
    const b = parseTwilioWebhook({ ...base, SpeechResult: "转人工" }, "gather");
    expect(b.ok && b.value.turn).toEqual({ kind: "speech", text: "转人工" });
    const c = parseTwilioWebhook({ ...base, SpeechResult: "好的", Confidence: "high" }, "gather");
    expect(c.ok && c.value.turn).toEqual({ kind: "speech", text: "好的" });
  });

  it("prefers keypad digits, keeping * and #", () => {
    const r = parseTwilioWebhook({ ...base, Digits: "123*", SpeechResult: "" }, "gather");
    expect(r.ok && r.value.turn).toEqual({ kind: "digits", digits: "123*" });
  });

  it("reads an empty or garbled result as silence", () => {
    for (const extra of [{}, { SpeechResult: "   " }, { Digits: "" }, { Digits: "12ab" }, { Digits: "TIMEOUT" }]) {
      const r = parseTwilioWebhook({ ...base, ...extra }, "gather");
      expect(r.ok && r.value.turn).toEqual({ kind: "silence" });
    }
  });

  it("caps very long speech", () => {
    const r = parseTwilioWebhook({ ...base, SpeechResult: "办".repeat(2000) }, "gather");
    const turn = r.ok ? r.value.turn : null;
    expect(turn?.kind === "speech" && turn.text.length).toBe(MAX_SPEECH_CHARS);
  });

  it("refuses requests without a usable CallSid", () => {
    expect(parseTwilioWebhook({ From: "+8613700137000" }, "incoming")).toEqual({
      ok: false,
      reason: "CallSid is missing",
    });
    expect(parseTwilioWebhook({ CallSid: "CA<script>" }, "incoming").ok).toBe(false);
    expect(parseTwilioWebhook({ CallSid: "x".repeat(65) }, "incoming").ok).toBe(false);
    expect(parseTwilioWebhook(null, "incoming").ok).toBe(false);
    expect(parseTwilioWebhook("CallSid=CA1", "incoming").ok).toBe(false);
  });

  it("takes the first value of a repeated field and normalises the caller number", () => {
    const r = parseTwilioWebhook({ ...base, CallSid: [base.CallSid, "CAother"], From: "13800138000" }, "incoming");
    expect(r.ok && r.value.callSid).toBe(base.CallSid);
    expect(r.ok && r.value.from).toBe("+8613800138000");
    const anon = parseTwilioWebhook({ ...base, From: "Anonymous" }, "incoming");
    expect(anon.ok && anon.value.from).toBe("anonymous");
  });

  it("turns an end-of-call status into a hangup event and ignores other statuses", () => {
    for (const s of ["completed", "busy", "failed", "no-answer", "canceled"]) {
      const r = parseTwilioWebhook({ ...base, CallStatus: s }, "status");
      expect(r.ok && r.value.turn).toEqual({ kind: "event", name: "hangup" });
    }
    const ringing = parseTwilioWebhook({ ...base, CallStatus: "ringing" }, "status");
    expect(ringing.ok && ringing.value.turn).toBeNull();
    expect(parseTwilioWebhook({ ...base, CallStatus: "exploded" }, "status").ok).toBe(false);
  });

  it("reads the queue result after a handoff", () => {
    const bridged = parseTwilioWebhook({ ...base, QueueResult: "bridged" }, "queue");
    expect(bridged.ok && bridged.value.turn).toEqual({ kind: "event", name: "hangup" });
    const full = parseTwilioWebhook({ ...base, QueueResult: "queue-full" }, "queue");
    expect(full.ok && full.value.turn).toEqual({ kind: "event", name: "handoff-failed" });
  });
});
