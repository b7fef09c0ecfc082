import type { KnowledgeBase } from "../kb/schema.js";

/**
 * What the classifier learns from: every Chinese text in the KB that says what an item, event or
 * intent is about. Phrasings are how citizens speak, so they count fully; names and FAQ questions are
 * official wording (still useful); summaries are long and describe rather than ask, so they count less.
 */
export interface TrainingText {
  code: string;
  text: string;
  weight: number;
  source: "phrasing" | "extra" | "name" | "frame" | "keyword" | "faq" | "summary";
}

const NAME_FRAMES = ["{}怎么办理", "办理{}需要什么材料", "{}在哪里办", "{}的流程是什么", "{}要多长时间"];

export function collectTrainingTexts(kb: KnowledgeBase, extra: Record<string, string[]>): TrainingText[] {
  const out: TrainingText[] = [];
  const push = (code: string, text: string, weight: number, source: TrainingText["source"]) => {
    const t = text.trim();
    if (t) out.push({ code, text: t, weight, source });
  };
  for (const entry of [...kb.items, ...kb.events]) {
    push(entry.code, entry.name.zh, 1, "name");
    // Official names are how service portals and letters put it; people then ask about them in a
    // few stock frames. The frames teach that the name, not the frame, carries the meaning.
    const core = entry.name.zh.replace(/[（(][^）)]*[）)]/g, "").trim();
    for (const frame of NAME_FRAMES) push(entry.code, frame.replace("{}", core), 0.3, "frame");
    // The first sentence says what the item is; the rest (who, how long) reads alike across items.
    push(entry.code, firstSentence(entry.summary.zh), 0.4, "summary");
    for (const faq of entry.faq) push(entry.code, faq.q.zh, 0.7, "faq");
    for (const p of entry.phrasings) push(entry.code, p, 1, "phrasing");
    for (const k of entry.keywords) push(entry.code, k, 0.5, "keyword");
  }
  for (const intent of kb.intents) {
    push(intent.code, intent.name.zh, 0.7, "name");
    for (const p of intent.phrasings) push(intent.code, p, 1, "phrasing");
    for (const k of intent.keywords) push(intent.code, k, 0.5, "keyword");
  }
  for (const [code, phrasings] of Object.entries(extra)) for (const p of phrasings) push(code, p, 1, "extra");
  return out;
}

function firstSentence(text: string): string {
  const end = text.search(/[。；;！!？?]/);
  return end > 0 ? text.slice(0, end) : text;
}

/**
 * Evens out classes: out-of-scope and well-written items have many more texts than others, and
 * without this the bias terms alone would pull unsure utterances towards them.
 */
export function balanceWeights(texts: TrainingText[]): number[] {
  const totals = new Map<string, number>();
  for (const t of texts) totals.set(t.code, (totals.get(t.code) ?? 0) + t.weight);
  const sorted = [...totals.values()].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 1;
  return texts.map((t) => t.weight * Math.sqrt(median / (totals.get(t.code) ?? median)));
}
