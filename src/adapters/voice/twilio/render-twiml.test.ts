import { describe, expect, it } from "vitest";
import type { Action } from "../../../domain/dialogue/actions.js";
import { childElements, findAll, parseXml, textOf } from "../../../../test/scenarios/support/xml.js";
import { apologyTwiml, queueName, renderTwiml, twilioHints } from "./render-twiml.js";

const opts = {
  actionUrl: "https://h.example/voice/twilio/step?n=2",
  queueResultUrl: "https://h.example/voice/twilio/queue?n=2",
};
const ask = (over: Partial<Extract<Action, { kind: "ask" }>> = {}): Action => ({
  kind: "ask",
  prompt: "请直接说出您要办理的业务，转人工请按0",
  locale: "zh",
  input: ["speech", "digits"],
  timeoutSeconds: 6,
  hints: ["护照", "身份证", "新生儿,医保"],
  ...over,
});

describe("renderTwiml", () => {
  it("nests the greeting inside the Gather so the caller can barge in, with Mandarin codes", () => {
    const doc = parseXml(renderTwiml([{ kind: "say", text: "您好，这里是市民服务热线。", locale: "zh" }, ask()], opts));
    expect(doc.name).toBe("Response");
    const [gather, redirect] = childElements(doc);
    expect(gather!.name).toBe("Gather");
    expect(gather!.attrs).toMatchObject({
      input: "dtmf speech",
      language: "cmn-Hans-CN",
      action: opts.actionUrl,
      method: "POST",
      timeout: "6",
      speechTimeout: "auto",
      hints: "护照,身份证,新生儿 医保",
      actionOnEmptyResult: "true",
      // a key in a spoken question is one choice: no waiting for more digits
      numDigits: "1",
    });
    const says = findAll(gather!, "Say");
    expect(says.map((s) => s.attrs.language)).toEqual(["cmn-CN", "cmn-CN"]);
    expect(says.map(textOf)).toEqual(["您好，这里是市民服务热线。", "请直接说出您要办理的业务，转人工请按0"]);
    expect(redirect).toMatchObject({ name: "Redirect", attrs: { method: "POST" } });
    expect(textOf(redirect!)).toBe(opts.actionUrl);
  });

  it("escapes caller-influenced text and URLs", () => {
    const xml = renderTwiml(
      [{ kind: "say", text: `<Hangup/> & "quotes" 'x' \u0007`, locale: "zh" }, ask({ prompt: "a<b" })],
      { actionUrl: "/voice/twilio/step?n=2&x=<y>" },
    );
    const doc = parseXml(xml);
    expect(findAll(doc, "Hangup")).toHaveLength(0);
    expect(textOf(findAll(doc, "Say")[0]!)).toBe(`<Hangup/> & "quotes" 'x' `);
    expect(findAll(doc, "Gather")[0]!.attrs.action).toBe("/voice/twilio/step?n=2&x=<y>");
  });

  it("speaks slowly for the silver channel with SSML prosody inside Say", () => {
    const doc = parseXml(renderTwiml([ask({ style: { rate: "slow" }, timeoutSeconds: 10 })], opts));
    const say = findAll(doc, "Say")[0]!;
    const prosody = childElements(say)[0]!;
    expect(prosody).toMatchObject({ name: "prosody", attrs: { rate: "slow" } });
    expect(textOf(prosody)).toContain("转人工");
    expect(findAll(doc, "Gather")[0]!.attrs.timeout).toBe("10");
  });

  it("uses English codes for an English caller", () => {
    const doc = parseXml(renderTwiml([ask({ locale: "en", prompt: "How can I help?", hints: [] })], opts));
    expect(findAll(doc, "Gather")[0]!.attrs.language).toBe("en-US");
    expect(findAll(doc, "Gather")[0]!.attrs.hints).toBeUndefined();
    expect(findAll(doc, "Say")[0]!.attrs.language).toBe("en-US");
  });

  it("asks for ID digits by keypad only, with recording stopped first", () => {
    const doc = parseXml(
      renderTwiml(
        [
          { kind: "pause-recording" },
          ask({ input: ["digits"], numDigits: 4, finishOnKey: "#", prompt: "请输入身份证后四位，X请按星号" }),
        ],
        opts,
      ),
    );
    const [stop, gather] = childElements(doc);
    expect(stop!.name).toBe("Stop");
    expect(childElements(stop!)[0]!.name).toBe("Recording");
    expect(gather!.attrs).toMatchObject({ input: "dtmf", numDigits: "4", finishOnKey: "#" });
    expect(gather!.attrs.hints).toBeUndefined();
  });

  it("starts recording on the first answer and again on resume", () => {
    const first = parseXml(renderTwiml([ask()], { ...opts, startRecording: true }));
    expect(childElements(first)[0]!.name).toBe("Start");
    const resumed = parseXml(
      renderTwiml([{ kind: "resume-recording" }, { kind: "say", text: "好的", locale: "zh" }, ask()], opts),
    );
    expect(childElements(resumed).map((e) => e.name)).toEqual(["Start", "Gather", "Redirect"]);
  });

  it("hands off to a queue carrying only the opaque context id", () => {
    const xml = renderTwiml(
      [
        { kind: "say", text: "正在为您转接人工服务，请稍候。", locale: "zh" },
        { kind: "handoff", queue: "elderly", reason: "caller asked", priority: "high", contextId: "hc_7Kq2" },
        { kind: "say", text: "never spoken", locale: "zh" },
      ],
      opts,
    );
    const doc = parseXml(xml);
    expect(childElements(doc).map((e) => e.name)).toEqual(["Say", "Enqueue"]);
    const enqueue = findAll(doc, "Enqueue")[0]!;
    expect(textOf(enqueue)).toBe("civicline-elderly");
    expect(enqueue.attrs.action).toBe(`${opts.queueResultUrl}&ctx=hc_7Kq2`);
    expect(xml).not.toContain("caller asked");
  });

  it("can hand off over SIP with the context id as an x- header", () => {
    const doc = parseXml(
      renderTwiml([{ kind: "handoff", queue: "general", reason: "r", priority: "normal", contextId: "hc_1" }], {
        ...opts,
        agentSipUri: "sip:agents@pbx.example.cn",
      }),
    );
    expect(textOf(findAll(doc, "Sip")[0]!)).toBe("sip:agents@pbx.example.cn?x-civicline-context=hc_1");
  });

  it("ends with Hangup, and never leaves a call without a next verb", () => {
    const ended = parseXml(
      renderTwiml(
        [
          { kind: "say", text: "再见", locale: "zh" },
          { kind: "end", reason: "done" },
        ],
        opts,
      ),
    );
    expect(childElements(ended).map((e) => e.name)).toEqual(["Say", "Hangup"]);
    const bare = parseXml(renderTwiml([{ kind: "say", text: "再见", locale: "zh" }], opts));
    expect(childElements(bare).map((e) => e.name)).toEqual(["Say", "Hangup"]);
  });

  it("leaves SMS to the app", () => {
    const doc = parseXml(
      renderTwiml(
        [{ kind: "send-sms", templateId: "sms.x", to: "caller", variables: {}, idempotencyKey: "k" }, ask()],
        opts,
      ),
    );
    expect(childElements(doc).map((e) => e.name)).toEqual(["Gather", "Redirect"]);
  });

  it("keeps hints and queue names inside Twilio's limits", () => {
    expect(twilioHints(Array.from({ length: 600 }, (_, i) => `h${i}`))!.split(",")).toHaveLength(500);
    expect(twilioHints(["x".repeat(150)])).toHaveLength(100);
    expect(twilioHints(["", " "])).toBeUndefined();
    expect(queueName("Priority Queue/中文")).toBe("civicline-priority-queue-");
    expect(queueName("q".repeat(100)).length).toBe(64);
  });

  it("has a spoken apology that is valid TwiML", () => {
    const doc = parseXml(apologyTwiml());
    expect(childElements(doc).map((e) => e.name)).toEqual(["Say", "Hangup"]);
  });
});
