import { describe, expect, it } from "vitest";
import type { Action } from "../actions.js";
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

const links: Resolver = { link: (n) => ({ url: `https://civic.example/s/${n.code.length}x` }) };
const sms = (actions: Action[]) => actions.filter((a) => a.kind === "send-sms");

const greeted = (): Call => {
  const call = newCall();
  turn(call, start);
  return call;
};

describe("answers for a service item", () => {
  it("gives the key materials, where, hours, fee and time limit in three short sentences, then offers an SMS", () => {
    const out = turn(greeted(), speech("换护照需要准备些什么"), { nlu: nlu("passport.renew") });
    const says = out.actions.filter((a) => a.kind === "say").map((a) => (a.kind === "say" ? a.text : ""));
    expect(says).toEqual([
      "普通护照换发，需要带身份证和旧护照。",
      "可以到出入境接待大厅或市民中心办理，工作日8:30到17:30，周六也开放。",
      "费用120元，7个工作日内办结。",
    ]);
    // short by ear: no sentence longer than a breath
    expect(says.every((s) => s.length <= 45)).toBe(true);
    expect(out.state.pending).toEqual({ kind: "sms-offer", subject: { kind: "item", code: "passport.renew" } });
    expect(lastAsk(out)!.prompt).toContain("按1");
    expect(out.events).toContainEqual({ type: "answer-given", payload: { subject: "passport.renew", kbVersion: 7 } });
  });

  it("leaves conditional materials and the application form to the SMS and reads at most three", () => {
    const text = spoken(turn(greeted(), speech("身份证到期了怎么换"), { nlu: nlu("id-card.renew") }));
    expect(text).toContain("旧身份证、户口簿和照片回执");
    expect(text).not.toMatch(/第四样|监护人|申请表/);
    expect(text).toContain("20个工作日内办结");
  });

  it("says when something is free and done on the spot", () => {
    const text = spoken(turn(greeted(), speech("开个户籍证明"), { nlu: nlu("hukou.certificate") }));
    expect(text).toContain("不收费，当场办结");
  });

  it("sends exactly one SMS with the short link when the caller presses 1, and says so", () => {
    const call = greeted();
    turn(call, speech("换护照"), { nlu: nlu("passport.renew") });
    const out = turn(call, digits("1"), { resolve: links });
    expect(sms(out.actions)).toEqual([
      {
        kind: "send-sms",
        templateId: "sms.checklist",
        to: "caller",
        variables: { itemName: "普通护照换发", link: "https://civic.example/s/14x" },
        idempotencyKey: "conv:c0ffee00-0000-4000-8000-000000000001:sms:sms.checklist:item.passport.renew",
      },
    ]);
    expect(spoken(out)).toContain("短信已经发送");
    expect(out.state.pending).toEqual({ kind: "open" });
  });

  it("takes 好的 as yes, and does not send the same SMS twice in one call", () => {
    const call = greeted();
    turn(call, speech("换护照"), { nlu: nlu("passport.renew") });
    expect(sms(turn(call, speech("好的，发给我吧"), { resolve: links }).actions)).toHaveLength(1);
    turn(call, speech("再说一下换护照"), { nlu: nlu("passport.renew") });
    const again = turn(call, digits("1"), { resolve: links });
    expect(sms(again.actions)).toHaveLength(0);
    expect(spoken(again)).toContain("刚才已经发过了");
  });

  it("sends nothing when the caller declines, and asks what else", () => {
    const call = greeted();
    turn(call, speech("换护照"), { nlu: nlu("passport.renew") });
    const out = turn(call, speech("不用了"));
    expect(sms(out.actions)).toHaveLength(0);
    expect(lastAsk(out)!.prompt).toContain("还有什么可以帮您");
  });

  it("treats a new question at the SMS offer as a new request", () => {
    const call = greeted();
    turn(call, speech("换护照"), { nlu: nlu("passport.renew") });
    const out = turn(call, speech("那户籍证明呢"), { nlu: nlu("hukou.certificate") });
    expect(spoken(out)).toContain("户籍证明开具");
    expect(sms(out.actions)).toHaveLength(0);
  });

  it("passes only the template's own placeholders to the SMS", () => {
    const call = greeted();
    turn(call, speech("孩子刚出生要办哪些"), { nlu: nlu("event.newborn") });
    const [send] = sms(turn(call, digits("1"), { resolve: links }).actions);
    expect(send).toMatchObject({
      templateId: "sms.event-checklist",
      variables: { eventName: "新生儿出生一件事", nextStep: "出生医学证明" },
    });
    expect(Object.keys((send as { variables: object }).variables).sort()).toEqual(["eventName", "link", "nextStep"]);
  });

  it("does not improvise for a catalogued item the KB does not describe: it offers a person", () => {
    const out = turn(greeted(), speech("养老金认证"), { nlu: nlu("pension.qualification") });
    expect(spoken(out)).toContain("养老金领取资格认证的办理说明我这里暂时没有");
    expect(out.state.pending).toEqual({ kind: "human-offer", reason: "not-in-kb" });
    expect(kinds(turn(newCallAt(out), digits("1")))).toContain("handoff");
  });
});

