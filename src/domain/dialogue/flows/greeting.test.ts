import { describe, expect, it } from "vitest";
import type { CallerProfile } from "../context.js";
import { lastAsk, newCall, spoken, start, turn } from "../testing/harness.js";

const withAppointment: CallerProfile = {
  known: true,
  age: 38,
  appointments: [
    { ref: "appt-1", itemCode: "passport.renew", hallCode: "hall.exit-entry", date: "2026-11-26", time: "10:00" },
  ],
  ready: [],
  events: [],
};

const withPickupAndBaby: CallerProfile = {
  known: true,
  age: 34,
  appointments: [],
  ready: [{ itemCode: "passport.apply", hallCode: "hall.exit-entry" }],
  events: [{ eventCode: "event.newborn", done: ["birth.medical-certificate"] }],
};

describe("greeting", () => {
  it("announces the recording and the use of personal data, then asks an open question (no menu)", () => {
    const out = turn(newCall(), start);
    const text = spoken(out);
    expect(text).toContain("本次通话将被录音");
    expect(text).toContain("个人信息仅用于办理您的诉求");
    const ask = lastAsk(out)!;
    expect(ask.prompt).toBe("请直接说出您要办理的业务，转人工请按0。");
    expect(ask.input).toEqual(["speech", "digits"]);
    expect(text).not.toMatch(/请按1|按2|按3/);
    expect(out.state.pending).toEqual({ kind: "open" });
    expect(out.events.map((e) => e.type)).toContain("call-started");
  });

  it("tells a recognised caller about tomorrow's appointment: date, time and hall only", () => {
    const out = turn(newCall(), start, { profile: withAppointment });
    const text = spoken(out);
    expect(text).toContain("明天11月26日星期四上午10点");
    expect(text).toContain("出入境接待大厅");
    expect(text).toContain("普通护照换发的预约");
    expect(out.events.map((e) => e.type)).toContain("caller-recognised");
  });

  it("tells a recognised caller her passport is ready and what her newborn's next step is", () => {
    const text = spoken(turn(newCall(), start, { profile: withPickupAndBaby }));
    expect(text).toContain("您的护照已经办好，可以到出入境接待大厅领取");
    expect(text).toContain("出生医学证明已经办好，下一步是出生登记（新生儿落户）");
  });

  it("says nothing personal to an unknown number", () => {
    const text = spoken(turn(newCall(), start, { profile: { known: false, appointments: [], ready: [], events: [] } }));
    expect(text).not.toMatch(/预约|办好|下一步/);
  });

  it("leaves past appointments out of the greeting", () => {
    const past = { ...withAppointment, appointments: [{ ...withAppointment.appointments[0]!, date: "2026-11-20" }] };
    expect(spoken(turn(newCall(), start, { profile: past }))).not.toContain("预约");
  });

  it("keeps only the safe profile fields in the state, whatever the recogniser passes", () => {
    const leaky = { ...withAppointment, name: "测试人", idNumber: "110101199003070000" } as CallerProfile;
    const out = turn(newCall(), start, { profile: leaky });
    const saved = JSON.stringify(out.state);
    expect(saved).not.toContain("测试人");
    expect(saved).not.toContain("110101199003070000");
    expect(out.state.profile.appointments[0]).toEqual(withAppointment.appointments[0]);
  });

  it("offers older callers the elderly agents directly, slowly, with longer timeouts", () => {
    const out = turn(newCall(), start, { profile: { ...withAppointment, age: 79 } });
    expect(out.state.silver).toBe(true);
    expect(out.state.pending).toEqual({ kind: "elderly-offer" });
    const ask = lastAsk(out)!;
    expect(ask.prompt).toContain("老年人专席");
    expect(ask.style).toEqual({ rate: "slow" });
    expect(ask.timeoutSeconds).toBe(10);
    expect(out.actions.filter((a) => a.kind === "say").every((a) => a.kind === "say" && a.style?.rate === "slow")).toBe(
      true,
    );
  });

  it("greets in English a caller whose profile prefers English", () => {
    const out = turn(newCall(), start, { profile: { ...withAppointment, locale: "en" } });
    expect(out.state.locale).toBe("en");
    expect(spoken(out)).toContain("This call is recorded");
    expect(lastAsk(out)!.locale).toBe("en");
  });

  it("repeats the question, rather than greeting again, on a second start of the same call", () => {
    const call = newCall();
    turn(call, start, { profile: withAppointment });
    const again = turn(call, start, { profile: withAppointment });
    expect(spoken(again)).not.toContain("本次通话将被录音");
    expect(lastAsk(again)!.prompt).toBe("请直接说出您要办理的业务，转人工请按0。");
  });
});
