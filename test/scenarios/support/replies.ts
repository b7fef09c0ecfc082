import { childElements, findAll, parseXml, textOf, type XmlElement } from "./xml.js";

/**
 * What a caller would perceive of one webhook answer, read the same way for both providers: the
 * words spoken, whether the line waits for input (and how), a transfer to a person, a hang-up.
 * TwiML is parsed with the strict XML reader, so malformed TwiML fails the scenario.
 */

export interface Reply {
  status: number;
  contentType?: string;
  raw: string;
  /** everything the caller hears, in order */
  spoken: string;
  /** the line waits for speech and/or keys */
  expectsInput: boolean;
  inputs: string[];
  numDigits?: number;
  finishOnKey?: string;
  timeoutSeconds?: number;
  /** where the provider will send the next input (path and query only) */
  nextPath?: string;
  /** a transfer to people: queue name, opaque context id */
  handoff?: { queue: string; contextId?: string; priority?: number; resultPath?: string };
  hungUp: boolean;
  slow: boolean;
  languages: string[];
  /** recording control in order: "start" | "stop" (Twilio) or "pause" | "resume" (jambonz) */
  recording: string[];
}

const pathOf = (url: string | undefined): string | undefined => {
  if (!url) return undefined;
  const u = new URL(url, "http://placeholder.invalid");
  return `${u.pathname}${u.search}`;
};

const ctxFrom = (url: string | undefined) =>
  url ? (new URL(url, "http://x.invalid").searchParams.get("ctx") ?? undefined) : undefined;

export const readTwiml = (status: number, raw: string): Reply => {
  const doc: XmlElement = parseXml(raw);
  if (doc.name !== "Response") throw new Error(`TwiML root is <${doc.name}>, expected <Response>`);
  const says = findAll(doc, "Say");
  const gather = findAll(doc, "Gather")[0];
  const enqueue = findAll(doc, "Enqueue")[0];
  const sip = findAll(doc, "Sip")[0];
  const recording: string[] = [];
  for (const e of childElements(doc)) {
    if ((e.name === "Start" || e.name === "Stop") && childElements(e).some((c) => c.name === "Recording"))
      recording.push(e.name === "Start" ? "start" : "stop");
  }
  return {
    status,
    raw,
    spoken: says.map(textOf).join(" "),
    expectsInput: gather !== undefined,
    inputs: gather?.attrs.input?.split(" ") ?? [],
    ...(gather?.attrs.numDigits ? { numDigits: Number(gather.attrs.numDigits) } : {}),
    ...(gather?.attrs.finishOnKey !== undefined ? { finishOnKey: gather.attrs.finishOnKey } : {}),
    ...(gather?.attrs.timeout ? { timeoutSeconds: Number(gather.attrs.timeout) } : {}),
    ...(gather ? { nextPath: pathOf(gather.attrs.action) } : {}),
    ...(enqueue
      ? {
          handoff: {
            queue: textOf(enqueue),
            contextId: ctxFrom(enqueue.attrs.action),
            resultPath: pathOf(enqueue.attrs.action),
          },
        }
      : {}),
    ...(sip
      ? {
          handoff: {
            queue: "sip",
            contextId: new URL(textOf(sip)).searchParams.get("x-civicline-context") ?? undefined,
          },
        }
      : {}),
    hungUp: findAll(doc, "Hangup").length > 0,
    slow: findAll(doc, "prosody").some((p) => p.attrs.rate === "slow"),
    languages: [
      ...new Set([...says.map((s) => s.attrs.language ?? ""), ...(gather ? [gather.attrs.language ?? ""] : [])]),
    ],
    recording,
  };
};

type Verb = Record<string, unknown> & { verb: string };

/** SSML text → the words; plain text as is. */
const spokenText = (text: unknown): { text: string; slow: boolean } => {
  if (typeof text !== "string") return { text: "", slow: false };
  if (!text.trimStart().startsWith("<speak")) return { text, slow: false };
  const ssml = parseXml(text);
  return { text: textOf(ssml), slow: findAll(ssml, "prosody").some((p) => p.attrs.rate === "slow") };
};

export const readJambonz = (status: number, raw: string): Reply => {
  const verbs = JSON.parse(raw) as unknown;
  if (!Array.isArray(verbs)) throw new Error(`jambonz answer is not a verb array: ${raw.slice(0, 200)}`);
  const spoken: string[] = [];
  const languages = new Set<string>();
  const recording: string[] = [];
  let slow = false;
  let gather: Verb | undefined;
  let enqueue: Verb | undefined;
  let tagged: string | undefined;
  let hungUp = false;
  for (const v of verbs as Verb[]) {
    if (typeof v?.verb !== "string") throw new Error(`not a jambonz verb: ${JSON.stringify(v)}`);
    const sayOf = (s: unknown) => {
      const say = s as { text?: unknown; synthesizer?: { language?: string } } | undefined;
      const t = spokenText(say?.text);
      spoken.push(t.text);
      slow ||= t.slow;
      if (say?.synthesizer?.language) languages.add(say.synthesizer.language);
    };
    if (v.verb === "say") sayOf(v);
    else if (v.verb === "gather") {
      gather = v;
      if (v.say) sayOf(v.say);
      const lang = (v.recognizer as { language?: string } | undefined)?.language;
      if (lang) languages.add(lang);
    } else if (v.verb === "enqueue") enqueue = v;
    else if (v.verb === "tag") tagged = (v.data as { civiclineContextId?: string } | undefined)?.civiclineContextId;
    else if (v.verb === "hangup") hungUp = true;
    else if (v.verb === "config") {
      const action = (v.record as { action?: string } | undefined)?.action;
      if (action === "pauseCallRecording") recording.push("pause");
      if (action === "resumeCallRecording") recording.push("resume");
    }
  }
  return {
    status,
    raw,
    spoken: spoken.join(" "),
    expectsInput: gather !== undefined,
    inputs: (gather?.input as string[] | undefined) ?? [],
    ...(typeof gather?.numDigits === "number" ? { numDigits: gather.numDigits } : {}),
    ...(typeof gather?.finishOnKey === "string" ? { finishOnKey: gather.finishOnKey } : {}),
    ...(typeof gather?.timeout === "number" ? { timeoutSeconds: gather.timeout } : {}),
    ...(gather ? { nextPath: pathOf(gather.actionHook as string) } : {}),
    ...(enqueue
      ? {
          handoff: {
            queue: String(enqueue.name),
            contextId: tagged ?? ctxFrom(enqueue.actionHook as string | undefined),
            priority: enqueue.priority as number,
            resultPath: pathOf(enqueue.actionHook as string | undefined),
          },
        }
      : {}),
    hungUp,
    slow,
    languages: [...languages],
    recording,
  };
};
