import { describe, expect, it } from "vitest";
import { buildNluModel, interpret, NluLexiconError } from "./index.js";
import { charSegmenter, ID_CARD_KB, META, realLexicon, tinyKb } from "./testing/fixture.js";

const lexicon = realLexicon();
const kb = tinyKb(ID_CARD_KB, META, lexicon);
const model = buildNluModel(kb, charSegmenter);
const ctx = { today: "2026-11-25" };
const entity = (text: string, type: string) =>
  interpret(model, text, ctx)
    .entities.filter((e) => e.type === type)
    .map((e) => e.value);

describe("interpret on a small KB", () => {
  it("classifies, with confidence, alternatives and an explanation", () => {
    const r = interpret(model, "嗯那个我的身份正丢了", ctx);
    expect(r.normalized).toBe("我的身份证丢了");
    expect(r.intent).toBe("id-card.replace");
    expect(r.confidence).toBeGreaterThan(0.5);
    expect(r.alternatives.length).toBeGreaterThan(0);
    expect(r.alternatives.every((a) => a.confidence <= r.confidence)).toBe(true);
    expect(r.explanation.join(" ")).toMatch(/id-card|situation:lost|丢/);
    expect(r.source).toBe("local");
  });

  it("knows the document decides between items with the same situation", () => {
    expect(interpret(model, "护照弄丢了", ctx).intent).toBe("passport.replace");
    expect(interpret(model, "身份证过期了", ctx).intent).toBe("id-card.renew");
  });

  it("routes small talk and requests for a person to their intents", () => {
    expect(interpret(model, "今天天气怎么样", ctx).intent).toBe("out-of-scope");
    expect(interpret(model, "转人工", ctx).intent).toBe("meta.human");
  });

  it("asks to clarify when the two best candidates are close", () => {
    // Two items written symmetrically: naming only the document leaves them equally likely.
    const symmetric = tinyKb(
      [
        {
          code: "id-card.renew",
          name: "身份证过期",
          phrasings: ["身份证过期了", "身份证过期了怎么办", "身份证到期了要办", "过期的身份证", "身份证快过期"],
        },
        {
          code: "id-card.replace",
          name: "身份证丢失",
          phrasings: ["身份证丢了", "身份证丢了怎么办", "身份证找不到了要办", "丢了的身份证", "身份证快丢了"],
        },
      ],
      META,
      lexicon,
    );
    // Calibration needs more data than this toy KB has, so it is switched off here.
    const r = interpret(buildNluModel(symmetric, charSegmenter, { calibrationFolds: 0 }), "身份证怎么办", ctx);
    expect(["id-card.renew", "id-card.replace"]).toContain(r.intent);
    expect(r.clarify).toBe(true);
    expect(["id-card.renew", "id-card.replace"]).toContain(r.alternatives[0]!.intent);
    expect(r.explanation.some((e) => e.startsWith("close call"))).toBe(true);
  });

  it("does not ask to clarify a clear request", () => {
    expect(interpret(model, "身份证丢了要补办", ctx).clarify).toBe(false);
  });

  it("answers out-of-scope confidently when nothing in the utterance is familiar", () => {
    const r = interpret(model, "qwerty zxcv", ctx);
    expect(r.intent).toBe("out-of-scope");
    expect(r.confidence).toBeGreaterThanOrEqual(0.9);
  });

  it("understands a simple English request", () => {
    expect(interpret(model, "I lost my passport", ctx).intent).toBe("passport.replace");
  });

  it("answers out-of-scope with zero confidence for an empty utterance", () => {
    const r = interpret(model, "嗯……", ctx);
    expect(r.intent).toBe("out-of-scope");
    expect(r.entities).toEqual([]);
  });

  it("is deterministic: the same KB gives the same model and answers", () => {
    const again = buildNluModel(kb, charSegmenter);
    expect(interpret(again, "身份证找不到了", ctx)).toEqual(interpret(model, "身份证找不到了", ctx));
  });

  it("rejects an invalid lexicon with the file and path named", () => {
    const bad = tinyKb(ID_CARD_KB, META, { ...lexicon, rules: [{ id: "x", all: [], boost: {} }] });
    expect(() => buildNluModel(bad, charSegmenter)).toThrow(NluLexiconError);
    try {
      buildNluModel(bad, charSegmenter);
    } catch (e) {
      expect((e as NluLexiconError).issues[0]).toMatchObject({ file: "kb/lexicon/rules.yaml" });
    }
  });
});

describe("entities in context", () => {
  it("documents, with colloquial names", () => {
    expect(entity("钱包丢了身份证驾照都没了", "document")).toEqual(["id-card", "driving-licence"]);
    expect(entity("护照和港澳通行证", "document")).toEqual(["passport", "hk-macao-permit"]);
    expect(entity("社保卡户口本居住证结婚证", "document")).toEqual([
      "ssc",
      "hukou-book",
      "residence-permit",
      "marriage-certificate",
    ]);
  });

  it("situations, with negation cancelling one", () => {
    expect(entity("身份证丢了", "situation")).toEqual(["lost"]);
    expect(entity("护照过期了", "situation")).toEqual(["expired"]);
    expect(entity("社保卡消磁了刷不了", "situation")).toEqual(["damaged"]);
    expect(entity("第一次办护照", "situation")).toEqual(["first-time"]);
    expect(entity("改名字以后要换证", "situation")).toEqual(["change-of-details"]);
    expect(entity("查一下办理进度", "situation")).toEqual(["progress"]);
    expect(entity("我想预约明天", "situation")).toEqual(["book"]);
    expect(entity("取消我的预约", "situation")).toContain("cancel");
    expect(entity("身份证没丢，是过期了", "situation")).toEqual(["expired"]);
  });

  it("the person concerned: a relative over the speaker, newborn over child", () => {
    expect(entity("我要给新生儿办医保", "person")).toEqual(["newborn"]);
    expect(entity("孩子刚出生要办哪些手续", "person")).toEqual(["newborn"]);
    expect(entity("我爸的身份证", "person")).toEqual(["parent"]);
    expect(entity("我老婆的护照", "person")).toEqual(["spouse"]);
    expect(entity("帮我奶奶问一下", "person")).toEqual(["elderly"]);
    expect(entity("我的驾照", "person")).toEqual(["self"]);
    expect(entity("儿子十二岁", "person")).toEqual(["child"]);
  });

  it("districts and halls named in the KB", () => {
    expect(entity("我在东城区", "district")).toEqual(["东城区"]);
    expect(entity("去东城区政务服务中心办", "hall")).toEqual(["hall.east"]);
    expect(entity("去东城区政务服务中心办", "district")).toEqual([]);
    expect(entity("车管所几点开门", "hall")).toEqual(["hall.vehicle"]);
  });

  it("numbers, dates and ages together", () => {
    const r = interpret(model, "身份证号11010519491231002X，手机13812345678，下周三上午，我今年35岁", ctx);
    expect(
      r.entities
        .filter((e) => ["id_number", "phone", "date", "time", "age"].includes(e.type))
        .map((e) => [e.type, e.value, e.valid]),
    ).toEqual([
      ["id_number", "11010519491231002X", true],
      ["phone", "13812345678", true],
      ["date", "2026-12-02", undefined],
      ["time", "morning", undefined],
      ["age", "35", undefined],
    ]);
  });
});
