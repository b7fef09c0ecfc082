import { createRequire } from "node:module";
import { Jieba } from "@node-rs/jieba";

/**
 * Chinese word segmentation for the search index (jieba, native). The default dictionary is
 * extended with the KB's own vocabulary so 身份证, 港澳通行证, 出生医学证明 stay whole.
 */

const require = createRequire(import.meta.url);
// The package has no exports map for ESM; the dictionary module is CommonJS.
const { dict } = require("@node-rs/jieba/dict.js") as { dict: Uint8Array };

let base: Jieba | undefined;

export interface SearchSegmenter {
  cutForSearch(text: string): string[];
}

export const createSearchSegmenter = (extraWords: string[] = []): SearchSegmenter => {
  const jieba = Jieba.withDict(dict);
  const words = [...new Set(extraWords.map((w) => w.trim()).filter((w) => w.length >= 2 && !/\s/.test(w)))];
  if (words.length) jieba.loadDict(Buffer.from(words.map((w) => `${w} 50000 n`).join("\n"), "utf8"));
  return { cutForSearch: (text) => jieba.cutForSearch(text, true) };
};

/** A shared segmenter with only the default dictionary, for tokenising search queries cheaply. */
export const defaultSegmenter = (): SearchSegmenter => {
  base ??= Jieba.withDict(dict);
  const j = base;
  return { cutForSearch: (text) => j.cutForSearch(text, true) };
};
