import type { KnowledgeBase } from "./schema.js";

/** Rows of the search index for one KB version: items, events, halls and each FAQ pair. */

export interface SearchDoc {
  kind: "item" | "event" | "hall" | "faq";
  code: string;
  seq: number;
  title: string;
  body: string;
  keywords: string;
}

export const buildSearchDocs = (kb: KnowledgeBase): SearchDoc[] => {
  const docs: SearchDoc[] = [];
  for (const item of kb.items) {
    docs.push({
      kind: "item",
      code: item.code,
      seq: 0,
      title: item.name.zh,
      keywords: [...item.keywords, ...item.phrasings].join(" "),
      body: [item.summary.zh, ...item.materials.map((m) => m.name.zh), ...item.eligibility.map((e) => e.zh)].join(" "),
    });
    item.faq.forEach((f, i) =>
      docs.push({ kind: "faq", code: item.code, seq: i + 1, title: f.q.zh, keywords: item.name.zh, body: f.a.zh }),
    );
  }
  for (const ev of kb.events) {
    docs.push({
      kind: "event",
      code: ev.code,
      seq: 0,
      title: ev.name.zh,
      keywords: [...ev.keywords, ...ev.phrasings].join(" "),
      body: ev.summary.zh,
    });
  }
  for (const hall of kb.halls) {
    docs.push({
      kind: "hall",
      code: hall.code,
      seq: 0,
      title: hall.name.zh,
      keywords: `${hall.district.zh} ${hall.address.zh}`,
      body: hall.hoursText.zh,
    });
  }
  return docs;
};

/** Words worth adding to the segmenter's dictionary: names and keywords of the KB. */
export const kbVocabulary = (kb: KnowledgeBase): string[] => [
  ...kb.items.flatMap((i) => [...i.keywords, ...i.materials.map((m) => m.name.zh)]),
  ...kb.events.flatMap((e) => e.keywords),
  ...kb.halls.map((h) => h.district.zh),
  "身份证", "户口本", "户口簿", "护照", "港澳通行证", "台湾通行证", "驾驶证", "驾照", "行驶证",
  "社保卡", "医保", "居住证", "结婚证", "离婚证", "出生医学证明", "公积金", "养老金", "签注",
];

// Words that carry no meaning for ranking: question forms and politeness.
export const SEARCH_STOPWORDS = new Set([
  "怎么", "怎么办", "怎样", "如何", "什么", "哪里", "哪儿", "需要", "要", "我", "我的", "你", "你们",
  "的", "了", "吗", "呢", "啊", "吧", "请问", "一下", "可以", "能", "想", "办", "办理", "是", "在", "去", "和", "有",
]);

/** Turns segmented query words into a to_tsquery('simple', …) string (OR of quoted terms). */
export const toTsQuery = (words: string[]): string | undefined => {
  const terms = [...new Set(words.map((w) => w.trim().toLowerCase()).filter((w) => w && !SEARCH_STOPWORDS.has(w)))]
    .map((w) => w.replace(/[^\p{L}\p{N}]/gu, ""))
    .filter((w) => w.length > 0);
  return terms.length ? terms.map((t) => `'${t}'`).join(" | ") : undefined;
};
