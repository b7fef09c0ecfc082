import { createRequire } from "node:module";
import { Jieba } from "@node-rs/jieba";

/**
 * The one jieba instance of the process, shared by the NLU and the search index. Its default
 * dictionary costs ~180 ms and ~50 MB per instance, so the KB's vocabulary (港澳通行证, 出生医学证明,
 * a hall's name …) is merged into it once, at a high frequency so a KB word beats the split the
 * general dictionary would prefer.
 */

const require = createRequire(import.meta.url);
// The package has no exports map for ESM; the dictionary module is CommonJS.
const { dict } = require("@node-rs/jieba/dict.js") as { dict: Uint8Array };

let shared: Jieba | undefined;
const loaded = new Set<string>();

export const sharedJieba = (words: Iterable<string> = []): Jieba => {
  shared ??= Jieba.withDict(dict);
  // A dictionary line is "word freq tag": a word with white space in it would corrupt the line.
  const fresh = [...new Set(words)].filter((w) => w.length > 0 && !/\s/.test(w) && !loaded.has(w));
  if (fresh.length > 0) {
    shared.loadDict(Buffer.from(fresh.map((w) => `${w} 200000 n`).join("\n"), "utf8"));
    fresh.forEach((w) => loaded.add(w));
  }
  return shared;
};
