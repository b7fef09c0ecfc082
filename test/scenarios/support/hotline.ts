import { randomBytes } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { jambonzSignatureHeader } from "../../../src/adapters/voice/jambonz/signature.js";
import { twilioSignature } from "../../../src/adapters/voice/twilio/signature.js";
import type { Clock } from "../../../src/app/clock.js";
import { startTestApp, TEST_ADMIN_TOKEN } from "../../support/test-context.js";
import { readJambonz, readTwiml, type Reply } from "./replies.js";

/**
 * Whole calls through the real HTTP endpoints, written like a script:
 *
 *   const call = await hotline.dial(WANG_FANG, "twilio");   // given a call from 王芳
 *   await call.says("…");  await call.presses("1");         // when she speaks or presses keys
 *   expect(call.heard).toMatch(/护照/);                       // then she hears …
 *
 * Requests look like the provider's own (form fields for Twilio, snake_case JSON for jambonz),
 * come from 127.0.0.1 and are signed when the app has a token or secret.
 */

export type Provider = "twilio" | "jambonz";
export const PROVIDERS: Provider[] = ["twilio", "jambonz"];

export const ZHANG_WEI = "+8613800138000";
export const LI_XIUYING = "+8613900139000";
export const WANG_FANG = "+8613700137000";
export const HOTLINE_NUMBER = "+12025550123";

export interface OutboxMessage {
  id: string;
  templateId: string;
  body: string;
  phone: string;
  channel: string;
}

export interface Sent {
  url: string;
  payload: string;
  headers: Record<string, string>;
}

export interface HotlineOptions {
  clock?: Clock;
  env?: Record<string, string>;
}

export const startHotline = async (opts: HotlineOptions = {}) => {
  const app = await startTestApp({
    ...(opts.clock ? { clock: opts.clock } : {}),
    ...(opts.env ? { env: opts.env } : {}),
  });
  const server: FastifyInstance = app.server;
  const publicUrl = app.ctx.config.publicUrl;
  const twilioToken = app.ctx.config.TWILIO_AUTH_TOKEN;
  const jambonzSecret = app.ctx.config.JAMBONZ_WEBHOOK_SECRET;
  const nowSeconds = () => Math.floor(app.ctx.clock.now().getTime() / 1000);

  const send = async (provider: Provider, s: Sent, remoteAddress = "127.0.0.1"): Promise<Reply> => {
    const res = await server.inject({
      method: "POST",
      url: s.url,
      payload: s.payload,
      headers: s.headers,
      remoteAddress,
    });
    if (res.statusCode === 204) return { ...emptyReply, status: 204 };
    if (res.statusCode >= 300) return { ...emptyReply, status: res.statusCode, raw: res.body };
    const reply = provider === "twilio" ? readTwiml(res.statusCode, res.body) : readJambonz(res.statusCode, res.body);
    return { ...reply, contentType: String(res.headers["content-type"] ?? "") };
  };

  const twilioRequest = (url: string, fields: Record<string, string>): Sent => {
    const payload = new URLSearchParams(fields).toString();
    const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
    if (twilioToken) headers["x-twilio-signature"] = twilioSignature(twilioToken, `${publicUrl}${url}`, fields);
    return { url, payload, headers };
  };

  const jambonzRequest = (url: string, body: Record<string, unknown>): Sent => {
    const payload = JSON.stringify(body);
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (jambonzSecret) headers["jambonz-signature"] = jambonzSignatureHeader(jambonzSecret, nowSeconds(), payload);
    return { url, payload, headers };
  };

  const dial = async (from: string, via: Provider, opts: { to?: string } = {}) => {
    const call = new Call(via, from, opts.to ?? HOTLINE_NUMBER, send, twilioRequest, jambonzRequest);
    await call.start();
    return call;
  };

  /** SMS in the outbox for this number, newest first, through the admin API (phones come back masked). */
  const outbox = async (phone: string): Promise<OutboxMessage[]> => {
    const res = await server.inject({
      method: "POST",
      url: "/api/admin/outbox/search",
      payload: { phone, channel: "sms" },
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    });
    if (res.statusCode !== 200) throw new Error(`POST /api/admin/outbox/search → ${res.statusCode} ${res.body}`);
    const rows = (res.json() as { messages: OutboxMessage[] }).messages;
    return rows as OutboxMessage[];
  };

  return { app, server, ctx: app.ctx, dial, send, twilioRequest, jambonzRequest, outbox, close: () => app.close() };
};

export type Hotline = Awaited<ReturnType<typeof startHotline>>;

const emptyReply: Reply = {
  status: 0,
  raw: "",
  spoken: "",
  expectsInput: false,
  inputs: [],
  hungUp: false,
  slow: false,
  languages: [],
  recording: [],
};

