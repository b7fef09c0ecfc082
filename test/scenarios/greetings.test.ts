import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_CITIZENS } from "../../src/domain/identity/demo-citizens.js";
import { LI_XIUYING, PROVIDERS, startHotline, WANG_FANG, ZHANG_WEI, type Hotline } from "./support/hotline.js";

/**
 * What each demo caller hears first, on both providers: the recording notice, then only what is
 * safe to say to whoever holds the phone, then an open question (never a menu).
 */
// One app for both providers: calls are independent (own call ids), and it halves start-up time.
let h: Hotline;
beforeAll(async () => {
  h = await startHotline();
});
afterAll(() => h?.close());

describe.each(PROVIDERS)("greetings via %s", (via) => {
  it("张伟 hears about tomorrow's 10:00 passport appointment", async () => {
    const call = await h.dial(ZHANG_WEI, via);
    expect(call.last.status).toBe(200);
    expect(call.heard).toMatch(/录音/);
    expect(call.heard).toMatch(/明天[^。]*上午10点[^。]*护照/);
    expect(call.last.expectsInput).toBe(true);
    expect(call.heard).toMatch(/请直接说出您要办理的业务/);
    // recognition by number discloses no name and no ID number
    expect(call.heard).not.toContain(DEMO_CITIZENS.zhangWei.nameZh);
    expect(call.heard).not.toContain(DEMO_CITIZENS.zhangWei.idNumber.slice(-4));
  });

  it("王芳 hears that her passport is ready and where her newborn's steps stand", async () => {
    const call = await h.dial(WANG_FANG, via);
    expect(call.heard).toMatch(/护照[^。]*办好[^。]*领取/);
    expect(call.heard).toMatch(/出生医学证明[^。]*办好|下一步/);
    expect(call.heard).not.toContain(DEMO_CITIZENS.wangFang.nameZh);
  });

  it("李秀英 (over 65) is spoken to slowly and offered the elderly agents straight away", async () => {
    const call = await h.dial(LI_XIUYING, via);
    expect(call.last.slow).toBe(true);
    expect(call.heard).toMatch(/老年人专席/);
    expect(call.last.timeoutSeconds).toBeGreaterThanOrEqual(8);
    await call.presses("1");
    expect(call.last.handoff?.queue).toMatch(/elderly/);
    expect(call.last.handoff?.contextId).toBeTruthy();
  });

  it("an unknown number hears the notice and the open question, nothing personal", async () => {
    const call = await h.dial("+8613312345678", via);
    expect(call.heard).toMatch(/录音/);
    expect(call.heard).toMatch(/转人工请按0/);
    expect(call.heard).not.toMatch(/预约|领取|办好/);
    expect(call.last.inputs).toEqual(via === "twilio" ? ["dtmf", "speech"] : ["speech", "digits"]);
  });

  it("a withheld number is served like an unknown caller", async () => {
    const call = await h.dial("anonymous", via);
    expect(call.last.status).toBe(200);
    expect(call.heard).toMatch(/请直接说出您要办理的业务/);
  });
});
