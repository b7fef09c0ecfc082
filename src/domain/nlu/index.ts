/** The NLU's public surface for the rest of the app (pure core; the jieba adapter lives in src/adapters/nlu). */
export {
  buildNluModel,
  dictionaryWords,
  validateNluLexicon,
  NluLexiconError,
  OUT_OF_SCOPE,
  DEFAULT_THRESHOLDS,
} from "./model.js";
export type { NluModel, NluBuildOptions, Thresholds } from "./model.js";
export { interpret } from "./interpret.js";
export type { Segmenter } from "./features.js";
export type { ToSimplified } from "./normalise.js";
export { isValidIdNumber, checkIdNumber, idCheckCharacter } from "./entities/id-number.js";
export { isMainlandMobile } from "./entities/phone.js";
export { maskPii } from "./mask.js";
export type * from "./types.js";
export { shouldConsult, buildLlmMessages, parseLlmAnswer, mergeLlmVerdict, DEFAULT_CONSULT } from "./llm.js";
export type { ChatMessage, ConsultPolicy, LlmVerdict } from "./llm.js";
