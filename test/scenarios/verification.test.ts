import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_CITIZENS } from "../../src/domain/identity/demo-citizens.js";
import { PROVIDERS, startHotline, WANG_FANG, type Hotline } from "./support/hotline.js";

/**
 * Progress of an application is personal: it is told only after verification (the number on
 * file plus the last four ID characters by keypad, or the full ID plus an SMS code), with the
 * recording stopped while digits are keyed, three tries, and nothing said to anyone else.
 */

/** Replace the last digit so the ISO 7064 MOD 11-2 check fails. */
const withWrongCheckDigit = (id: string) => `${id.slice(0, -1)}${id.endsWith("0") ? "1" : "0"}`;

describe.each(PROVIDERS)("verification via %s", (via) => {
  let h: Hotline;
  beforeAll(async () => {
    h = await startHotline();
  });
  afterAll(() => h?.close());

  it("success: 王芳 keys her last four (recording off meanwhile) and hears her passport's progress", async () => {
    const call = await h.dial(WANG_FANG, via);
    await call.says("我的护照现在什么进度了");
    expect(call.heard).toMatch(/核实/);
    expect(call.heard).toMatch(/最后四位/);
    expect(call.heard).not.toMatch(/已经办好，可以领取/);
    expect(call.last.recording).toEqual(via === "twilio" ? ["stop"] : ["pause"]);
    expect(call.last.inputs).toEqual(via === "twilio" ? ["dtmf"] : ["digits"]);
    expect(call.last.numDigits).toBe(4);

    const last4 = DEMO_CITIZENS.wangFang.idNumber.slice(-4).replace("X", "*");
    await call.presses(last4);
    expect(call.last.recording).toEqual(via === "twilio" ? ["start"] : ["resume"]);
    expect(call.heard).toMatch(/身份核实成功/);
    expect(call.heard).toMatch(/护照[^。]*(办好|领取)/);
    // the keyed digits are never read back
    expect(call.heard).not.toContain(DEMO_CITIZENS.wangFang.idNumber.slice(-4));
  });

  it("failure: three wrong last fours end verification without any detail, with a person offered", async () => {
    const call = await h.dial(WANG_FANG, via);
    await call.says("帮我查一下护照的办理进度");
    const wrong = DEMO_CITIZENS.wangFang.idNumber.slice(-4) === "1234" ? "4321" : "1234";
    await call.presses(wrong);
    expect(call.heard).toMatch(/不匹配/);
    await call.presses(wrong);
    await call.presses(wrong);
    expect(call.heard).toMatch(/没有核实成功/);
    expect(call.heard).not.toMatch(/办好|领取|审核|制证/);
    expect(call.heard).toMatch(/转接人工/);
    await call.presses("1");
    expect(call.last.handoff).toBeDefined();
  });

  it("an unknown number keys a full ID whose check digit is wrong: asked again, nothing revealed", async () => {
    const call = await h.dial("+8615811112222", via);
    await call.says("我的申请办到哪一步了");
    expect(call.heard).toMatch(/18位身份证号码/);
    expect(call.last.recording).toEqual(via === "twilio" ? ["stop"] : ["pause"]);
    await call.presses(`${withWrongCheckDigit(DEMO_CITIZENS.zhangWei.idNumber)}#`);
    expect(call.heard).toMatch(/校验不通过/);
    expect(call.heard).not.toMatch(/验证码已经发/);
    expect(call.last.expectsInput).toBe(true);
    // a well-formed number: the caller hears the same whether or not it is on file
    await call.presses(`${DEMO_CITIZENS.zhangWei.idNumber.replace("X", "*")}#`);
    expect(call.heard).toMatch(/如果这个身份证号码登记了手机/);
  });

  it("the issue's own words, 我的护照办好了吗, start verification", async () => {
    const call = await h.dial(WANG_FANG, via);
    await call.says("我的护照办好了吗");
    expect(call.heard).toMatch(/核实/);
    expect(call.heard).toMatch(/最后四位/);
  });

  it("full ID plus the SMS code verifies a caller from another number", async () => {
    const call = await h.dial("+8615811113333", via);
    await call.says("我想查一下我的证件办理进度");
    const before = new Set((await h.outbox(WANG_FANG)).map((m) => m.id));
    await call.presses(`${DEMO_CITIZENS.wangFang.idNumber.replace("X", "*")}#`);
    expect(call.heard).toMatch(/6位验证码/);
    // the code went by SMS to the phone registered for that ID, never to the calling number
    const sms = (await h.outbox(WANG_FANG)).filter((m) => !before.has(m.id));
    expect(sms).toHaveLength(1);
    expect(await h.outbox("+8615811113333")).toHaveLength(0);
    const code = /\d{6}/.exec(sms[0]!.body)?.[0];
    expect(code).toBeDefined();
    await call.presses(code!);
    expect(call.heard).toMatch(/身份核实成功/);
    expect(call.heard).toMatch(/护照/);
  });
});
