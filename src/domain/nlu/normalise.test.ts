import { describe, expect, it } from "vitest";
import { parseLexicon } from "./lexicon.js";
import { buildNormaliser, normaliseDigits, toHalfWidth } from "./normalise.js";
import { realLexicon } from "./testing/fixture.js";

const parsed = parseLexicon(realLexicon());
if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
const norm = buildNormaliser(parsed.lexicon.normalise);

describe("normalisation", () => {
  it("turns full-width letters, digits and punctuation into half-width", () => {
    expect(toHalfWidth("ＡＢＣ１２３，？！　")).toBe("ABC123,?! ");
  });

  it("maps traditional characters to simplified (lexicon table when no converter is injected)", () => {
    expect(norm.full("我的身份證過期了，怎麼辦")).toBe("我的身份证过期了,怎么办");
  });

  it("uses an injected converter for traditional text when given one", () => {
    const injected = buildNormaliser(parsed.lexicon.normalise, (t) => t.replace("臺灣", "台湾"));
    expect(injected.full("臺灣通行證")).toContain("台湾");
  });

  it("removes hesitation sounds anywhere and discourse fillers at clause starts", () => {
    expect(norm.full("嗯那个我的身份证过期了")).toBe("我的身份证过期了");
    expect(norm.full("就是说 那个 我想办护照")).toBe("我想办护照");
    expect(norm.full("呃我要补办嗯驾照")).toBe("我要补办驾照");
    // 那个 inside a clause is meaning, not filler
    expect(norm.full("我要办那个证")).toBe("我要办那个证");
  });

  it("corrects common speech-recognition homophones", () => {
    expect(norm.full("我的身份正丢了")).toBe("我的身份证丢了");
    expect(norm.full("户口薄在哪里补")).toBe("户口本在哪里补");
    expect(norm.full("社报卡密码忘了")).toBe("社保卡密码忘了");
    expect(norm.full("驾驶证和行使证")).toBe("驾驶证和行驶证");
  });

  it("keeps ordinary text unchanged", () => {
    expect(norm.full("我要给新生儿办医保")).toBe("我要给新生儿办医保");
  });

  it("turns numbers read out in Chinese into digits and joins digit groups", () => {
    expect(normaliseDigits("电话幺三八一二三四五六七八")).toBe("电话13812345678");
    expect(normaliseDigits("138 1234 5678")).toBe("13812345678");
    expect(normaliseDigits("138-1234-5678")).toBe("13812345678");
    expect(normaliseDigits("11010519491231002x")).toBe("11010519491231002X");
    // short runs are words, not numbers
    expect(normaliseDigits("一一对应")).toBe("一一对应");
    // ISO dates keep their dashes
    expect(normaliseDigits("2026-03-05")).toBe("2026-03-05");
  });

  it("turns English requests into the Chinese the classifier knows, word by word", () => {
    expect(norm.full("I lost my passport")).toBe("我 丢了 我的 护照");
    expect(norm.full("My ID card expired")).toBe("我的 身份证 过期了");
    // an idea is not an ID card; unknown words stay as they are
    expect(norm.full("good idea")).toBe("good idea");
    // mixed text is left alone: Chinese callers use English letters for other things
    expect(norm.full("我的ID丢了")).toBe("我的ID丢了");
  });
});
