import { sharedJieba } from "./jieba.js";

/** Chinese word segmentation for the search index, on the process's shared jieba. */

export interface SearchSegmenter {
  cutForSearch(text: string): string[];
}

export const createSearchSegmenter = (extraWords: string[] = []): SearchSegmenter => {
  const jieba = sharedJieba(extraWords.map((w) => w.trim()).filter((w) => w.length >= 2));
  return { cutForSearch: (text) => jieba.cutForSearch(text, true) };
};
