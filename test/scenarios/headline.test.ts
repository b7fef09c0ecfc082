import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { maskPhone } from "../../src/domain/privacy/mask.js";
import { findAll, parseXml } from "./support/xml.js";
import { startHotline, WANG_FANG, type Hotline } from "./support/hotline.js";

/**
 * The "done when": 王芳 calls POST /voice/twilio as Twilio would; the TwiML is valid and
 * its greeting mentions her ready passport; "我要给新生儿办医保" gets an answer about newborn
 * medical insurance; pressing 1 puts exactly one SMS to her in the outbox.
 */
describe("headline: 王芳 calls about her newborn's medical insurance (Twilio)", () => {
  let h: Hotline;
  beforeAll(async () => {
    h = await startHotline();
  });
  afterAll(() => h?.close());

  it("greets her with her ready passport, answers about newborn insurance and texts her once", async () => {
    // given a call from 王芳, sent as Twilio sends it (form fields, from loopback in the demo)
    const call = await h.dial(WANG_FANG, "twilio");

    // then the answer is valid TwiML in Mandarin …
    expect(call.last.status).toBe(200);
    expect(call.last.contentType).toMatch(/^text\/xml/);
    const doc = parseXml(call.last.raw);
    expect(doc.name).toBe("Response");
    expect(findAll(doc, "Gather")[0]!.attrs).toMatchObject({
      input: "dtmf speech",
      language: "cmn-Hans-CN",
      method: "POST",
    });
    expect(findAll(doc, "Say").every((s) => s.attrs.language === "cmn-CN")).toBe(true);
    // … whose greeting announces the recording and tells her that her passport is ready
    expect(call.heard).toMatch(/录音/);
    expect(call.heard).toMatch(/护照[^。]*(办好|领取)/);

    // when she says she wants medical insurance for her newborn
    await call.says("我要给新生儿办医保");
    // then the answer is about newborn medical insurance, with an offer to text the details
    expect(call.heard).toMatch(/医保|医疗保险|参保/);
    expect(call.heard).toMatch(/新生儿|宝宝|出生/);
    expect(call.heard).toMatch(/短信/);
    // (the seed may already have told her by SMS that her passport is ready; count from here)
    const before = new Set((await h.outbox(WANG_FANG)).map((m) => m.id));

    // when she presses 1
    await call.presses("1");
    expect(call.heard).toMatch(/短信已经发送/);
    // then exactly one SMS to her is in the outbox
    const added = (await h.outbox(WANG_FANG)).filter((m) => !before.has(m.id));
    expect(added).toHaveLength(1);
    expect(added[0]!.phone).toBe(maskPhone(WANG_FANG));
    expect(added[0]!.body).toMatch(/医保|医疗保险|参保/);
  });
});
