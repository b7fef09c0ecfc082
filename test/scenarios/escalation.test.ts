import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROVIDERS, startHotline, type Hotline } from "./support/hotline.js";

/**
 * A person is always reachable: by "0" or "转人工" at any step, after two silences or two
 * misunderstandings in a row, at once with priority for an angry caller, and through the
 * elderly agents' queue for older callers (slower speech, longer waits, a repeat key).
 */
// One app for both providers: calls are independent (own call ids), and it halves start-up time.
let h: Hotline;
beforeAll(async () => {
  h = await startHotline();
});
afterAll(() => h?.close());

describe.each(PROVIDERS)("escalation via %s", (via) => {
  let n = 0;
  // distinct numbers per provider, so no call meets another's state
  const caller = () => `+86${via === "twilio" ? "1580000" : "1580001"}${String(1000 + n++).slice(-4)}`;

  it("silence twice: a re-prompt, then a clearer one warning of a transfer, then the call carries on", async () => {
    const call = await h.dial(caller(), via);
    await call.staysSilent();
    expect(call.heard).toMatch(/请问您要办理什么业务/);
    expect(call.last.handoff).toBeUndefined();
    await call.staysSilent();
    expect(call.heard).toMatch(/没有听到/);
    expect(call.heard).toMatch(/转接人工/);
    expect(call.last.expectsInput).toBe(true);
    await call.says("喂喂，刚才没声音，现在听得见吗");
    expect(call.heard).toMatch(/能听到/);
    await call.says("居住证快到期了，怎么续签");
    expect(call.heard).toMatch(/居住证/);
    expect(call.heard).toMatch(/签注|续/);
  });

  it("three silences in a row hand the call to a person", async () => {
    const call = await h.dial(caller(), via);
    await call.staysSilent();
    await call.staysSilent();
    await call.staysSilent();
    expect(call.last.handoff).toBeDefined();
  });

  it("转人工 in the middle of an answer goes straight to a person, carrying only a context id", async () => {
    const from = caller();
    const call = await h.dial(from, via);
    await call.says("护照丢了怎么补");
    expect(call.heard).toMatch(/护照/);
    await call.says("这些我记不住，你还是帮我转人工吧");
    expect(call.heard).toMatch(/正在为您转接人工服务/);
    expect(call.last.handoff?.queue).toMatch(/general/);
    expect(call.last.handoff?.contextId).toMatch(/^[\w-]{6,}$/);
    // nothing personal in what goes to the provider
    expect(call.last.raw).not.toContain(from.slice(3));
    // the agent side fetches the context packet behind the opaque id
    const packet = await h.ctx.services.dialogue.handoffContext(call.last.handoff!.contextId!);
    expect(packet?.reason).toBe("caller-asked");
    expect(packet?.packet).toMatchObject({ itemCode: "passport.replace", verification: "none" });
    expect(packet?.packet.kbVersion).toEqual(expect.any(Number));
    expect(String(packet?.packet.summary)).toMatch(/护照/);
    expect(JSON.stringify(packet)).not.toContain(from.slice(3));
  });

  it("when no agent can take the call, the caller is told and can carry on", async () => {
    const call = await h.dial(caller(), via);
    await call.presses("0");
    expect(call.last.handoff?.resultPath).toBeDefined();
    await call.leavesQueue("queue-full");
    expect(call.heard).toMatch(/人工坐席暂时都在忙/);
    expect(call.last.expectsInput).toBe(true);
    await call.says("那我问一下社保卡丢了怎么补");
    expect(call.heard).toMatch(/社会保障卡|社保卡/);
  });

  it("the 0 key at a yes/no question also reaches a person", async () => {
    const call = await h.dial(caller(), via);
    await call.says("身份证过期了要怎么换");
    expect(call.heard).toMatch(/短信/);
    await call.presses("0");
    expect(call.last.handoff).toBeDefined();
  });

  it("an angry caller is put through with priority", async () => {
    const call = await h.dial(caller(), via);
    await call.says("你们这什么破热线！打了三次都没人管，气死我了，我要投诉！");
    expect(call.last.handoff).toBeDefined();
    expect(call.heard).toMatch(/抱歉/);
    if (via === "jambonz") expect(call.last.handoff?.priority).toBe(1);
    else expect(call.heard).toMatch(/优先/);
  });

  it("an older caller who asks for it gets slow speech, longer waits, a repeat key and the elderly desk", async () => {
    const call = await h.dial(caller(), via);
    const normalTimeout = call.last.timeoutSeconds!;
    await call.says("姑娘你说慢一点，我年纪大了听不清");
    expect(call.last.slow).toBe(true);
    expect(call.last.timeoutSeconds).toBeGreaterThan(normalTimeout);
    expect(call.heard).toMatch(/老年人专席/);
    const offer = call.heard;
    await call.presses("*");
    expect(call.heard).toContain(offer.slice(-20));
    await call.presses("1");
    expect(call.last.handoff?.queue).toMatch(/elderly/);
  });

  it("pressing 9 at the greeting switches to the silver channel", async () => {
    const call = await h.dial(caller(), via);
    await call.presses("9");
    expect(call.last.slow).toBe(true);
    expect(call.heard).toMatch(/老年人专席/);
  });

  it("an elderly caller lost in the questions is passed to a person with the topic noted", async () => {
    const call = await h.dial(caller(), via);
    await call.says("我岁数大了，搞不懂这些");
    expect(call.last.slow).toBe(true);
    await call.says("就是每年那个养老金认证，我不会弄");
    expect(call.heard).toMatch(/养老|认证/);
    await call.says("哎呀你说的我听不明白，还是找个人跟我说吧");
    expect(call.last.handoff?.queue).toMatch(/elderly/);
  });
});
