import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../src/app/errors.js";
import { startHotline, WANG_FANG, type Hotline } from "./support/hotline.js";

// When our side fails mid-call the caller is never dropped: both providers put them through to a
// person; an expected refusal from the use case is a 4xx with its reason.
describe("when a turn fails", () => {
  let h: Hotline;
  let failWith: Error | undefined;
  beforeAll(async () => {
    h = await startHotline();
    const real = h.ctx.services.dialogue;
    h.ctx.services.dialogue = {
      ...real,
      handleTurn: async (input: Parameters<typeof real.handleTurn>[0]) => {
        if (failWith) throw failWith;
        return real.handleTurn(input);
      },
    };
  });
  afterAll(() => h?.close());

  it("Twilio and jambonz callers are put through to a person on our own failure", async () => {
    for (const via of ["twilio", "jambonz"] as const) {
      failWith = undefined;
      const call = await h.dial(WANG_FANG, via);
      expect(call.last.status).toBe(200);
      failWith = new Error("database went away");
      await call.says("我要办护照");
      expect(call.last.status).toBe(200);
      expect(call.last.handoff?.queue).toBeTruthy();
      expect(call.heard).toMatch(/人工/);
    }
  });

  it("an expected refusal from the use case is a 4xx with its reason", async () => {
    failWith = undefined;
    const call = await h.dial(WANG_FANG, "jambonz");
    failWith = new AppError("conflict", "this step was already answered differently");
    await call.says("我要办护照");
    expect(call.last.status).toBe(409);
    expect(call.last.raw).toMatch(/already answered/);
    failWith = undefined;
  });
});
