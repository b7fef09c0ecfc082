import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { composeIdNumber } from "../../src/domain/identity/id-number.js";
import { PROVIDERS, startHotline, type Hotline } from "./support/hotline.js";
import { knownGap } from "./support/known-gap.js";

/**
 * The situations of the development dialogue set (../shared/eval/dialogues-dev.json), each as a
 * call in our own words: what a good hotline does is asserted, the set's utterances are not used.
 * (Neighbour's data, out-of-scope, injection: safety.test.ts; silence and the elderly caller:
 * escalation.test.ts; booking then changing: journeys.test.ts.)
 */

/** A synthetic ID (region 110105, sequence 99x) whose check character is X. */
const idEndingInX = (): string => {
  for (let d = 1; d <= 28; d++)
    for (const seq of ["991", "993", "995", "997"]) {
      const id = composeIdNumber("110105", `1986-07-${String(d).padStart(2, "0")}`, seq);
      if (id.endsWith("X")) return id;
    }
  throw new Error("no X check character found");
};

const spokenDigits = (id: string) => id.split("").join(" ");

// One app for both providers: calls are independent (own call ids), and it halves start-up time.
let h: Hotline;
beforeAll(async () => {
  h = await startHotline();
});
afterAll(() => h?.close());

describe.each(PROVIDERS)("situations of the dialogue set via %s", (via) => {
  let n = 0;
  // distinct numbers per provider, so no call meets another's state
  const caller = () => `+86${via === "twilio" ? "1770000" : "1770001"}${String(1000 + n++).slice(-4)}`;

  knownGap(
    "family trip: a travel-abroad bundle for a parent and a child who has no documents yet",
    "NLU does not recognise event.travel-abroad from a trip plan; a child's first documents are read as lost documents",
    async () => {
      const call = await h.dial(caller(), via);
      await call.says("国庆想带家里人先去澳门再去韩国玩");
      await call.says("我自己的港澳通行证还在有效期，就是签注过期了");
      await call.says("儿子六岁，什么证件都没办过");
      expect(call.heard).toMatch(/护照|通行证/);
      await call.says("这几样能不能一次办完，少跑几趟");
      expect(call.heard).toMatch(/护照|通行证|签注/);
      expect(call.heard).toMatch(/监护人|父母/);
    },
  );

  it("complaint about a counter: recorded without argument, follow-up by a person offered", async () => {
    const call = await h.dial(caller(), via);
    await call.says("我要投诉，昨天下午在出入境大厅二号窗口办事");
    await call.says("工作人员态度很差，材料看都没看就让我回去");
    expect(call.heard).toMatch(/记录/);
    expect(call.heard).not.toMatch(/工作人员没有错|您误会/);
    await call.says("你们会给我回个电话吗");
    expect(call.heard).toMatch(/记录|转接|跟进|回复/);
  });

  knownGap(
    "spending winter in another province: filing for medical care elsewhere",
    "NLU reads a winter stay as out of scope and 医保卡结算 as the social security card",
    async () => {
      const call = await h.dial(caller(), via);
      await call.says("我跟老伴今年冬天要去三亚住几个月");
      await call.says("在那边生病了，本地的医保卡能直接结算吗");
      expect(call.heard).toMatch(/异地就医|备案/);
    },
  );

  it("a spoken ID number with a wrong check digit is asked for again, then the right one is taken", async () => {
    const call = await h.dial(caller(), via);
    const good = composeIdNumber("110105", "1979-11-02", "995");
    const bad = `${good.slice(0, -1)}${good.endsWith("0") ? "1" : "0"}`;
    await call.says(`查一下我驾驶证什么时候到期，我身份证号是${spokenDigits(bad)}`);
    expect(call.heard).toMatch(/校验不通过|输错/);
    expect(call.heard).not.toMatch(/到期时间是|有效期至/);
    await call.says(`不好意思，是${spokenDigits(good)}`);
    expect(call.heard).not.toMatch(/校验不通过/);
    expect(call.heard).toMatch(/验证码|按键|尾号/);
  });

  it("a spoken valid ID number is read back only by its last four and confirmed by keypad", async () => {
    const call = await h.dial(caller(), via);
    const id = composeIdNumber("110105", "1984-02-14", "997");
    await call.says(`我的居住证办得怎么样了，身份证号${spokenDigits(id)}`);
    expect(call.heard).not.toContain(id);
    expect(call.heard).not.toContain(id.slice(0, 6));
    expect(call.heard).toMatch(/验证码|按键|尾号/);
    // the stored transcript keeps the number masked
    const { rows } = await h.ctx.db.query<{ caller_text: string | null }>(
      "SELECT t.caller_text FROM conversation_turns t JOIN conversations c ON c.id = t.conversation_id WHERE c.call_id = $1",
      [call.callSid],
    );
    expect(rows.some((r) => r.caller_text?.includes("居住证"))).toBe(true);
    expect(
      rows
        .map((r) => r.caller_text ?? "")
        .join(" ")
        .replace(/\s/g, ""),
    ).not.toContain(id.slice(6, 14));
  });

  it("an ID ending in X keyed with * is accepted", async () => {
    const call = await h.dial(caller(), via);
    await call.says("我想查一下无犯罪记录证明办好了没有");
    expect(call.heard).toMatch(/18位身份证号码/);
    await call.presses(`${idEndingInX().replace("X", "*")}#`);
    expect(call.heard).not.toMatch(/校验不通过|位数不对/);
    expect(call.heard).toMatch(/验证码/);
  });

  it("lost ID before tomorrow's flight: the temporary proof first, then replacement", async () => {
    const call = await h.dial(caller(), via);
    await call.says("我在外地出差，身份证丢了，明天早上还要坐飞机回去");
    // the urgent part first: the temporary identity proof, with what to bring and where
    expect(call.heard).toMatch(/临时身份证明/);
    expect(call.heard).toMatch(/需要带|办理/);
  });

  it("topic switch: housing fund, then the social security card PIN, then back to the housing fund", async () => {
    const call = await h.dial(caller(), via);
    await call.says("租房子住，公积金能取出来付房租吗");
    expect(call.heard).toMatch(/公积金/);
    await call.says("对了顺便问下，社保卡密码想不起来了");
    expect(call.heard).toMatch(/社保卡|社会保障卡/);
    expect(call.heard).toMatch(/密码/);
    await call.says("那回到公积金的事，提取的钱多久能到账");
    expect(call.heard).toMatch(/公积金/);
  });

  it("pension check without a smartphone: options that need no phone, and follow-up offered", async () => {
    const call = await h.dial(caller(), via);
    await call.says("我妈每年都要做养老金资格认证，她没有智能手机");
    expect(call.heard).toMatch(/认证/);
    expect(call.heard).toMatch(/社区|上门|窗口|大厅/);
  });
});
