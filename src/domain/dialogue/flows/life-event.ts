import type { LifeEvent } from "../../kb/schema.js";
import type { TurnContext } from "../context.js";
import { list } from "../format.js";
import { nameOf } from "../kb-view.js";
import { t } from "../prompts.js";
import { event, offerSms, say, type Reply } from "../reply.js";

/**
 * 一件事 (life events): which steps, in which order, what is already done for this caller and
 * what comes next. Order follows the steps' dependencies (a step is spoken after everything it
 * depends on), which is also the order the KB lists them in for the demo events.
 */

export const orderedSteps = (ev: LifeEvent): string[] => {
  const out: string[] = [];
  const pending = [...ev.steps];
  while (pending.length) {
    const i = pending.findIndex((s) => s.dependsOn.every((d) => out.includes(d)));
    // A cycle is rejected by KB validation; fall back to listed order rather than loop.
    const [step] = pending.splice(i < 0 ? 0 : i, 1);
    out.push(step!.item);
  }
  return out;
};

/** The first step not done whose prerequisites are all done. */
export const nextStepOf = (ev: LifeEvent, done: string[]): string | undefined =>
  orderedSteps(ev).find(
    (code) =>
      !done.includes(code) && (ev.steps.find((s) => s.item === code)?.dependsOn ?? []).every((d) => done.includes(d)),
  );

export const eventStatusLine = (
  ctx: TurnContext,
  locale: "zh" | "en",
  eventCode: string,
  done: string[],
): string | undefined => {
  const ev = ctx.kb.events.get(eventCode);
  if (!ev) return undefined;
  const next = nextStepOf(ev, done);
  if (!next) return undefined;
  const p = t(locale);
  const doneNames = orderedSteps(ev)
    .filter((c) => done.includes(c))
    .map((c) => nameOf(ctx.kb, c, locale));
  const evName = nameOf(ctx.kb, eventCode, locale);
  if (!doneNames.length)
    return locale === "zh"
      ? `您的${evName}，下一步是${nameOf(ctx.kb, next, locale)}。`
      : `For ${evName}, the next step is ${nameOf(ctx.kb, next, locale)}.`;
  return p.recogEvent(evName, list(doneNames, locale), nameOf(ctx.kb, next, locale));
};

export const answerEvent = (r: Reply, ctx: TurnContext, eventCode: string): void => {
  const s = r.state;
  const ev = ctx.kb.events.get(eventCode)!;
  const loc = s.locale;
  const steps = orderedSteps(ev).map((c) => nameOf(ctx.kb, c, loc));
  // Silver callers hear the steps, then the SMS offer, one thing at a time; others also hear where they stand.
  const order =
    loc === "zh"
      ? `${nameOf(ctx.kb, eventCode, loc)}一共${steps.length}步：${steps.map((n, i) => (i === 0 ? `先办${n}` : i === steps.length - 1 ? `最后办${n}` : `再办${n}`)).join("，")}。`
      : `${nameOf(ctx.kb, eventCode, loc)} has ${steps.length} steps, in this order: ${list(steps, loc)}.`;
  say(r, order);
  const mine = s.profile.events.find((e) => e.eventCode === eventCode);
  if (mine) {
    const line = eventStatusLine(ctx, loc, eventCode, mine.done);
    if (line) say(r, line);
  }
  s.topic = { intent: eventCode, eventCode, entities: s.topic.entities };
  event(r, "answer-given", { subject: eventCode, kbVersion: ctx.kbVersion, personal: !!mine });
  offerSms(r, ctx, { kind: "event", code: eventCode }, t(loc).smsOffer);
};
