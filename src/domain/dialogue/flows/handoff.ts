import type { HandoffPacket, TurnContext } from "../context.js";
import { nameOf } from "../kb-view.js";
import { t } from "../prompts.js";
import { event, say, type Reply } from "../reply.js";

/**
 * Handing the call to a person. The agent side gets a context packet (stored by the use case);
 * the channel only sees its opaque id, so no personal data crosses into SIP headers or queues.
 */

export type HandoffReason =
  | "caller-asked"
  | "no-input"
  | "no-match"
  | "angry"
  | "distressed"
  | "elderly"
  | "verification-failed"
  | "complaint"
  | "not-in-kb"
  | "family-progress";

export interface HandoffOptions {
  reason: HandoffReason;
  priority?: "normal" | "high";
  /** what the caller hears first; defaults by reason */
  line?: string;
}

export const queueFor = (r: Reply, reason: HandoffReason): string => {
  if (r.state.silver || reason === "elderly") return "elderly";
  if (r.state.locale === "en") return "en";
  return "general";
};

const summaryOf = (r: Reply, ctx: TurnContext, reason: HandoffReason): string => {
  const s = r.state;
  const parts: string[] = [];
  const topic = s.topic.itemCode ?? s.topic.eventCode ?? s.topic.intent;
  parts.push(topic ? `来电咨询：${nameOf(ctx.kb, topic, "zh")}` : "来电尚未说明具体业务");
  if (s.silver) parts.push("老年人/需放慢语速");
  if (s.locale === "en") parts.push("英语来电");
  if (s.lastEmotion && s.lastEmotion.label !== "neutral") parts.push(`情绪：${s.lastEmotion.label}`);
  parts.push(`身份核验：${s.verification.level === "none" ? "未核验" : "已核验"}`);
  parts.push(`转接原因：${reason}`);
  return parts.join("；");
};

export const handOff = (r: Reply, ctx: TurnContext, opts: HandoffOptions): void => {
  const s = r.state;
  const priority = opts.priority ?? "normal";
  const queue = queueFor(r, opts.reason);
  const p = t(s.locale);
  const line =
    opts.line ??
    (priority === "high"
      ? p.handoffPriority
      : queue === "elderly"
        ? p.handoffElderly
        : opts.reason === "no-input" || opts.reason === "no-match"
          ? p.handoffAfterTrouble
          : p.handoff);
  const packet: HandoffPacket = {
    reason: opts.reason,
    queue,
    priority,
    locale: s.locale,
    silver: s.silver,
    ...(s.topic.intent ? { intent: s.topic.intent } : {}),
    ...(s.topic.itemCode ? { itemCode: s.topic.itemCode } : {}),
    ...(s.topic.eventCode ? { eventCode: s.topic.eventCode } : {}),
    entities: s.topic.entities,
    verification: s.verification.level,
    ...(s.lastEmotion ? { emotion: s.lastEmotion } : {}),
    summary: summaryOf(r, ctx, opts.reason),
    handled: s.handled,
    kbVersion: ctx.kbVersion,
  };
  say(r, line);
  r.actions.push({ kind: "handoff", queue, reason: opts.reason, priority, contextId: ctx.newId });
  r.effects.push({ kind: "store-handoff", contextId: ctx.newId, packet });
  event(r, "handoff-requested", { queue, reason: opts.reason, priority, contextId: ctx.newId });
  s.status = "handed-off";
  s.pending = null;
  s.handoff = { contextId: ctx.newId, queue };
};