// a call positioned at a given result's state
const newCallAt = (out: { state: Call["state"] }): Call => ({ ...newCall(), state: out.state, step: 10 });

describe("life events", () => {
  it("lists the steps in dependency order", () => {
    const text = spoken(turn(greeted(), speech("生了宝宝要办什么手续"), { nlu: nlu("event.newborn") }));
    expect(text).toContain(
      "一共4步：先办出生医学证明，再办出生登记（新生儿落户），再办新生儿医保参保，最后办社会保障卡申领",
    );
  });

  it("says what is already done for this caller and what is next", () => {
    const call = newCall();
    turn(call, start, {
      profile: {
        known: true,
        appointments: [],
        ready: [],
        events: [{ eventCode: "event.newborn", done: ["birth.medical-certificate", "hukou.birth"] }],
      },
    });
    const out = turn(call, speech("宝宝的手续办到哪了"), { nlu: nlu("event.newborn") });
    expect(spoken(out)).toContain("出生医学证明和出生登记（新生儿落户）已经办好，下一步是新生儿医保参保");
    expect(out.state.pending).toMatchObject({ kind: "sms-offer", subject: { kind: "event", code: "event.newborn" } });
  });
});

describe("when the NLU is unsure", () => {
  it("asks which of two close candidates is meant, and acts on the answer by key or by words", () => {
    const call = greeted();
    const unsure = nlu("passport.renew", {
      confidence: 0.4,
      clarify: true,
      alternatives: [{ intent: "passport.apply", confidence: 0.35 }],
    });
    const q = turn(call, speech("护照的事"), { nlu: unsure });
    expect(lastAsk(q)!.prompt).toBe("请问您是想办普通护照换发，还是普通护照首次申领？第一个请按1，第二个请按2。");
    expect(q.events.filter((e) => e.type === "answer-given")).toHaveLength(0);
    expect(spoken(turn(call, digits("2")))).toContain("普通护照首次申领，需要带身份证");

    const other = greeted();
    turn(other, speech("护照的事"), { nlu: unsure });
    expect(spoken(turn(other, speech("第一个")))).toContain("普通护照换发，需要带身份证和旧护照");
  });

  it("reads back a weak reading before acting on it", () => {
    const call = greeted();
    const q = turn(call, speech("那个证明"), { nlu: nlu("hukou.certificate", { confidence: 0.25 }) });
    expect(lastAsk(q)!.prompt).toBe("您是要咨询户籍证明开具，对吗？");
    expect(spoken(turn(call, speech("对的")))).toContain("不收费，当场办结");

    const call2 = greeted();
    turn(call2, speech("那个证明"), { nlu: nlu("hukou.certificate", { confidence: 0.25 }) });
    const no = turn(call2, speech("不是"));
    expect(lastAsk(no)!.prompt).toBe("请直接说出您要办理的业务，转人工请按0。");
  });
});

describe("outside the hotline's scope", () => {
  it("declines politely and says what the hotline covers", () => {
    const out = turn(greeted(), speech("帮我查下周末的演唱会门票"), { nlu: nlu("out-of-scope") });
    expect(lastAsk(out)!.prompt).toContain("不在本热线的服务范围");
    expect(lastAsk(out)!.prompt).toContain("预约、查办理进度");
  });

  it("explains what it can do when asked", () => {
    const out = turn(greeted(), speech("你们这个热线到底能办什么"), { nlu: nlu("out-of-scope") });
    expect(lastAsk(out)!.prompt).toContain("身份证、护照、户口");
  });

  it("answers a line check without counting it as a miss", () => {
    const out = turn(greeted(), speech("喂，喂，听得见吗"), { nlu: nlu("out-of-scope", { confidence: 0.9 }) });
    expect(lastAsk(out)!.prompt).toBe("您好，能听到。请直接说您要办理的业务。");
    expect(out.state.noMatch).toBe(0);
  });

  it("ends the call politely when the caller is done", () => {
    const call = greeted();
    turn(call, speech("换护照"), { nlu: nlu("passport.renew") });
    turn(call, speech("不用"));
    const out = turn(call, speech("没有了，谢谢"), { nlu: nlu("out-of-scope") });
    expect(spoken(out)).toContain("感谢您的来电");
    expect(kinds(out).at(-1)).toBe("end");
    expect(out.state.status).toBe("ended");
  });
});
