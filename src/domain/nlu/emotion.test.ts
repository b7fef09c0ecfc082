import { describe, expect, it } from "vitest";
import { buildCueScorer, buildEmotionDetector } from "./emotion.js";
import { buildNluModel, interpret } from "./index.js";
import { parseLexicon } from "./lexicon.js";
import { charSegmenter, ID_CARD_KB, META, realLexicon, tinyKb } from "./testing/fixture.js";

const lexicon = realLexicon();
const model = buildNluModel(tinyKb(ID_CARD_KB, META, lexicon), charSegmenter);
const emotion = (text: string) => interpret(model, text, { today: "2026-11-25" }).emotion;
const parsed = parseLexicon(lexicon);
if (!parsed.ok) throw new Error("lexicon");
const cues = buildCueScorer(parsed.lexicon.emotion);

describe("emotion from wording", () => {
  it("recognises each emotion", () => {
    expect(emotion("你们这效率太差了，气死我了").label).toBe("angry");
    expect(emotion("明天就要用，急死了，能不能快点").label).toBe("anxious");
    expect(emotion("我搞不懂换领和补领有什么区别").label).toBe("confused");
    expect(emotion("我爸上个月去世了，要办些手续").label).toBe("sad");
    expect(emotion("太感谢了，办得真快").label).toBe("satisfied");
    expect(emotion("护照办理需要带什么材料").label).toBe("neutral");
  });

  it("gives an intensity between 0 and 1, higher for stronger wording", () => {
    const mild = emotion("有点慢");
    const strong = emotion("太慢了！！！气死我了！你们到底管不管！");
    expect(strong.label).toBe("angry");
    expect(strong.intensity).toBeGreaterThan(0.5);
    expect(strong.intensity).toBeLessThanOrEqual(1);
    expect(mild.intensity).toBeLessThan(strong.intensity);
  });

  it("is robust to negation: 不是很满意 is dissatisfaction, 不着急 is not anxiety", () => {
    const s = cues("不是很满意");
    expect(s.scores.satisfied).toBe(0);
    expect(s.scores.angry).toBeGreaterThan(0);
    expect(emotion("不是很满意").label).not.toBe("satisfied");
    expect(cues("不着急，慢慢来").scores.anxious).toBe(0);
    expect(cues("我不生气").scores.angry).toBe(0);
  });

  it("reads sarcasm markers: praise with 呵呵 or 真行 is anger", () => {
    expect(cues("呵呵，真是太好了").scores.satisfied).toBe(0);
    expect(emotion("呵呵，你们可真行，又让我明天再来").label).toBe("angry");
  });

  it("reads praise next to a complaint as unhappiness, but relief as satisfaction", () => {
    expect(cues("好的好的，又让我白跑一趟").scores.satisfied).toBe(0);
    expect(emotion("好的好的，又让我白跑一趟").label).toBe("angry");
    expect(emotion("之前白跑了两趟，这次终于办好了，谢谢").label).toBe("satisfied");
  });

  it("counts repeated contact and repeated words as frustration", () => {
    expect(emotion("这已经是我第三次打电话问这件事了").label).toBe("angry");
    expect(cues("快点快点快点").repeated).toBe(true);
  });

  it("works from the lexicon alone too (no classifier)", () => {
    const detect = buildEmotionDetector(parsed.lexicon.emotion);
    expect(detect("谢谢你，很满意").label).toBe("satisfied");
    expect(detect("请问几点开门").label).toBe("neutral");
  });
});
