import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_CITIZENS } from "../../src/domain/identity/demo-citizens.js";
import { fixedClock } from "../../src/app/clock.js";
import { PROVIDERS, startHotline, WANG_FANG, ZHANG_WEI, type Hotline } from "./support/hotline.js";

/**
 * What callers come for: a life event (a baby, lost documents) told step by step with what is
 * already done, and appointments booked and moved by voice with a read-back before acting.
 * The clock is fixed on an ordinary working Monday (2026-06-08, 09:00 in the city).
 */
describe.each(PROVIDERS)("journeys via %s", (via) => {
  let h: Hotline;
  beforeAll(async () => {
    h = await startHotline({ clock: fixedClock(new Date("2026-06-08T01:00:00Z")) });
  });
  afterAll(() => h?.close());

  it("newborn: 王芳 hears which steps are done and what comes next, in order", async () => {
    const call = await h.dial(WANG_FANG, via);
    await call.says("孩子刚生下来，要办哪些手续？");
    expect(call.heard).toMatch(/出生医学证明/);
    expect(call.heard).toMatch(/户口|落户/);
    expect(call.heard).toMatch(/已经办好|已办好|办好了/);
    expect(call.heard).toMatch(/下一步|接下来/);
    // the next step is before the later ones: birth registration is read out before insurance
    const heard = call.heard;
    const hukou = heard.search(/户口|落户/);
    const insurance = heard.search(/医保|医疗保险/);
    if (insurance >= 0) expect(hukou).toBeLessThan(insurance);
  });

  it("lost documents: a caller who lost wallet and ID gets the replacement path", async () => {
    const call = await h.dial("+8613512340001", via);
    await call.says("钱包丢了，身份证和社保卡都在里面");
    expect(call.heard).toMatch(/身份证/);
    expect(call.heard).toMatch(/补办|挂失|补领/);
    expect(call.last.expectsInput).toBe(true);
  });

  it("appointment: 张伟 books an ID-card renewal, hears it read back, then moves it without a duplicate", async () => {
    const call = await h.dial(ZHANG_WEI, via);
    await call.says("我想预约换身份证");
    // personal bookings need the caller to be who the number says: last four of the ID by keypad
    if (/最后四位/.test(call.heard)) {
      expect(call.last.inputs).toEqual(via === "twilio" ? ["dtmf"] : ["digits"]);
      await call.presses(DEMO_CITIZENS.zhangWei.idNumber.slice(-4));
    }
    for (let i = 0; i < 4 && !/为您预约/.test(call.heard); i++) {
      if (/哪一天|几点|什么时间/.test(call.heard)) await call.says("这周三上午十点");
      else if (/哪一个|哪个大厅|去哪/.test(call.heard)) await call.says("市民中心");
      else break;
    }
    // read-back of date, time and hall before booking
    expect(call.heard).toMatch(/为您预约[^。]*6月10日[^。]*上午10点/);
    await call.presses("1");
    expect(call.heard).toMatch(/预约成功/);
    const bookedAt = call.heard;
    // the provider resends the confirmation: same answer, and (checked below) no second booking
    expect((await call.retried()).raw).toBe(call.last.raw);

    await call.says("不好意思，改到周四下午三点吧");
    expect(call.heard).toMatch(/改到[^。]*6月11日[^。]*下午3点/);
    await call.presses("1");
    expect(call.heard).toMatch(/已经为您改好[^。]*6月11日[^。]*下午3点/);
    expect(call.heard).toMatch(/原来的预约不再保留/);
    expect(bookedAt).not.toEqual(call.heard);

    // one booking for the item, not two (neither the retry nor the change duplicated it)
    await call.says("我现在都有哪些预约");
    expect(call.heard).toMatch(/6月11日/);
    expect(call.heard).not.toMatch(/6月10日/);
  });
});
