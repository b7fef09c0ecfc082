import { describe, expect, it } from "vitest";
import type { CallerProfile } from "../context.js";
import {
  digits,
  kinds,
  lastAsk,
  newCall,
  nlu,
  speech,
  spoken,
  start,
  turn,
  type Call,
  type Resolver,
} from "../testing/harness.js";

/** Synthetic IDs (valid MOD 11-2 check characters, obviously fake birth years). */
const GOOD_ID = "11010119000101009X";
const BAD_ID = "110101190001010091";
const known: CallerProfile = {
  known: true,
  ref: "cit-1",
  appointments: [],
  ready: [{ itemCode: "passport.apply", hallCode: "hall.exit-entry" }],
  events: [],
};

const progress: Resolver = {
  "verify-last4": (n) => (n.digits === "009X" ? { ok: true, citizenRef: "cit-1", age: 34 } : { ok: false }),
  progress: (n) => ({
    applications:
      n.citizenRef === "cit-1" ? [{ itemCode: "passport.apply", status: "ready", hallCode: "hall.exit-entry" }] : [],
  }),
  link: () => ({ url: "https://civic.example/s/p" }),
};

const askProgress = (profile: CallerProfile = known): Call => {
  const call = newCall();
  turn(call, start, { profile });
  turn(call, speech("我的护照办好了没有"), {
    nlu: nlu("meta.progress", { entities: [{ type: "document", value: "passport" }] }),
  });
  return call;
};

