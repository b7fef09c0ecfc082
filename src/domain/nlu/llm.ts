import { z } from "zod";
import { maskPii } from "./mask.js";
import type { NluModel } from "./model.js";
import type { Interpretation } from "./types.js";

/**
 * The pure half of the optional LLM fallback: when to ask, what to send, and whether to believe the
 * answer. The model may only choose among catalogue codes; anything else — prose, an unknown code,
 * broken JSON — is rejected and the local answer stands. The utterance is masked first: ID and phone
 * numbers never leave the process.
 */
export interface ChatMessage {
  role: "system" | "user";
  content: string;
}

export interface ConsultPolicy {
  /** ask the LLM when the local confidence is below this (or the local answer asks to clarify) */
  consultBelow: number;
}

export const DEFAULT_CONSULT: ConsultPolicy = { consultBelow: 0.55 };

export function shouldConsult(local: Interpretation, policy: ConsultPolicy = DEFAULT_CONSULT): boolean {
  return local.clarify || local.confidence < policy.consultBelow;
}

export function buildLlmMessages(model: NluModel, local: Interpretation): ChatMessage[] {
  const lines = model.codes.map((code) => `${code}\t${model.names[code] ?? code}`);
  const hints = [local.intent, ...local.alternatives.map((a) => a.intent)].slice(0, 3).join(", ");
  return [
    {
      role: "system",
      content: [
        "你是政务服务热线的意图分类器。根据市民的一句话，从下列代码中选出最合适的一个。",
        "只能使用列表里的代码；与证件和这些政务事项无关的，选 out-of-scope。",
        '只输出一个JSON对象，不要其他文字：{"intent": "<代码>", "confidence": <0到1的小数>}',
        "代码列表（代码\\t名称）：",
        ...lines,
      ].join("\n"),
    },
    { role: "user", content: `市民说：${maskPii(local.normalized || local.text)}\n本地分类器的候选：${hints}` },
  ];
}

const Answer = z.object({ intent: z.string(), confidence: z.number().min(0).max(1).optional() });

export type LlmVerdict = { ok: true; intent: string; confidence: number } | { ok: false; reason: string };

export function parseLlmAnswer(content: string, codes: readonly string[]): LlmVerdict {
  let raw: unknown;
  try {
    raw = JSON.parse(content.trim());
  } catch {
    return { ok: false, reason: "not JSON" };
  }
  const parsed = Answer.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: "wrong shape" };
  if (!codes.includes(parsed.data.intent))
    return { ok: false, reason: `unknown code "${parsed.data.intent.slice(0, 40)}"` };
  return { ok: true, intent: parsed.data.intent, confidence: parsed.data.confidence ?? 0.7 };
}

/** The LLM's choice replaces the local intent; the local winner stays among the alternatives. */
export function mergeLlmVerdict(
  local: Interpretation,
  verdict: Extract<LlmVerdict, { ok: true }>,
  modelName: string,
): Interpretation {
  // An LLM's self-reported confidence is not calibrated; cap it so downstream rules stay cautious.
  const confidence = Math.min(verdict.confidence, 0.9);
  const alternatives = [{ intent: local.intent, confidence: local.confidence }, ...local.alternatives]
    .filter((a) => a.intent !== verdict.intent)
    .slice(0, 3);
  return {
    ...local,
    intent: verdict.intent,
    confidence,
    alternatives,
    clarify: false,
    explanation: [
      ...local.explanation,
      `llm ${modelName}: ${verdict.intent} (local was ${local.intent} ${local.confidence})`,
    ],
    source: "llm",
  };
}
