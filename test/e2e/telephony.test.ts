import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jambonzSignatureHeader } from "../../src/adapters/voice/jambonz/signature.js";
import { twilioSignature } from "../../src/adapters/voice/twilio/signature.js";
import { Call, WANG_FANG, ZHANG_WEI, type Provider, type Sent } from "../scenarios/support/hotline.js";
import { readJambonz, readTwiml, type Reply } from "../scenarios/support/replies.js";

// The hotline as a carrier meets it: the real server process (what `npm start` runs) on a real
// socket, with signature checking on, driven by signed Twilio and jambonz webhooks.
const TWILIO_TOKEN = "e2e-twilio-auth-token-0123456789";
const JAMBONZ_SECRET = "e2e-jambonz-webhook-secret-0123";
const ADMIN = "e2e-admin-token-0123456789";
const port = 39_600 + Math.floor(Math.random() * 300);
const base = `http://127.0.0.1:${port}`;
const dataDir = mkdtempSync(path.join(tmpdir(), "civicline-tel-"));
let server: ChildProcess;

beforeAll(async () => {
  // what `npm start` runs: the compiled server (prestart compiles src/ when stale)
  const scripts = JSON.parse(readFileSync("package.json", "utf8")).scripts as Record<string, string>;
  if (spawnSync("sh", ["-c", scripts.prestart!], { stdio: "inherit" }).status !== 0) throw new Error("prestart failed");
  server = spawn(process.execPath, scripts.start!.split(" ").slice(1), {
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: "warn",
      PUBLIC_URL: base,
      TWILIO_AUTH_TOKEN: TWILIO_TOKEN,
      JAMBONZ_WEBHOOK_SECRET: JAMBONZ_SECRET,
      ADMIN_TOKEN: ADMIN,
    },
    stdio: "ignore",
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (
      await fetch(`${base}/readyz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("the server did not become ready");
});
afterAll(async () => {
  server?.kill("SIGTERM");
  await new Promise((r) => server?.on("exit", r));
  rmSync(dataDir, { recursive: true, force: true });
});

const send = async (provider: Provider, s: Sent): Promise<Reply> => {
  const res = await fetch(`${base}${s.url}`, { method: "POST", body: s.payload, headers: s.headers });
  const raw = await res.text();
  if (res.status >= 300)
    return {
      status: res.status,
      raw,
      spoken: "",
      expectsInput: false,
      inputs: [],
      hungUp: false,
      slow: false,
      languages: [],
      recording: [],
    };
  return {
    ...(provider === "twilio" ? readTwiml(res.status, raw) : readJambonz(res.status, raw)),
    contentType: res.headers.get("content-type") ?? "",
  };
};
const twilioRequest = (url: string, fields: Record<string, string>): Sent => ({
  url,
  payload: new URLSearchParams(fields).toString(),
  headers: {
    "content-type": "application/x-www-form-urlencoded",
    "x-twilio-signature": twilioSignature(TWILIO_TOKEN, `${base}${url}`, fields),
  },
});
const jambonzRequest = (url: string, body: Record<string, unknown>): Sent => {
  const payload = JSON.stringify(body);
  return {
    url,
    payload,
    headers: {
      "content-type": "application/json",
      "jambonz-signature": jambonzSignatureHeader(JAMBONZ_SECRET, Math.floor(Date.now() / 1000), payload),
    },
  };
};
const dial = async (from: string, via: Provider) => {
  const call = new Call(via, from, "+8612345", send, twilioRequest, jambonzRequest);
  await call.start();
  return call;
};
const smsTo = async (phone: string) => {
  const res = await fetch(`${base}/api/admin/outbox/search`, {
    method: "POST",
    body: JSON.stringify({ phone, channel: "sms" }),
    headers: { authorization: `Bearer ${ADMIN}`, "content-type": "application/json" },
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { messages: { id: string }[] }).messages;
};

describe("telephony over real HTTP with signatures", () => {
  it("Twilio: 王芳 hears her ready passport, asks about newborn insurance and gets exactly one SMS", async () => {
    const call = await dial(WANG_FANG, "twilio");
    expect(call.last.status).toBe(200);
    expect(call.last.contentType).toMatch(/xml/);
    expect(call.heard).toMatch(/护照/);
    await call.says("我要给新生儿办医保");
    expect(call.heard).toMatch(/医保|参保/);
    const before = new Set((await smsTo(WANG_FANG)).map((m) => m.id));
    await call.presses("1");
    const added = (await smsTo(WANG_FANG)).filter((m) => !before.has(m.id));
    expect(added).toHaveLength(1);
  });

  it("jambonz: 张伟 hears about tomorrow's appointment and reaches a person with 0", async () => {
    const call = await dial(ZHANG_WEI, "jambonz");
    expect(call.last.status).toBe(200);
    expect(call.heard).toMatch(/预约/);
    expect(call.heard).toMatch(/10/);
    await call.presses("0");
    expect(call.last.handoff?.queue).toBeTruthy();
    expect(JSON.stringify(call.last.raw)).not.toContain("13800138000");
  });

  it("refuses unsigned and wrongly signed webhooks with 403", async () => {
    const form = new URLSearchParams({ CallSid: "CA1", From: WANG_FANG, To: "+8612345" }).toString();
    const unsigned = await fetch(`${base}/voice/twilio`, {
      method: "POST",
      body: form,
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(unsigned.status).toBe(403);
    const forged = await fetch(`${base}/voice/twilio`, {
      method: "POST",
      body: form,
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-twilio-signature": twilioSignature("not-the-token", `${base}/voice/twilio`, { CallSid: "CA1" }),
      },
    });
    expect(forged.status).toBe(403);
    const body = JSON.stringify({ call_sid: "x", from: WANG_FANG, to: "+8612345" });
    const badJambonz = await fetch(`${base}/voice/jambonz`, {
      method: "POST",
      body,
      headers: {
        "content-type": "application/json",
        "jambonz-signature": jambonzSignatureHeader("wrong-secret", Math.floor(Date.now() / 1000), body),
      },
    });
    expect(badJambonz.status).toBe(403);
  });
});
