import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { jambonzSignatureHeader } from "../../src/adapters/voice/jambonz/signature.js";
import { twilioSignature } from "../../src/adapters/voice/twilio/signature.js";
import { fixedClock } from "../../src/app/clock.js";
import { parseXml, findAll } from "./support/xml.js";
import { startHotline, WANG_FANG, type Hotline } from "./support/hotline.js";

/**
 * Who may drive the hotline's webhooks: with TWILIO_AUTH_TOKEN / JAMBONZ_WEBHOOK_SECRET set, only
 * correctly signed requests; in the demo (no secrets), only requests from this machine.
 */

const TOKEN = "twilio-auth-token-for-tests";
const SECRET = "jambonz-secret-for-tests";
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const twilioFields = {
  CallSid: "CA11112222333344445555666677778888",
  From: WANG_FANG,
  To: "+12025550123",
  CallStatus: "ringing",
};
const jambonzBody = JSON.stringify({
  call_sid: "9d3c1e7a-1111-4222-8333-944445555666",
  from: "13700137000",
  to: "12345",
  call_status: "trying",
});

describe("in the demo (no secrets): loopback only", () => {
  let h: Hotline;
  beforeAll(async () => {
    h = await startHotline();
  });
  afterAll(() => h?.close());

  it("refuses a Twilio-shaped request from another machine with 403 and a log line", async () => {
    const warn = vi.spyOn(h.ctx.log, "warn");
    const res = await h.server.inject({
      method: "POST",
      url: "/voice/twilio",
      payload: form(twilioFields),
      headers: { "content-type": "application/x-www-form-urlencoded" },
      remoteAddress: "203.0.113.9",
    });
    expect(res.statusCode).toBe(403);
    expect(warn).toHaveBeenCalledWith(
      expect.objectContaining({ channel: "twilio", path: "/voice/twilio" }),
      "voice webhook refused",
    );
    // the log line carries no caller number
    expect(JSON.stringify(warn.mock.calls)).not.toContain("13700137000");
    warn.mockRestore();
  });

  it("refuses jambonz from another machine, also an IPv4-mapped one", async () => {
    for (const remoteAddress of ["198.51.100.7", "::ffff:10.0.0.5", "2001:db8::1"]) {
      const res = await h.server.inject({
        method: "POST",
        url: "/voice/jambonz",
        payload: jambonzBody,
        headers: { "content-type": "application/json" },
        remoteAddress,
      });
      expect(res.statusCode, remoteAddress).toBe(403);
    }
  });

  it("answers bad Twilio input with 400, a reason and still valid TwiML", async () => {
    const res = await h.server.inject({
      method: "POST",
      url: "/voice/twilio",
      payload: form({ From: WANG_FANG }),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers["x-civicline-reason"]).toBe("CallSid is missing");
    expect(findAll(parseXml(res.body), "Say")).toHaveLength(1);

    const noStep = await h.server.inject({
      method: "POST",
      url: "/voice/twilio/step",
      payload: form({ ...twilioFields, SpeechResult: "你好" }),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(noStep.statusCode).toBe(400);
    expect(noStep.headers["x-civicline-reason"]).toMatch(/step number/);
  });

  it("answers bad jambonz input with 400 and a reason", async () => {
    const broken = await h.server.inject({
      method: "POST",
      url: "/voice/jambonz",
      payload: "{not json",
      headers: { "content-type": "application/json" },
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().message).toBe("the body is not valid JSON");
    const noSid = await h.server.inject({
      method: "POST",
      url: "/voice/jambonz",
      payload: JSON.stringify({ from: "13700137000" }),
      headers: { "content-type": "application/json" },
    });
    expect(noSid.statusCode).toBe(400);
    expect(noSid.json().message).toBe("call_sid is missing");
  });

  it("ignores a status callback that is not the end of the call", async () => {
    const res = await h.server.inject({
      method: "POST",
      url: "/voice/twilio/status",
      payload: form({ ...twilioFields, CallStatus: "ringing" }),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(res.statusCode).toBe(204);
  });
});

describe("with a Twilio auth token and a jambonz secret: signatures required", () => {
  let h: Hotline;
  const clock = fixedClock(new Date("2031-03-04T02:00:00Z"));
  beforeAll(async () => {
    h = await startHotline({
      clock,
      env: { TWILIO_AUTH_TOKEN: TOKEN, JAMBONZ_WEBHOOK_SECRET: SECRET, PUBLIC_URL: "https://hotline.example.gov.cn" },
    });
  });
  afterAll(() => h?.close());

  const twilio = (headers: Record<string, string>, remoteAddress = "127.0.0.1", url = "/voice/twilio/status") =>
    h.server.inject({
      method: "POST",
      url,
      payload: form(twilioFields),
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      remoteAddress,
    });

  it("refuses unsigned and wrongly signed Twilio requests, even from loopback", async () => {
    const warn = vi.spyOn(h.ctx.log, "warn");
    expect((await twilio({})).statusCode).toBe(403);
    expect((await twilio({ "x-twilio-signature": "bm90IGEgc2lnbmF0dXJl" })).statusCode).toBe(403);
    // signed with the wrong token, or for another URL (the address we listen on, not PUBLIC_URL)
    const wrongToken = twilioSignature(
      "another-token",
      "https://hotline.example.gov.cn/voice/twilio/status",
      twilioFields,
    );
    expect((await twilio({ "x-twilio-signature": wrongToken })).statusCode).toBe(403);
    const wrongUrl = twilioSignature(TOKEN, "http://127.0.0.1:3000/voice/twilio/status", twilioFields);
    expect((await twilio({ "x-twilio-signature": wrongUrl })).statusCode).toBe(403);
    expect(warn.mock.calls.filter((c) => c[1] === "voice webhook refused")).toHaveLength(4);
    warn.mockRestore();
  });

  it.each(["twilio", "jambonz"] as const)("carries a whole signed call via %s", async (via) => {
    // the driver signs every request as the provider would, over PUBLIC_URL + path + query
    const call = await h.dial(WANG_FANG, via);
    expect(call.last.status).toBe(200);
    expect(call.last.nextPath).toMatch(/\/step\?n=2$/);
    await call.says("新生儿上户口要带什么");
    expect(call.last.status).toBe(200);
    expect(call.heard).toMatch(/户口|落户|出生登记/);
    await call.presses("0");
    expect(call.last.handoff).toBeDefined();
  });

  it("accepts a correctly signed Twilio request from anywhere", async () => {
    const sig = twilioSignature(TOKEN, "https://hotline.example.gov.cn/voice/twilio/status", twilioFields);
    expect((await twilio({ "x-twilio-signature": sig }, "203.0.113.50")).statusCode).toBe(204);
  });

  const jambonz = (headers: Record<string, string>, body = jambonzBody) =>
    h.server.inject({
      method: "POST",
      url: "/voice/jambonz/status",
      payload: body,
      headers: { "content-type": "application/json", ...headers },
      remoteAddress: "192.0.2.10",
    });

  it("accepts a fresh jambonz signature over the exact body", async () => {
    const t = Math.floor(clock.now().getTime() / 1000);
    expect((await jambonz({ "jambonz-signature": jambonzSignatureHeader(SECRET, t, jambonzBody) })).statusCode).toBe(
      204,
    );
  });

  it("refuses missing, stale, tampered and foreign jambonz signatures", async () => {
    const t = Math.floor(clock.now().getTime() / 1000);
    expect((await jambonz({})).statusCode).toBe(403);
    expect(
      (await jambonz({ "jambonz-signature": jambonzSignatureHeader(SECRET, t - 301, jambonzBody) })).statusCode,
    ).toBe(403);
    // same fields, different bytes (spacing): the signature covers the raw body
    const respaced = jambonzBody.replace(/,/g, ", ");
    expect(
      (await jambonz({ "jambonz-signature": jambonzSignatureHeader(SECRET, t, jambonzBody) }, respaced)).statusCode,
    ).toBe(403);
    expect(
      (await jambonz({ "jambonz-signature": jambonzSignatureHeader("not-ours", t, jambonzBody) })).statusCode,
    ).toBe(403);
  });
});
