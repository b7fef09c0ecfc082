import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROVIDERS, startHotline, WANG_FANG, type Hotline } from "./support/hotline.js";

/**
 * Providers resend a webhook when our answer is slow or lost. The same call and step must get
 * the same answer and nothing may happen twice (no second SMS, no second booking).
 */
// One app for both providers: calls are independent (own call ids), and it halves start-up time.
let h: Hotline;
beforeAll(async () => {
  h = await startHotline();
});
afterAll(() => h?.close());

describe.each(PROVIDERS)("retried webhooks via %s", (via) => {
  it("a resent first webhook gets the same greeting", async () => {
    const call = await h.dial(WANG_FANG, via);
    const again = await call.retried();
    expect(again.status).toBe(200);
    expect(again.raw).toBe(call.last.raw);
  });

  it("a resent '1' sends no second SMS and answers the same", async () => {
    const call = await h.dial(WANG_FANG, via);
    await call.says("新生儿参加医保怎么办");
    const before = new Set((await h.outbox(WANG_FANG)).map((m) => m.id));
    await call.presses("1");
    const first = call.last.raw;
    const again = await call.retried();
    const third = await call.retried();
    expect(again.raw).toBe(first);
    expect(third.raw).toBe(first);
    expect((await h.outbox(WANG_FANG)).filter((m) => !before.has(m.id))).toHaveLength(1);
    // the call goes on from where it was, as if the retry had not happened
    await call.says("没有了，谢谢");
    expect(call.last.status).toBe(200);
  });

  it("a resent speech turn is not understood twice (the next step is the same)", async () => {
    const call = await h.dial("+8613011112222", via);
    await call.says("户口迁到本市要什么材料");
    const again = await call.retried();
    expect(again.raw).toBe(call.last.raw);
    expect(again.nextPath).toBe(call.last.nextPath);
  });

  it("a resent end-of-call status is accepted once and again", async () => {
    const call = await h.dial("+8613011113333", via);
    expect((await call.hangsUp()).status).toBe(204);
    expect((await call.hangsUp()).status).toBe(204);
  });
});
