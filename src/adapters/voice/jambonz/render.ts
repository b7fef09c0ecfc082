import type { Action, Locale, SpeechStyle } from "../../../domain/dialogue/actions.js";
import { escapeText } from "../xml.js";

/**
 * Channel-neutral actions → a jambonz verb array. Says right before a question are spoken by the
 * gather itself, so the caller can barge in ("0", "转人工") over the whole prompt. Handoff carries
 * only the opaque context id (a tag on the call, or an X- header on a SIP dial).
 */

export type JambonzVerb = Record<string, unknown> & { verb: string };

export interface JambonzOptions {
  /** absolute URL of the next step; receives the gather result */
  actionHook: string;
  /** absolute URL jambonz calls when the caller leaves the agent queue */
  queueHook?: string;
  /** dial an agent platform over SIP instead of a jambonz queue */
  agentSipUri?: string;
}

const LANGUAGE: Record<Locale, string> = { zh: "cmn-CN", en: "en-US" };
// jambonz dequeues the lowest number first (0–999, default 999).
const PRIORITY = { high: 1, normal: 500 } as const;

const speakable = (texts: string[], style?: SpeechStyle): string => {
  const text = texts.join(" ");
  return style?.rate === "slow" ? `<speak><prosody rate="slow">${escapeText(text)}</prosody></speak>` : text;
};

const say = (text: string, locale: Locale, style?: SpeechStyle): JambonzVerb => ({
  verb: "say",
  text: speakable([text], style),
  synthesizer: { language: LANGUAGE[locale] },
});

const withQuery = (url: string, key: string, value: string) =>
  `${url}${url.includes("?") ? "&" : "?"}${key}=${encodeURIComponent(value)}`;

const gather = (
  a: Extract<Action, { kind: "ask" }>,
  before: { text: string; locale: Locale }[],
  opts: JambonzOptions,
): JambonzVerb => {
  const hints = [...new Set((a.hints ?? []).map((h) => h.trim()).filter(Boolean))];
  const speech = a.input.includes("speech");
  // Earlier says in another language stay separate verbs; same-language ones join the prompt.
  const texts = [...before.filter((b) => b.locale === a.locale).map((b) => b.text), a.prompt];
  return {
    verb: "gather",
    // the keypad is always on, so "0 for a person" works at every question
    input: speech ? ["speech", "digits"] : ["digits"],
    actionHook: opts.actionHook,
    timeout: a.timeoutSeconds,
    // in a spoken question a key is one choice (0, 1, 9, *): act on the first key
    ...(a.numDigits !== undefined ? { numDigits: a.numDigits } : speech ? { numDigits: 1 } : {}),
    ...(a.finishOnKey !== undefined ? { finishOnKey: a.finishOnKey } : {}),
    ...(speech ? { recognizer: { language: LANGUAGE[a.locale], ...(hints.length ? { hints } : {}) } } : {}),
    say: { text: speakable(texts, a.style), synthesizer: { language: LANGUAGE[a.locale] } },
  };
};

const handoff = (a: Extract<Action, { kind: "handoff" }>, opts: JambonzOptions): JambonzVerb[] => {
  if (opts.agentSipUri) {
    return [
      {
        verb: "dial",
        target: [{ type: "sip", sipUri: opts.agentSipUri }],
        headers: { "X-CivicLine-Context": a.contextId },
        answerOnBridge: true,
        ...(opts.queueHook ? { actionHook: withQuery(opts.queueHook, "ctx", a.contextId) } : {}),
      },
    ];
  }
  return [
    // the tag rides along on later hooks of this call, so the agent side can fetch the packet
    { verb: "tag", data: { civiclineContextId: a.contextId } },
    {
      verb: "enqueue",
      name: `civicline-${a.queue.toLowerCase().replace(/[^a-z0-9-]+/g, "-")}`,
      priority: PRIORITY[a.priority],
      ...(opts.queueHook ? { actionHook: withQuery(opts.queueHook, "ctx", a.contextId) } : {}),
    },
  ];
};

export const renderJambonz = (actions: Action[], opts: JambonzOptions): JambonzVerb[] => {
  const out: JambonzVerb[] = [];
  let pending: { text: string; locale: Locale; style?: SpeechStyle }[] = [];
  const flush = () => {
    out.push(...pending.map((p) => say(p.text, p.locale, p.style)));
    pending = [];
  };
  for (const a of actions) {
    switch (a.kind) {
      case "say":
        pending.push({ text: a.text, locale: a.locale, ...(a.style ? { style: a.style } : {}) });
        break;
      case "ask":
        out.push(...pending.filter((p) => p.locale !== a.locale).map((p) => say(p.text, p.locale, p.style)));
        out.push(gather(a, pending, opts));
        return out;
      case "pause-recording":
        flush();
        out.push({ verb: "config", record: { action: "pauseCallRecording" } });
        break;
      case "resume-recording":
        flush();
        out.push({ verb: "config", record: { action: "resumeCallRecording" } });
        break;
      case "handoff":
        flush();
        out.push(...handoff(a, opts));
        return out;
      case "end":
        flush();
        out.push({ verb: "hangup" });
        return out;
      case "send-sms":
        break; // sent by the app through the SMS port
    }
  }
  flush();
  out.push({ verb: "hangup" });
  return out;
};

/** Spoken apology when we cannot serve a request. */
export const apologyVerbs = (): JambonzVerb[] => [
  say("抱歉，系统暂时无法处理您的来电，请稍后再拨。", "zh"),
  { verb: "hangup" },
];
