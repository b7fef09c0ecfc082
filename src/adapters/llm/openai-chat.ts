import type { ChatMessage } from "../../domain/nlu/index.js";

/**
 * Minimal client for an OpenAI-compatible /chat/completions endpoint. Every failure — timeout,
 * network error, non-2xx status, unexpected body — is an ordinary result, never a throw, because
 * the caller always has a local answer to fall back on.
 */
export interface ChatEndpoint {
  baseUrl: string;
  model: string;
  apiKey?: string;
  timeoutMs: number;
}

export type ChatResult = { ok: true; content: string } | { ok: false; reason: string };

export async function chatComplete(
  endpoint: ChatEndpoint,
  messages: ChatMessage[],
  fetchImpl: typeof fetch = fetch,
): Promise<ChatResult> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), endpoint.timeoutMs);
  try {
    const res = await fetchImpl(`${endpoint.baseUrl.replace(/\/+$/, "")}/chat/completions`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(endpoint.apiKey ? { authorization: `Bearer ${endpoint.apiKey}` } : {}),
      },
      body: JSON.stringify({
        model: endpoint.model,
        messages,
        temperature: 0,
        max_tokens: 60,
        response_format: { type: "json_object" },
      }),
      signal: controller.signal,
    });
    if (!res.ok) return { ok: false, reason: `HTTP ${res.status}` };
    const body = (await res.json()) as { choices?: Array<{ message?: { content?: unknown } }> };
    const content = body.choices?.[0]?.message?.content;
    return typeof content === "string" ? { ok: true, content } : { ok: false, reason: "no message content" };
  } catch (e) {
    return { ok: false, reason: controller.signal.aborted ? "timeout" : `network: ${(e as Error).message}` };
  } finally {
    clearTimeout(timer);
  }
}
