import type { KnowledgeBase } from "../../domain/kb/schema.js";
import {
  buildNluModel,
  dictionaryWords,
  interpret,
  type InterpretContext,
  type Interpretation,
  type NluModel,
  type Thresholds,
} from "../../domain/nlu/index.js";
import { createLlmFallback, type LlmOptions } from "../llm/llm-fallback.js";
import { createJiebaSegmenter } from "./jieba-segmenter.js";
import { openccToSimplified } from "./opencc.js";

export interface LocalNluOptions {
  /** OpenAI-compatible fallback, used only when the local classifier is unsure; off when absent */
  llm?: LlmOptions;
  thresholds?: Partial<Thresholds>;
  /** KB version label, echoed in the model for traceability */
  label?: string;
}

export interface Nlu {
  interpret(text: string, ctx: InterpretContext): Promise<Interpretation>;
  /** Retrain on a newly published KB; the old model keeps answering until the new one is ready. */
  reload(kb: KnowledgeBase, label?: string): void;
  model(): NluModel;
}

/** The NLU the app uses: jieba + opencc around the pure core, with the optional LLM fallback. */
export function createLocalNlu(kb: KnowledgeBase, options: LocalNluOptions = {}): Nlu {
  const build = (next: KnowledgeBase, label?: string, previous?: NluModel) =>
    buildNluModel(next, createJiebaSegmenter(dictionaryWords(next)), {
      toSimplified: openccToSimplified(),
      thresholds: options.thresholds,
      label,
      previous,
    });
  let current = build(kb, options.label);
  const fallback = options.llm ? createLlmFallback(options.llm) : undefined;
  return {
    async interpret(text, ctx) {
      const model = current;
      const local = interpret(model, text, ctx);
      return fallback ? fallback.refine(model, local) : local;
    },
    reload(next, label) {
      current = build(next, label, current);
    },
    model: () => current,
  };
}
