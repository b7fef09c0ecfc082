import { describe, expect, it } from "vitest";
import {
  digits,
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

const greeted = (): Call => {
  const call = newCall();
  turn(call, start);
  return call;
};
const onPassport = (): Call => {
  const call = greeted();
  turn(call, speech("护照到期了换新的"), { nlu: nlu("passport.renew") });
  return call;
};
const unsure = nlu("out-of-scope", { confidence: 0.3 });

describe("follow-up questions on the subject of the call", () => {
  it("answers only what was asked: how long, how much, online", () => {
    const call = onPassport();
    const long = turn(call, speech("那大概要多久"), { nlu: unsure });
    expect(spoken(long)).toBe(
      "7个工作日内办结。 需要把完整的材料清单、办理地点和排队情况发短信给您吗？需要请按1或说“好的”。",
    );
    const online = turn(call, speech("网上能办吗"), { nlu: unsure });
    expect(spoken(online)).toContain("可以在移民局App网上预约，办理要本人到窗口");
    const fee = turn(call, speech("收费吗，多少钱"), { nlu: nlu("passport.renew") });
    expect(spoken(fee)).toContain("费用120元。");
    expect(spoken(fee)).not.toContain("需要带");
  });

  it("answers where, with the address", () => {
    const out = turn(onPassport(), speech("去哪里办"), { nlu: unsure });
    expect(spoken(out)).toContain("可以到出入境接待大厅或市民中心办理，地址是某路1号。");
  });

  it("answers from the KB's FAQ when the question matches one", () => {
    const out = turn(onPassport(), speech("我家老人出不了门，别人能代办吗"), { nlu: unsure });
    expect(spoken(out)).toContain("这项业务须本人到场，行动不便的可以预约上门服务。");
    expect(out.events.find((e) => e.type === "answer-given")?.payload).toMatchObject({
      subject: "passport.renew",
      followUp: "faq",
    });
  });

  it("does not offer the SMS again once it was sent", () => {
    const call = onPassport();
    turn(call, digits("1"), { resolve: { link: () => ({ url: "https://civic.example/s/x" }) } });
    const out = turn(call, speech("要多久能好"), { nlu: unsure });
    expect(lastAsk(out)!.prompt).toContain("还有什么可以帮您");
  });

  it("does not take a question about another document as a follow-up", () => {
    const out = turn(onPassport(), speech("身份证要多久"), {
      nlu: nlu("id-card.renew", { entities: [{ type: "document", value: "id-card" }] }),
    });
    expect(spoken(out)).toContain("居民身份证换领，需要带");
  });

  it("goes back to an earlier subject without asking which one", () => {
    const call = onPassport();
    turn(call, speech("户籍证明呢"), { nlu: nlu("hukou.certificate") });
    const back = turn(call, speech("回到换护照的事"), {
      nlu: nlu("passport.renew", {
        confidence: 0.45,
        clarify: true,
        alternatives: [{ intent: "passport.apply", confidence: 0.4 }],
      }),
    });
    expect(spoken(back)).toContain("普通护照换发，需要带身份证和旧护照");
  });
});

describe("other turns that are not a new subject", () => {
  it("confirms who answered the phone", () => {
    const out = turn(greeted(), speech("喂，是12345热线吗"), { nlu: unsure });
    expect(lastAsk(out)!.prompt).toBe(
      "是的，这里是示范市12345政务服务便民热线，证件和政务服务都可以问。请直接说您要办理的业务。",
    );
  });

  it("offers a person for a call back or a home visit", () => {
    const out = turn(greeted(), speech("能不能派人上门，或者回个电话给我"), { nlu: unsure });
    expect(out.state.pending).toEqual({ kind: "human-offer", reason: "callback" });
  });

  it("repeats the open question, not a refusal, when asked to repeat", () => {
    const call = greeted();
    turn(call, speech("帮我买张到上海的火车票"), { nlu: nlu("out-of-scope", { confidence: 0.9 }) });
    expect(lastAsk(turn(call, digits("*")))!.prompt).toBe("请直接说出您要办理的业务，转人工请按0。");
  });

  it("treats an off-topic sentence during a question as a miss and asks the question again", () => {
    const call = newCall();
    turn(call, start, { profile: { known: true, ref: "c1", appointments: [], ready: [], events: [] } });
    turn(call, speech("我的护照办好了吗"), { nlu: nlu("meta.progress") });
    const out = turn(call, speech("对，是我本人没错"), { nlu: nlu("out-of-scope", { confidence: 0.8 }) });
    expect(spoken(out)).toContain("抱歉，我没有听明白。");
    expect(lastAsk(out)!.prompt).toContain("最后四位");
    expect(out.state.pending).toMatchObject({ kind: "verify-last4", tries: 0 });
  });

  it("reads an ID number said in words, with pauses, and checks it", () => {
    const call = greeted();
    const res: Resolver = { "start-sms-challenge": () => ({ challengeId: "ch-1" }) };
    // 11010119000101009X said digit by digit
    const good = turn(call, speech("我要查进度，身份证号幺幺零幺零幺，一九零零零幺零幺，零零九叉"), {
      nlu: nlu("meta.progress"),
      resolve: res,
    });
    expect(call.resolved).toContainEqual({ kind: "start-sms-challenge", idNumber: "11010119000101009X" });
    expect(lastAsk(good)!.prompt).toContain("6位验证码");
    const other = greeted();
    const bad = turn(other, speech("帮我查一下，身份证幺幺零幺零幺一九零零零幺零幺零零九幺"), {
      nlu: unsure,
      resolve: {},
    });
    expect(spoken(bad)).toContain("校验不通过");
    expect(other.resolved).toHaveLength(0);
  });

  it("keeps booking details said while the ID is awaited", () => {
    const call = newCall();
    turn(call, start, { profile: { known: true, ref: "c1", appointments: [], ready: [], events: [] } });
    turn(call, speech("我想约个时间换护照"), {
      nlu: nlu("passport.renew", { entities: [{ type: "situation", value: "book" }] }),
    });
    const kept = turn(call, speech("下周二上午十点"), {
      nlu: nlu("meta.appointment.book", {
        entities: [
          { type: "date", value: "2026-12-01" },
          { type: "time", value: "10:00" },
        ],
      }),
    });
    expect(spoken(kept)).toContain("好的，记下了。");
    expect(lastAsk(kept)!.prompt).toContain("最后四位");
    const res: Resolver = {
      "verify-last4": () => ({ ok: true, citizenRef: "c1" }),
      slots: () => ({ times: ["10:00"] }),
    };
    const confirm = turn(call, digits("1234"), { resolve: res });
    expect(lastAsk(confirm)!.prompt).toContain("为您预约：12月1日星期二上午10点，出入境接待大厅，办理普通护照换发");
  });

  it("keeps recording a complaint as the caller goes on, whatever it sounds like", () => {
    const call = greeted();
    turn(call, speech("我要投诉办证窗口"), { nlu: nlu("meta.complaint") });
    const more = turn(call, speech("那个人一直低头看手机不理我"), { nlu: nlu("meta.human", { confidence: 0.55 }) });
    expect(more.events.map((e) => e.type)).toContain("complaint-detail");
    expect(more.actions.some((a) => a.kind === "handoff")).toBe(false);
  });
});
