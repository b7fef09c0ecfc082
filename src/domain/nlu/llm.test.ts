import { describe, expect, it } from "vitest";
import { buildNluModel, buildLlmMessages, interpret, maskPii, parseLlmAnswer, shouldConsult } from "./index.js";
import { charSegmenter, ID_CARD_KB, META, realLexicon, tinyKb } from "./testing/fixture.js";

const model = buildNluModel(tinyKb(ID_CARD_KB, META, realLexicon()), charSegmenter);

describe("LLM fallback, pure part", () => {
  it("masks ID and phone numbers", () => {
    const masked = maskPii("身份证11010519491231002X 电话13812345678");
    expect(masked).not.toContain("11010519491231002X");
    expect(masked).not.toContain("13812345678");
    expect(masked).toContain("138****5678");
  });

  it("offers only catalogue codes and sends the masked utterance", () => {
    const local = interpret(model, "我的身份证号11010519491231002X丢了", { today: "2026-11-25" });
    const messages = buildLlmMessages(model, local);
    const all = messages.map((m) => m.content).join("\n");
    for (const code of model.codes) expect(all).toContain(code);
    expect(all).not.toContain("11010519491231002X");
  });

  it("accepts strict JSON naming a known code", () => {
    expect(parseLlmAnswer('{"intent":"id-card.replace","confidence":0.8}', model.codes)).toEqual({
      ok: true,
      intent: "id-card.replace",
      confidence: 0.8,
    });
  });

  it("rejects prose, unknown codes and wrong shapes", () => {
    expect(parseLlmAnswer("I think it is id-card.replace", model.codes)).toMatchObject({
      ok: false,
      reason: "not JSON",
    });
    expect(parseLlmAnswer('{"intent":"tax.refund"}', model.codes)).toMatchObject({ ok: false });
    expect(parseLlmAnswer('{"intent":"id-card.replace","confidence":7}', model.codes)).toMatchObject({
      ok: false,
      reason: "wrong shape",
    });
    expect(parseLlmAnswer('```json\n{"intent":"id-card.replace"}\n```', model.codes)).toMatchObject({ ok: false });
  });

  it("consults only when the local answer is unsure", () => {
    const sure = interpret(model, "身份证丢了要补办", { today: "2026-11-25" });
    expect(shouldConsult(sure)).toBe(false);
    expect(shouldConsult({ ...sure, confidence: 0.3 })).toBe(true);
    expect(shouldConsult({ ...sure, clarify: true })).toBe(true);
  });
});
