import { parse } from "yaml";
import type { KnowledgeBase } from "../../kb/schema.js";
import conceptsYaml from "../../../../kb/lexicon/concepts.yaml?raw";
import emotion_examplesYaml from "../../../../kb/lexicon/emotion-examples.yaml?raw";
import emotionYaml from "../../../../kb/lexicon/emotion.yaml?raw";
import extra_phrasingsYaml from "../../../../kb/lexicon/extra-phrasings.yaml?raw";
import normaliseYaml from "../../../../kb/lexicon/normalise.yaml?raw";
import placesYaml from "../../../../kb/lexicon/places.yaml?raw";
import rulesYaml from "../../../../kb/lexicon/rules.yaml?raw";
import stopwordsYaml from "../../../../kb/lexicon/stopwords.yaml?raw";
import synonymsYaml from "../../../../kb/lexicon/synonyms.yaml?raw";

/**
 * Test helpers (used by *.test.ts only): the real NLU lexicon from kb/lexicon (imported as text by
 * the test runner, so the core itself still does no I/O) and a tiny KB built in code, so unit tests
 * do not depend on the item files colleagues are still writing.
 */
const LEXICON_FILES: Record<string, string> = {
  concepts: conceptsYaml,
  "emotion-examples": emotion_examplesYaml,
  emotion: emotionYaml,
  "extra-phrasings": extra_phrasingsYaml,
  normalise: normaliseYaml,
  places: placesYaml,
  rules: rulesYaml,
  stopwords: stopwordsYaml,
  synonyms: synonymsYaml,
};

/** The lexicon files; without extra-phrasings unless asked, since those add codes the tiny KB does not have. */
export function realLexicon(withExtraPhrasings = false): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, text] of Object.entries(LEXICON_FILES)) out[name] = parse(text);
  if (!withExtraPhrasings) delete out["extra-phrasings"];
  return out;
}

interface Entry {
  code: string;
  name: string;
  phrasings: string[];
  keywords?: string[];
}

const text = (zh: string) => ({ zh, en: zh });

/** A KB with only what the NLU reads; the casts stand in for fields the NLU never looks at. */
export function tinyKb(entries: Entry[], intents: Entry[], lexicon: Record<string, unknown> = {}): KnowledgeBase {
  const items = entries.map((e) => ({
    code: e.code,
    name: text(e.name),
    summary: text(e.name),
    faq: [],
    phrasings: e.phrasings,
    keywords: e.keywords ?? [],
  }));
  return {
    city: { name: text("示范市") },
    items,
    events: [],
    halls: [
      { code: "hall.east", name: text("东城区政务服务中心"), district: text("东城区") },
      { code: "hall.vehicle", name: text("示范市公安局车辆管理所"), district: text("高新区") },
    ],
    templates: [],
    intents: intents.map((e) => ({
      code: e.code,
      name: text(e.name),
      phrasings: e.phrasings,
      keywords: e.keywords ?? [],
    })),
    calendar: [],
    lexicon,
  } as unknown as KnowledgeBase;
}

/** Characters as tokens: deterministic and dependency-free, good enough for unit tests of the core. */
export const charSegmenter = (t: string): string[] => [...t];

export const ID_CARD_KB: Entry[] = [
  {
    code: "id-card.renew",
    name: "居民身份证换领",
    phrasings: [
      "身份证过期了要换",
      "身份证到期换新的",
      "身份证坏了换一张",
      "身份证有效期满了",
      "身份证照片模糊了要换",
      "二代证快到期了",
    ],
  },
  {
    code: "id-card.replace",
    name: "居民身份证补领",
    phrasings: [
      "身份证丢了怎么补",
      "身份证弄丢了",
      "身份证被偷了要补办",
      "身份证找不到了",
      "补办身份证",
      "钱包掉了身份证没了",
    ],
  },
  {
    code: "passport.replace",
    name: "普通护照补发",
    phrasings: ["护照丢了", "护照被偷了怎么补", "补办护照", "出国前护照找不到了", "护照遗失补发", "护照弄丢了怎么办"],
  },
];

export const META: Entry[] = [
  { code: "meta.human", name: "转人工服务", phrasings: ["转人工", "我要人工客服", "找真人", "接线员", "人工服务"] },
  {
    code: "out-of-scope",
    name: "其他",
    phrasings: ["今天天气怎么样", "讲个笑话", "明天会下雨吗", "股票会涨吗", "这附近哪家饭馆好吃", "交电费"],
  },
];
