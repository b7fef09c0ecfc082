import { conceptKey, type ConceptFinder, type ConceptHit } from "./concepts.js";
import type { Replacer } from "./replacer.js";

/**
 * Turns normalised text into sparse features for the classifier. Three views complement each other:
 * jieba words (meaning), character bigrams (robust to segmentation and speech-recognition slips) and
 * lexicon concepts with their pairs (document × situation is what separates 补领 from 换领, and it
 * generalises to wordings the KB never wrote).
 */
export type Segmenter = (text: string) => string[];

export interface FeatureView {
  /** feature name → value, L2-normalised */
  features: Map<string, number>;
  tokens: string[];
  concepts: ConceptHit[];
}

export interface FeatureOptions {
  segment: Segmenter;
  synonyms: Replacer;
  stopwords: ReadonlySet<string>;
  findConcepts: ConceptFinder;
}

const WORD_CHAR = /[\p{Script=Han}a-z0-9]/u;
const HAN_OR_ALNUM_RUN = /[\p{Script=Han}a-z0-9]+/gu;

export function extractFeatures(normalized: string, opts: FeatureOptions): FeatureView {
  const text = opts.synonyms(normalized.toLowerCase());
  const concepts = opts.findConcepts(text);
  const raw = new Map<string, number>();
  const add = (name: string, value: number) => raw.set(name, Math.max(raw.get(name) ?? 0, value));

  const tokens = opts.segment(text).filter((t) => WORD_CHAR.test(t));
  for (const token of tokens) {
    if (opts.stopwords.has(token)) continue;
    // Long digit runs (ID and phone numbers) say nothing about the request, only that a number was given.
    add(/^\d{6,}$/.test(token) ? "w:<number>" : `w:${token}`, 1);
  }
  for (const run of text.match(HAN_OR_ALNUM_RUN) ?? []) {
    const chars = [...run.replace(/\d{6,}/g, "#")];
    for (let i = 0; i + 1 < chars.length; i++) add(`b:${chars[i]}${chars[i + 1]}`, 1);
  }

  const keys = new Set<string>();
  for (const hit of concepts) {
    if (hit.negated) continue;
    keys.add(conceptKey(hit));
  }
  const sorted = [...keys].sort();
  for (const key of sorted) add(`k:${key}`, 1);
  // Several documents or services at once is how life events (一件事) sound.
  const topics = sorted.filter((k) => k.startsWith("document:") || k.startsWith("cue:topic-")).length;
  if (topics >= 2) add("k:several-topics", 1);
  if (topics >= 3) add("k:many-topics", 1);
  // Pairs of concepts of different kinds: 身份证 × 丢 and 新生儿 × 医保-like cues.
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length; j++) {
      const a = sorted[i]!;
      const b = sorted[j]!;
      if (a.split(":")[0] !== b.split(":")[0]) add(`x:${a}+${b}`, 1);
    }
  }

  let norm = 0;
  for (const v of raw.values()) norm += v * v;
  norm = Math.sqrt(norm) || 1;
  const features = new Map<string, number>();
  for (const [k, v] of raw) features.set(k, v / norm);
  return { features, tokens, concepts };
}