describe("verification before progress", () => {
  it("asks a recognised caller for the last four ID characters by keypad, with the recording paused", () => {
    const call = newCall();
    turn(call, start, { profile: known });
    const out = turn(call, speech("我的护照办好了没有"), { nlu: nlu("meta.progress") });
    expect(spoken(out)).toContain("需要先核实您的身份");
    expect(kinds(out).slice(-2)).toEqual(["pause-recording", "ask"]);
    const ask = lastAsk(out)!;
    expect(ask).toMatchObject({ input: ["digits"], numDigits: 4, sensitive: true });
    expect(ask.prompt).toContain("字母X请按星号键");
    expect(out.state.recordingPaused).toBe(true);
    expect(out.events.map((e) => e.type)).toContain("recording-paused");
  });

  it("reads * as X, resumes the recording, and tells the verified caller the status and where to collect", () => {
    const call = askProgress();
    const out = turn(call, digits("009*"), { resolve: progress });
    expect(call.resolved).toContainEqual({ kind: "verify-last4", citizenRef: "cit-1", digits: "009X" });
    expect(kinds(out)[0]).toBe("resume-recording");
    expect(spoken(out)).toContain("身份核实成功");
    expect(spoken(out)).toContain("您的护照已经办好，可以领取");
    expect(spoken(out)).toContain("请带本人身份证到出入境接待大厅领取");
    expect(out.state.verification).toEqual({ level: "last4", citizenRef: "cit-1", failures: 0 });
    expect(out.state.recordingPaused).toBe(false);
    const sms = turn(call, digits("1"), { resolve: progress });
    expect(sms.actions.find((a) => a.kind === "send-sms")).toMatchObject({
      templateId: "sms.application-status",
      variables: { documentName: "护照", status: "已经办好，可以领取" },
    });
  });

  it("gives three tries, then tells nothing and offers a person", () => {
    const call = askProgress();
    const first = turn(call, digits("1234"), { resolve: progress });
    expect(lastAsk(first)!.prompt).toContain("号码不匹配");
    expect(kinds(first)).not.toContain("resume-recording");
    turn(call, digits("4321"), { resolve: progress });
    const third = turn(call, digits("0000"), { resolve: progress });
    expect(spoken(third)).toContain("身份没有核实成功");
    expect(spoken(third)).not.toContain("办好");
    expect(kinds(third)[0]).toBe("resume-recording");
    expect(third.state.pending).toEqual({ kind: "human-offer", reason: "verification-failed" });
    expect(call.resolved.filter((n) => n.kind === "progress")).toHaveLength(0);
    expect(turn(call, digits("1")).actions.find((a) => a.kind === "handoff")).toMatchObject({
      reason: "verification-failed",
    });
  });

  it("takes an unknown number through the full ID by keypad and an SMS code", () => {
    const resolver: Resolver = {
      "start-sms-challenge": (n) => ({ challengeId: n.idNumber === GOOD_ID ? "chal-9" : null }),
      "check-sms-code": (n) =>
        n.challengeId === "chal-9" && n.code === "246810" ? { ok: true, citizenRef: "cit-2" } : { ok: false },
      progress: () => ({ applications: [{ itemCode: "passport.apply", status: "producing" }] }),
    };
    const call = askProgress({ known: false, appointments: [], ready: [], events: [] });
    expect(lastAsk(call.last!)).toMatchObject({ numDigits: 18, finishOnKey: "#", sensitive: true });
    const codeAsk = turn(call, digits("11010119000101009*#"), { resolve: resolver });
    expect(call.resolved).toContainEqual({ kind: "start-sms-challenge", idNumber: GOOD_ID });
    expect(lastAsk(codeAsk)!.prompt).toContain("6位验证码");
    expect(codeAsk.state.pending).toMatchObject({ kind: "verify-code", challengeId: "chal-9" });
    // the ID number is never kept
    expect(JSON.stringify(codeAsk.state)).not.toContain("0101009");
    const out = turn(call, digits("246810"), { resolve: resolver });
    expect(out.state.verification.level).toBe("id-sms");
    expect(spoken(out)).toContain("您的护照已经审核通过，正在制证");
  });

  it("says so when an ID number fails its check digit, looks nothing up, and asks again", () => {
    const call = askProgress({ known: false, appointments: [], ready: [], events: [] });
    const out = turn(call, digits(BAD_ID), { resolve: {} });
    expect(lastAsk(out)!.prompt).toContain("校验不通过");
    expect(out.state.pending).toMatchObject({ kind: "verify-id", tries: 1 });
    expect(call.resolved).toHaveLength(0);
    expect(out.events).toContainEqual({ type: "id-number-rejected", payload: { problem: "check-digit" } });
    const short = turn(call, digits("1101011900"), { resolve: {} });
    expect(lastAsk(short)!.prompt).toContain("位数不对");
  });

  it("answers the same whether or not the ID is on file, so nothing is revealed about others", () => {
    const resolver: Resolver = { "start-sms-challenge": () => ({ challengeId: null }) };
    const call = askProgress({ known: false, appointments: [], ready: [], events: [] });
    const out = turn(call, digits(GOOD_ID), { resolve: resolver });
    expect(lastAsk(out)!.prompt).toContain("如果这个身份证号码登记了手机");
    const wrong = turn(call, digits("123456"), { resolve: {} });
    expect(lastAsk(wrong)!.prompt).toContain("验证码不正确");
  });

  it("accepts an ID number said aloud, checking it the same way", () => {
    const call = newCall();
    turn(call, start);
    const bad = turn(call, speech("查一下进度，身份证号是一一零一零一一九零零零一零一零零九一"), {
      nlu: nlu("meta.progress", {
        entities: [{ type: "id_number", value: BAD_ID, valid: false, reason: "check-digit" }],
      }),
    });
    expect(spoken(bad)).toContain("校验不通过");
    expect(call.resolved).toHaveLength(0);
  });

  it("lets a caller say 0 while keying, resuming the recording before the handoff", () => {
    const call = askProgress();
    const out = turn(call, digits("0"));
    expect(kinds(out)).toEqual(["resume-recording", "say", "handoff"]);
  });

  it("does not resume the recording of a call that hung up while keying", () => {
    const call = askProgress();
    const out = turn(call, { kind: "event", name: "hangup" });
    expect(out.actions).toEqual([]);
    expect(out.state).toMatchObject({ status: "ended", recordingPaused: false });
  });

  it("does not repeat verification for a caller already verified in this call", () => {
    const call = askProgress();
    turn(call, digits("009X"), { resolve: progress });
    turn(call, digits("2"));
    const again = turn(call, speech("护照进度再说一下"), { nlu: nlu("meta.progress"), resolve: progress });
    expect(spoken(again)).not.toContain("核实您的身份");
    expect(spoken(again)).toContain("您的护照已经办好");
  });

  it("explains that a family member's progress needs them or an authorisation", () => {
    const call = newCall();
    turn(call, start, { profile: known });
    const out = turn(call, speech("我女儿的护照办好了吗"), {
      nlu: nlu("meta.progress", { entities: [{ type: "person", value: "child" }] }),
    });
    expect(spoken(out)).toContain("需要家人本人来电核实身份");
    expect(out.state.pending).toEqual({ kind: "human-offer", reason: "family-progress" });
  });

  it("does not give new tries when the caller asks again mid-verification, nor after a failure", () => {
    const call = askProgress();
    turn(call, digits("1111"), { resolve: progress });
    const again = turn(call, speech("我就想知道护照进度"), { nlu: nlu("meta.progress") });
    expect(again.state.pending).toMatchObject({ kind: "verify-last4", tries: 1 });
    turn(call, digits("2222"), { resolve: progress });
    turn(call, digits("3333"), { resolve: progress });
    turn(call, digits("2"));
    const after = turn(call, speech("那再查一次护照进度"), { nlu: nlu("meta.progress") });
    expect(after.state.pending).toEqual({ kind: "human-offer", reason: "verification-failed" });
    expect(call.resolved.filter((n) => n.kind === "progress")).toHaveLength(0);
  });

  it("tells a caller who volunteers an ID number for a general question that it is not needed", () => {
    const call = newCall();
    turn(call, start);
    const out = turn(call, speech(`我的身份证号是${GOOD_ID}`), { nlu: nlu("out-of-scope", { confidence: 0.4 }) });
    expect(spoken(out)).toContain("咨询怎么办理不需要提供身份证号码");
    expect(call.resolved).toHaveLength(0);
    expect(spoken(out)).not.toContain(GOOD_ID.slice(-4));
  });

  it("puts a caller who keeps talking instead of keying the ID through to a person after three turns", () => {
    const call = newCall();
    turn(call, start);
    turn(call, speech("我要约个时间换护照"), {
      nlu: nlu("passport.renew", { entities: [{ type: "situation", value: "book" }] }),
    });
    const d = (day: string) => nlu("meta.appointment.book", { entities: [{ type: "date", value: day }] });
    expect(spoken(turn(call, speech("下周二"), { nlu: d("2026-12-01") }))).toContain("记下了");
    expect(spoken(turn(call, speech("不，下周三"), { nlu: d("2026-12-02") }))).toContain("记下了");
    const out = turn(call, speech("还是周四吧"), { nlu: d("2026-12-03") });
    expect(kinds(out)).toEqual(["resume-recording", "say", "handoff"]);
  });
});