export class Call {
  readonly callSid: string;
  /** every reply of this call, oldest first */
  readonly replies: Reply[] = [];
  lastSent?: Sent;

  constructor(
    readonly via: Provider,
    readonly from: string,
    readonly to: string,
    private readonly send: (p: Provider, s: Sent, remoteAddress?: string) => Promise<Reply>,
    private readonly twilioRequest: (url: string, fields: Record<string, string>) => Sent,
    private readonly jambonzRequest: (url: string, body: Record<string, unknown>) => Sent,
  ) {
    this.callSid = via === "twilio" ? `CA${randomBytes(16).toString("hex")}` : `${randomBytes(16).toString("hex")}`;
  }

  get last(): Reply {
    const r = this.replies.at(-1);
    if (!r) throw new Error("the call has not started");
    return r;
  }

  /** what the caller heard in the last answer */
  get heard(): string {
    return this.last.spoken;
  }

  private base(): Record<string, string> {
    return this.via === "twilio"
      ? {
          CallSid: this.callSid,
          AccountSid: `AC${"0".repeat(32)}`,
          From: this.from,
          To: this.to,
          CallStatus: "in-progress",
          Direction: "inbound",
          ApiVersion: "2010-04-01",
        }
      : {
          call_sid: this.callSid,
          account_sid: "acct-demo",
          application_sid: "app-demo",
          direction: "inbound",
          from: this.from,
          to: this.to,
          call_status: "in-progress",
        };
  }

  private request(path: string, extra: Record<string, unknown>): Sent {
    if (this.via === "twilio")
      return this.twilioRequest(path, { ...this.base(), ...(extra as Record<string, string>) });
    return this.jambonzRequest(path, { ...this.base(), ...extra });
  }

  private async exchange(s: Sent): Promise<Reply> {
    this.lastSent = s;
    const reply = await this.send(this.via, s);
    this.replies.push(reply);
    return reply;
  }

  async start(): Promise<Reply> {
    return this.exchange(this.request(this.via === "twilio" ? "/voice/twilio" : "/voice/jambonz", {}));
  }

  private nextPath(): string {
    const p = this.last.nextPath;
    if (!p)
      throw new Error(
        `the hotline is not waiting for input; it said: ${this.last.spoken} (${this.last.raw.slice(0, 300)})`,
      );
    return p;
  }

  async says(text: string, confidence = 0.9): Promise<Reply> {
    const extra =
      this.via === "twilio"
        ? { SpeechResult: text, Confidence: String(confidence) }
        : { reason: "speechDetected", speech: { is_final: true, alternatives: [{ transcript: text, confidence }] } };
    return this.exchange(this.request(this.nextPath(), extra));
  }

  /** Keys pressed; like the providers, a final finish key ("#") ends the input and is not reported. */
  async presses(digits: string): Promise<Reply> {
    const finish = this.last.finishOnKey;
    if (finish && digits.length > 1 && digits.endsWith(finish)) digits = digits.slice(0, -finish.length);
    const max = this.last.numDigits;
    // the provider stops collecting at numDigits keys; a longer entry could not happen on a phone
    if (max !== undefined && digits.length > max)
      throw new Error(`only ${max} key(s) are collected here, not "${digits}"`);
    const extra = this.via === "twilio" ? { Digits: digits } : { reason: "dtmfDetected", digits };
    return this.exchange(this.request(this.nextPath(), extra));
  }

  async staysSilent(): Promise<Reply> {
    return this.exchange(this.request(this.nextPath(), this.via === "twilio" ? {} : { reason: "timeout" }));
  }

  /** The provider sends the very same request again (a timeout on its side); returns the new reply. */
  async retried(): Promise<Reply> {
    if (!this.lastSent) throw new Error("nothing sent yet");
    return this.send(this.via, this.lastSent);
  }

  /** The provider reports that the caller left the agent queue (Twilio QueueResult, jambonz queueResult). */
  async leavesQueue(result: "queue-full" | "error" | "bridged" | "hangup"): Promise<Reply> {
    const path = this.last.handoff?.resultPath;
    if (!path) throw new Error("the last answer did not put the caller in a queue with a result URL");
    const extra =
      this.via === "twilio"
        ? { QueueResult: result, QueueSid: `QU${"0".repeat(32)}`, QueueTime: "12" }
        : { queueResult: result === "queue-full" ? "error" : result, queueTime: 12, queueSize: 3 };
    return this.exchange(this.request(path, extra));
  }

  async hangsUp(): Promise<Reply> {
    const path = this.via === "twilio" ? "/voice/twilio/status" : "/voice/jambonz/status";
    const extra =
      this.via === "twilio" ? { CallStatus: "completed", CallDuration: "42" } : { call_status: "completed" };
    return this.send(this.via, this.request(path, extra));
  }
}
