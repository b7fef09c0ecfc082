import type { Emotion, Entity, Interpretation } from "../../nlu/types.js";
import type { Action, Turn } from "../actions.js";
import {
  needKey,
  type CallerProfile,
  type Need,
  type NeedResults,
  type StepResult,
  type TurnContext,
} from "../context.js";
import { nextStep } from "../engine.js";
import { initialState, type ConversationState } from "../state.js";
import { fixtureView } from "./fixture-kb.js";

/**
 * Test support for the pure engine: a hand-made interpretation (the NLU is not under test here),
 * a context, and a resolver that answers the engine's needs the way the use case would.
 */

export const TODAY = "2026-11-25"; // a Wednesday
const view = fixtureView();

export const nlu = (
  intent: string,
  opts: {
    confidence?: number;
    entities?: Entity[];
    emotion?: Partial<Emotion>;
    clarify?: boolean;
    alternatives?: { intent: string; confidence: number }[];
    text?: string;
  } = {},
): Interpretation => ({
  text: opts.text ?? "",
  normalized: opts.text ?? "",
  intent,
  confidence: opts.confidence ?? 0.9,
  alternatives: opts.alternatives ?? [],
  clarify: opts.clarify ?? false,
  entities: opts.entities ?? [],
  emotion: { label: "neutral", intensity: 0.1, ...opts.emotion },
  explanation: [],
});

export type Resolver = { [K in Need["kind"]]?: (n: Extract<Need, { kind: K }>) => NeedResults[K] };

export interface Call {
  state: ConversationState;
  step: number;
  resolved: Need[];
  last?: StepResult;
}

export const newCall = (): Call => ({ state: initialState(), step: 0, resolved: [] });

/** Runs one turn as handleTurn would: nextStep, resolve needs, nextStep again. */
export const turn = (
  call: Call,
  t: Turn,
  opts: { nlu?: Interpretation; profile?: CallerProfile; resolve?: Resolver; today?: string } = {},
): StepResult => {
  call.step++;
  const ctx: TurnContext = {
    now: `${opts.today ?? TODAY}T02:00:00.000Z`,
    today: opts.today ?? TODAY,
    kbVersion: view.version,
    kb: view,
    ...(opts.nlu ? { interpretation: { ...opts.nlu, text: t.kind === "speech" ? t.text : opts.nlu.text } } : {}),
    ...(opts.profile ? { profile: opts.profile } : {}),
    conversationId: "c0ffee00-0000-4000-8000-000000000001",
    stepNo: call.step,
    newId: `ctx-${call.step}`,
    results: {},
  };
  for (let round = 0; round < 4; round++) {
    const out = nextStep(call.state, t, ctx);
    if (!out.needs.length) {
      call.state = out.state;
      call.last = out;
      return out;
    }
    for (const n of out.needs) {
      const fn = opts.resolve?.[n.kind] as ((x: Need) => unknown) | undefined;
      if (!fn) throw new Error(`unexpected need ${n.kind}`);
      call.resolved.push(n);
      ctx.results![needKey(n)] = fn(n);
    }
  }
  throw new Error("needs did not settle");
};

export const speech = (text: string, confidence?: number): Turn => ({
  kind: "speech",
  text,
  ...(confidence === undefined ? {} : { confidence }),
});
export const digits = (d: string): Turn => ({ kind: "digits", digits: d });
export const silence: Turn = { kind: "silence" };
export const start: Turn = { kind: "start" };

export const spoken = (out: StepResult): string =>
  out.actions
    .map((a) => (a.kind === "say" ? a.text : a.kind === "ask" ? a.prompt : ""))
    .filter(Boolean)
    .join(" ");

export const lastAsk = (out: StepResult) =>
  out.actions.filter((a): a is Extract<Action, { kind: "ask" }> => a.kind === "ask").at(-1);
export const kinds = (out: StepResult) => out.actions.map((a) => a.kind);
