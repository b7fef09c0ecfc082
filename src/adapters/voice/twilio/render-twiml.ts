import type { Action, Locale, SpeechStyle } from "../../../domain/dialogue/actions.js";
import { el, xmlDocument, type XmlNode } from "../xml.js";

/**
 * Channel-neutral actions → TwiML. Says that come right before a question are nested inside the
 * <Gather>, so a caller can press 0 or speak over the prompt (barge-in) instead of waiting it out.
 * Mandarin uses different codes for speech synthesis (cmn-CN) and recognition (cmn-Hans-CN).
 * Handoff carries only the opaque context id; SMS is sent by the app, not by TwiML (<Sms> is
 * deprecated).
 */

export interface TwimlOptions {
  /** URL of the next step (absolute, or relative to the request); gets the Gather result */
  actionUrl: string;
  /** URL Twilio calls when the caller leaves the agent queue (QueueResult) */
  queueResultUrl?: string;
  /** hand off over SIP to an agent platform instead of a Twilio queue */
  agentSipUri?: string;
  /** begin recording (first response of a call, after the engine has announced it) */
  startRecording?: boolean;
}

const SAY_LANGUAGE: Record<Locale, string> = { zh: "cmn-CN", en: "en-US" };
const GATHER_LANGUAGE: Record<Locale, string> = { zh: "cmn-Hans-CN", en: "en-US" };
// Polly voices accept SSML <prosody>; the basic voices do not.
const VOICE: Record<Locale, string> = { zh: "Polly.Zhiyu-Neural", en: "Polly.Joanna-Neural" };
export const RECORDING_NAME = "civicline-call";
const MAX_HINTS = 500;
const MAX_HINT_CHARS = 100;

const say = (text: string, locale: Locale, style?: SpeechStyle): XmlNode =>
  el(
    "Say",
    { language: SAY_LANGUAGE[locale], voice: VOICE[locale] },
    style?.rate === "slow" ? el("prosody", { rate: "slow" }, text) : text,
  );

/** Twilio hints are one comma-separated attribute: drop commas inside a hint and respect the limits. */
export const twilioHints = (hints: string[] | undefined): string | undefined => {
  const clean = (hints ?? [])
    .map((h) => h.replace(/[,，]/g, " ").trim().slice(0, MAX_HINT_CHARS))
    .filter((h) => h.length > 0);
  const unique = [...new Set(clean)].slice(0, MAX_HINTS);
  return unique.length ? unique.join(",") : undefined;
};

/** Twilio queue names: ≤ 64 characters; keep them to plain ASCII so agents' dashboards match. */
export const queueName = (queue: string): string =>
  `civicline-${queue.toLowerCase().replace(/[^a-z0-9-]+/g, "-")}`.slice(0, 64);

const withQuery = (url: string, key: string, value: string) =>
  `${url}${url.includes("?") ? "&" : "?"}${key}=${encodeURIComponent(value)}`;

const gather = (a: Extract<Action, { kind: "ask" }>, before: XmlNode[], opts: TwimlOptions): XmlNode => {
  // "0 for a person" must work at every question, so the keypad is always listened to.
  const input = a.input.includes("speech") ? "dtmf speech" : "dtmf";
  return el(
    "Gather",
    {
      input,
      action: opts.actionUrl,
      method: "POST",
      language: GATHER_LANGUAGE[a.locale],
      timeout: a.timeoutSeconds,
      ...(input.includes("speech") ? { speechTimeout: "auto", hints: twilioHints(a.hints) } : {}),
      // In a spoken question a key is one choice (0 person, 1 yes, 9 elderly, * repeat): act on
      // the first key instead of waiting out the timeout for more digits.
      numDigits: a.numDigits ?? (input === "dtmf speech" ? 1 : undefined),
      finishOnKey: a.finishOnKey,
      // A timeout still calls the action (as silence), so the engine counts no-inputs itself.
      actionOnEmptyResult: true,
    },
    ...before,
    say(a.prompt, a.locale, a.style),
  );
};

const handoff = (a: Extract<Action, { kind: "handoff" }>, opts: TwimlOptions): XmlNode => {
  if (opts.agentSipUri) {
    // Only the opaque context id crosses to the agent platform, as an x- header on the SIP URI.
    return el(
      "Dial",
      { action: opts.queueResultUrl, method: "POST", answerOnBridge: true },
      el("Sip", {}, withQuery(opts.agentSipUri, "x-civicline-context", a.contextId)),
    );
  }
  return el(
    "Enqueue",
    { action: opts.queueResultUrl ? withQuery(opts.queueResultUrl, "ctx", a.contextId) : undefined, method: "POST" },
    queueName(a.queue),
  );
};

export const renderTwimlNodes = (actions: Action[], opts: TwimlOptions): XmlNode[] => {
  const out: XmlNode[] = [];
  if (opts.startRecording) out.push(el("Start", {}, el("Recording", { name: RECORDING_NAME })));
  let pendingSays: XmlNode[] = [];
  const flushSays = () => {
    out.push(...pendingSays);
    pendingSays = [];
  };
  let finished = false;
  for (const a of actions) {
    if (finished) break;
    switch (a.kind) {
      case "say":
        pendingSays.push(say(a.text, a.locale, a.style));
        break;
      case "ask":
        out.push(gather(a, pendingSays, opts));
        pendingSays = [];
        // If the Gather falls through anyway (older accounts ignore actionOnEmptyResult), report silence.
        out.push(el("Redirect", { method: "POST" }, opts.actionUrl));
        finished = true;
        break;
      case "pause-recording":
        flushSays();
        // TwiML cannot pause a recording (only the REST API can); stopping it keeps what follows off tape.
        out.push(el("Stop", {}, el("Recording", { name: RECORDING_NAME })));
        break;
      case "resume-recording":
        flushSays();
        out.push(el("Start", {}, el("Recording", { name: RECORDING_NAME })));
        break;
      case "handoff":
        flushSays();
        out.push(handoff(a, opts));
        finished = true;
        break;
      case "end":
        flushSays();
        out.push(el("Hangup"));
        finished = true;
        break;
      case "send-sms":
        break; // sent by the app through the SMS port
    }
  }
  if (!finished) {
    flushSays();
    // Nothing more to ask: end cleanly rather than let Twilio loop on the current URL.
    out.push(el("Hangup"));
  }
  return out;
};

export const renderTwiml = (actions: Action[], opts: TwimlOptions): string =>
  xmlDocument(el("Response", {}, ...renderTwimlNodes(actions, opts)));

/** A spoken apology for requests we cannot serve (bad input, our own failure). */
export const apologyTwiml = (locale: Locale = "zh"): string =>
  xmlDocument(
    el(
      "Response",
      {},
      say(
        locale === "zh"
          ? "抱歉，系统暂时无法处理您的来电，请稍后再拨，或拨打人工服务。"
          : "Sorry, we cannot take your call right now. Please call again later.",
        locale,
      ),
      el("Hangup"),
    ),
  );
