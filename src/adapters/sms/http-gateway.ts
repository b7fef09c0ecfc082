import type { MessageProvider, OutgoingMessage, ProviderResult } from "../../app/notifications/ports.js";

/**
 * A generic HTTP SMS gateway: POST {to, text, reference} as JSON or form fields to SMS_HTTP_URL
 * with SMS_HTTP_AUTH as the Authorization header ("Bearer …", "Basic …", or "user:password",
 * sent as Basic). 2xx is accepted (its id, if any, is kept for delivery reports); 429, 5xx,
 * timeouts and network errors are retried; other 4xx are permanent. Never logs the text or number.
 */

export interface HttpGatewayConfig {
  url: string;
  auth?: string;
  format: "json" | "form";
  timeoutMs?: number;
  fetch?: typeof fetch;
}

const authHeader = (auth: string): string =>
  /^\S+\s+\S/.test(auth)
    ? auth
    : auth.includes(":")
      ? `Basic ${Buffer.from(auth).toString("base64")}`
      : `Bearer ${auth}`;

const pickId = (body: unknown): string | undefined => {
  if (!body || typeof body !== "object") return undefined;
  const o = body as Record<string, unknown>;
  for (const k of ["messageId", "message_id", "id", "sid", "msgid", "bizId"]) {
    if (typeof o[k] === "string" || typeof o[k] === "number") return String(o[k]);
  }
  return o.data && typeof o.data === "object" ? pickId(o.data) : undefined;
};

export const createHttpSmsGateway = (cfg: HttpGatewayConfig): MessageProvider => {
  const doFetch = cfg.fetch ?? fetch;
  return {
    name: "http",
    async send(m: OutgoingMessage): Promise<ProviderResult> {
      const fields = { to: m.to, text: m.body, reference: m.reference };
      const headers: Record<string, string> = {
        "content-type": cfg.format === "json" ? "application/json" : "application/x-www-form-urlencoded",
        accept: "application/json",
      };
      if (cfg.auth) headers.authorization = authHeader(cfg.auth);
      let res: Response;
      try {
        res = await doFetch(cfg.url, {
          method: "POST",
          headers,
          body: cfg.format === "json" ? JSON.stringify(fields) : new URLSearchParams(fields).toString(),
          signal: AbortSignal.timeout(cfg.timeoutMs ?? 5000),
        });
      } catch (err) {
        const e = err as Error;
        return {
          ok: false,
          retryable: true,
          error: e.name === "TimeoutError" ? "gateway timed out" : `gateway unreachable: ${e.message}`,
        };
      }
      const text = await res.text().catch(() => "");
      let parsed: unknown;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        parsed = undefined;
      }
      if (res.ok) return { ok: true, providerMessageId: pickId(parsed) ?? m.reference };
      const retryable = res.status === 429 || res.status >= 500 || res.status === 408;
      // The gateway's own message helps operators; cut it short, it is not ours to trust.
      return { ok: false, retryable, error: `gateway answered ${res.status}${text ? `: ${text.slice(0, 120)}` : ""}` };
    },
  };
};
