import { describe, expect, it } from "vitest";
import type { Action } from "../../../domain/dialogue/actions.js";
import { parseXml, textOf } from "../../../../test/scenarios/support/xml.js";
import { renderJambonz } from "./render.js";

const opts = {
  actionHook: "https://h.example/voice/jambonz/step?n=2",
  queueHook: "https://h.example/voice/jambonz/queue?n=2",
};
const ask: Action = {
  kind: "ask",
  prompt: "请直接说出您要办理的业务，转人工请按0",
  locale: "zh",
  input: ["speech", "digits"],
  timeoutSeconds: 6,
  hints: ["护照", "护照", "身份证"],
};

describe("renderJambonz", () => {
  it("speaks the greeting inside the gather, listening for speech and keys", () => {
    const verbs = renderJambonz([{ kind: "say", text: "您好，这里是市民服务热线。", locale: "zh" }, ask], opts);
    expect(verbs).toEqual([
      {
        verb: "gather",
        input: ["speech", "digits"],
        actionHook: opts.actionHook,
        timeout: 6,
        numDigits: 1,
        recognizer: { language: "cmn-CN", hints: ["护照", "身份证"] },
        say: {
          text: "您好，这里是市民服务热线。 请直接说出您要办理的业务，转人工请按0",
          synthesizer: { language: "cmn-CN" },
        },
      },
    ]);
    // jambonz answers must be JSON; the array survives a round trip unchanged
    expect(JSON.parse(JSON.stringify(verbs))).toEqual(verbs);
  });

  it("uses SSML for slow speech, escaping the text", () => {
    const [g] = renderJambonz([{ ...ask, prompt: "请按 1 & 2", style: { rate: "slow" } } as Action], opts);
    const text = (g!.say as { text: string }).text;
    const ssml = parseXml(text);
    expect(ssml.name).toBe("speak");
    expect(textOf(ssml)).toBe("请按 1 & 2");
  });

  it("pauses recording around keypad ID capture", () => {
    const verbs = renderJambonz(
      [
        { kind: "pause-recording" },
        { ...ask, input: ["digits"], numDigits: 4, finishOnKey: "#", hints: undefined } as Action,
      ],
      opts,
    );
    expect(verbs[0]).toEqual({ verb: "config", record: { action: "pauseCallRecording" } });
    expect(verbs[1]).toMatchObject({ verb: "gather", input: ["digits"], numDigits: 4, finishOnKey: "#" });
    expect(verbs[1]!.recognizer).toBeUndefined();
    const resumed = renderJambonz([{ kind: "resume-recording" }, ask], opts);
    expect(resumed[0]).toEqual({ verb: "config", record: { action: "resumeCallRecording" } });
  });

  it("hands off with the opaque context id only, high priority first", () => {
    const verbs = renderJambonz(
      [
        { kind: "say", text: "正在转接", locale: "zh" },
        {
          kind: "handoff",
          queue: "priority",
          reason: "angry caller said 我的身份证号是…",
          priority: "high",
          contextId: "hc_9",
        },
      ],
      opts,
    );
    expect(verbs.map((v) => v.verb)).toEqual(["say", "tag", "enqueue"]);
    expect(verbs[1]).toEqual({ verb: "tag", data: { civiclineContextId: "hc_9" } });
    expect(verbs[2]).toEqual({
      verb: "enqueue",
      name: "civicline-priority",
      priority: 1,
      actionHook: `${opts.queueHook}&ctx=hc_9`,
    });
    expect(JSON.stringify(verbs)).not.toContain("身份证");
    const sip = renderJambonz(
      [{ kind: "handoff", queue: "general", reason: "r", priority: "normal", contextId: "hc_1" }],
      {
        ...opts,
        agentSipUri: "sip:agents@pbx.example.cn",
      },
    );
    expect(sip[0]).toMatchObject({ verb: "dial", headers: { "X-CivicLine-Context": "hc_1" } });
  });

  it("keeps an English say before a Chinese question as its own verb", () => {
    const verbs = renderJambonz([{ kind: "say", text: "One moment.", locale: "en" }, ask], opts);
    expect(verbs.map((v) => v.verb)).toEqual(["say", "gather"]);
    expect(verbs[0]).toEqual({ verb: "say", text: "One moment.", synthesizer: { language: "en-US" } });
  });

  it("ends with hangup, also when the engine said nothing more", () => {
    expect(renderJambonz([{ kind: "end", reason: "done" }], opts)).toEqual([{ verb: "hangup" }]);
    expect(renderJambonz([{ kind: "say", text: "再见", locale: "zh" }], opts).map((v) => v.verb)).toEqual([
      "say",
      "hangup",
    ]);
  });
});
