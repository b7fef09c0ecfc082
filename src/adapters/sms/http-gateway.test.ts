import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { OutgoingMessage } from "../../app/notifications/ports.js";
import { createHttpSmsGateway } from "./http-gateway.js";

// The HTTP SMS gateway adapter against a test double listening on 127.0.0.1.

interface Seen {
  headers: IncomingMessage["headers"];
  body: string;
}
let server: Server;
let url: string;
let seen: Seen[] = [];
let answer: { status: number; body: string; delayMs?: number } = { status: 200, body: "" };

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      seen.push({ headers: req.headers, body });
      setTimeout(
        () => res.writeHead(answer.status, { "content-type": "application/json" }).end(answer.body),
        answer.delayMs ?? 0,
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`;
});
afterAll(async () => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  seen = [];
  answer = { status: 200, body: JSON.stringify({ messageId: "gw-123" }) };
});

const msg: OutgoingMessage = {
  id: "n1",
  channel: "sms",
  to: "+8613700137000",
  body: "【示范市政务服务】您的护照已办好",
  reference: "application-event:x:1:sms",
  templateId: "sms.certificate-ready",
  locale: "zh",
  variables: {},
};

describe("HTTP SMS gateway", () => {
  it("posts JSON with the configured Authorization header and keeps the gateway's id", async () => {
    const gw = createHttpSmsGateway({ url, auth: "Bearer s3cret", format: "json" });
    expect(await gw.send(msg)).toEqual({ ok: true, providerMessageId: "gw-123" });
    expect(seen[0]!.headers.authorization).toBe("Bearer s3cret");
    expect(seen[0]!.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(seen[0]!.body)).toEqual({ to: "+8613700137000", text: msg.body, reference: msg.reference });
  });

  it("posts form fields, and turns user:password into Basic auth", async () => {
    answer = { status: 202, body: JSON.stringify({ data: { id: 77 } }) };
    const gw = createHttpSmsGateway({ url, auth: "demo:pa55", format: "form" });
    expect(await gw.send(msg)).toEqual({ ok: true, providerMessageId: "77" });
    expect(seen[0]!.headers.authorization).toBe(`Basic ${Buffer.from("demo:pa55").toString("base64")}`);
    const form = new URLSearchParams(seen[0]!.body);
    expect(form.get("to")).toBe("+8613700137000");
    expect(form.get("text")).toBe(msg.body);
  });

  it("falls back to our reference when the gateway returns no id", async () => {
    answer = { status: 200, body: "OK" };
    expect(await createHttpSmsGateway({ url, format: "json" }).send(msg)).toEqual({
      ok: true,
      providerMessageId: msg.reference,
    });
    expect(seen[0]!.headers.authorization).toBeUndefined();
  });

  it("retries 5xx and 429, not other 4xx", async () => {
    const gw = createHttpSmsGateway({ url, format: "json" });
    answer = { status: 503, body: "busy" };
    expect(await gw.send(msg)).toEqual({ ok: false, retryable: true, error: "gateway answered 503: busy" });
    answer = { status: 429, body: "" };
    expect(await gw.send(msg)).toMatchObject({ ok: false, retryable: true });
    answer = { status: 400, body: JSON.stringify({ error: "invalid number" }) };
    expect(await gw.send(msg)).toMatchObject({ ok: false, retryable: false, error: expect.stringContaining("400") });
  });

  it("treats a timeout and an unreachable gateway as temporary", async () => {
    answer = { status: 200, body: "{}", delayMs: 300 };
    expect(await createHttpSmsGateway({ url, format: "json", timeoutMs: 50 }).send(msg)).toEqual({
      ok: false,
      retryable: true,
      error: "gateway timed out",
    });
    const closed = createHttpSmsGateway({ url: "http://127.0.0.1:1/sms", format: "json" });
    expect(await closed.send(msg)).toMatchObject({
      ok: false,
      retryable: true,
      error: expect.stringContaining("unreachable"),
    });
  });
});
