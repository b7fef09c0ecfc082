import {
  buildLlmMessages,
  DEFAULT_CONSULT,
  mergeLlmVerdict,
  parseLlmAnswer,
  shouldConsult,
  type ConsultPolicy,
  type Interpretation,
  type NluModel,
} from "../../domain/nlu/index.js";
import { chatComplete, type ChatEndpoint } from "./openai-chat.js";

/** Plain options from src/config.ts (LLM_BASE_URL, LLM_MODEL, LLM_API_KEY, LLM_TIMEOUT_MS). */
export interface LlmOptions {
  baseUrl: string;
  model: string;
  apiKey?: string;
  /** default 1500 */
  timeoutMs?: number;
  policy?: Partial<ConsultPolicy>;
  fetchImpl?: typeof fetch;
  /** told why a consultation was ignored (timeout, invalid answer…); never given the utterance */
  onFallback?: (reason: string) => void;
}

export interface LlmFallback {
  refine(model: NluModel, local: Interpretation): Promise<Interpretation>;
}

export function createLlmFallback(options: LlmOptions): LlmFallback {
  const endpoint: ChatEndpoint = {
    baseUrl: options.baseUrl,
    model: options.model,
    apiKey: options.apiKey,
    timeoutMs: options.timeoutMs ?? 1500,
  };
  const policy = { ...DEFAULT_CONSULT, ...options.policy };
  return {
    async refine(model, local) {
      if (!shouldConsult(local, policy)) return local;
      const result = await chatComplete(endpoint, buildLlmMessages(model, local), options.fetchImpl);
      if (!result.ok) {
        options.onFallback?.(result.reason);
        return { ...local, explanation: [...local.explanation, `llm skipped: ${result.reason}`] };
      }
      const verdict = parseLlmAnswer(result.content, model.codes);
      if (!verdict.ok) {
        options.onFallback?.(verdict.reason);
        return { ...local, explanation: [...local.explanation, `llm answer rejected: ${verdict.reason}`] };
      }
      return mergeLlmVerdict(local, verdict, endpoint.model);
    },
  };
}
