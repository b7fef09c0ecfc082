import { createRequire } from "node:module";
import { Jieba } from "@node-rs/jieba";

/**
 * Chinese word segmentation for the search index (jieba, native). One process-wide instance: the
 * default dictionary costs ~180 ms and tens of MB per instance, so KB versions only merge their
 * new vocabulary (身份证, 港澳通行证, 出生医学证明 …) into it.
 */

const require = createRequire(import.meta.url);
// The package has no exports map for ESM; the dictionary module is CommonJS.
const { dict } = require("@node-rs/jieba/dict.js") as { dict: Uint8Array };

let shared: Jieba | undefined;
const known = new Set<string>();

export interface SearchSegmenter {
  cutForSearch(text: string): string[];
}

export const createSearchSegmenter = (extraWords: string[] = []): SearchSegmenter => {
  shared ??= Jieba.withDict(dict);
  const jieba = shared;
  const fresh = [...new Set(extraWords.map((w) => w.trim()))].filter(
    (w) => w.length >= 2 && !/\s/.test(w) && !known.has(w),
  );
  if (fresh.length) {
    jieba.loadDict(Buffer.from(fresh.map((w) => `${w} 50000 n`).join("\n"), "utf8"));
    fresh.forEach((w) => known.add(w));
  }
  return { cutForSearch: (text) => jieba.cutForSearch(text, true) };
};
