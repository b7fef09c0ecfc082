import type { Segmenter } from "../../domain/nlu/index.js";
import { sharedJieba } from "../text/jieba.js";

/**
 * jieba (native, ~3 µs per utterance) with the KB's vocabulary merged in, so that 港澳通行证 or a
 * hall's name stay one token (the instance is the process's shared one, src/adapters/text/jieba.ts).
 */
export function createJiebaSegmenter(words: string[] = []): Segmenter {
  const jieba = sharedJieba(words);
  // No HMM: it invents "words" out of misrecognised speech (身份正过期 → 正过); unknown stretches are
  // better left as single characters, which the classifier's character bigrams already cover.
  return (text) => jieba.cut(text, false);
}
