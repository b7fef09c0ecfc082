import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildNluModel, interpret, type Interpretation } from "../../domain/nlu/index.js";
import { charSegmenter, ID_CARD_KB, META, realLexicon, tinyKb } from "../../domain/nlu/testing/fixture.js";
import { createLlmFallback } from "./llm-fallback.js";

/** A local test double of an OpenAI-compatible /chat/completions endpoint on 127.0.0.1. */
let reply: (body: { model: string; messages: Array<{ content: string }> }) => {
  status?: number;
  content?: string;
  delayMs?: number;
} = () => ({});
const received: string[] = [];
let server: Server;
let baseUrl = "";

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      received.push(raw + " " + (req.headers.authorization ?? ""));
      const r = reply(JSON.parse(raw));
      setTimeout(() => {
        if (res.destroyed) return;
        res.writeHead(r.status ?? 200, { "content-type": "application/json" });
        res.end(JSON.stringify({ choices: [{ message: { role: "assistant", content: r.content ?? "" } }] }));
      }, r.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const model = buildNluModel(tinyKb(ID_CARD_KB, META, realLexicon()), charSegmenter);
const unsure = (): Interpretation => ({
  ...interpret(model, "身份证号11010519491231002X 电话13812345678 身份证", { today: "2026-11-25" }),
  confidence: 0.3,
});

describe("LLM fallback against a local OpenAI-compatible double", () => {
  it("uses a valid answer, masks numbers and sends the key", async () => {
    reply = () => ({ content: '{"intent":"id-card.replace","confidence":0.85}' });
    received.length = 0;
    const fb = createLlmFallback({ baseUrl, model: "test-model", apiKey: "k-123", timeoutMs: 1000 });
    const local = unsure();
    const r = await fb.refine(model, local);
    expect(r.source).toBe("llm");
    expect(r.intent).toBe("id-card.replace");
    expect(r.confidence).toBe(0.85);
    expect(r.clarify).toBe(false);
    expect(r.alternatives.map((a) => a.intent)).not.toContain("id-card.replace");
    expect(r.entities).toEqual(local.entities);
    expect(received).toHaveLength(1);
    expect(received[0]).not.toContain("11010519491231002X");
    expect(received[0]).not.toContain("13812345678");
    expect(received[0]).toContain("Bearer k-123");
    expect(received[0]).toContain('"model":"test-model"');
  });

  it("keeps the local answer when the LLM answers a code outside the catalogue", async () => {
    reply = () => ({ content: '{"intent":"tax.refund","confidence":0.99}' });
    const reasons: string[] = [];
    const fb = createLlmFallback({ baseUrl, model: "m", timeoutMs: 1000, onFallback: (r) => reasons.push(r) });
    const local = unsure();
    const r = await fb.refine(model, local);
    expect(r.intent).toBe(local.intent);
    expect(r.source).toBe("local");
    expect(reasons[0]).toMatch(/unknown code/);
  });

  it("keeps the local answer when the LLM answers prose", async () => {
    reply = () => ({ content: "这个应该是补领身份证。" });
    const r = await createLlmFallback({ baseUrl, model: "m", timeoutMs: 1000 }).refine(model, unsure());
    expect(r.source).toBe("local");
    expect(r.explanation.at(-1)).toMatch(/rejected: not JSON/);
  });

  it("falls back within the timeout when the LLM is slow", async () => {
    reply = () => ({ content: '{"intent":"id-card.replace"}', delayMs: 2000 });
    const started = Date.now();
    const r = await createLlmFallback({ baseUrl, model: "m", timeoutMs: 150 }).refine(model, unsure());
    expect(Date.now() - started).toBeLessThan(1000);
    expect(r.source).toBe("local");
    expect(r.explanation.at(-1)).toBe("llm skipped: timeout");
  });

  it("falls back on an HTTP error and on an unreachable server", async () => {
    reply = () => ({ status: 500 });
    const r = await createLlmFallback({ baseUrl, model: "m", timeoutMs: 1000 }).refine(model, unsure());
    expect(r.explanation.at(-1)).toBe("llm skipped: HTTP 500");
    const dead = await createLlmFallback({ baseUrl: "http://127.0.0.1:9/v1", model: "m", timeoutMs: 500 }).refine(
      model,
      unsure(),
    );
    expect(dead.source).toBe("local");
  });

  it("does not call the LLM when the local classifier is sure", async () => {
    received.length = 0;
    reply = () => ({ content: '{"intent":"meta.human"}' });
    const sure = interpret(model, "身份证丢了要补办", { today: "2026-11-25" });
    const r = await createLlmFallback({ baseUrl, model: "m", timeoutMs: 1000 }).refine(model, sure);
    expect(r).toEqual(sure);
    expect(received).toHaveLength(0);
  });
});
