import type { Hall, ServiceItem } from "../../kb/schema.js";
import type { Locale } from "../actions.js";
import type { TurnContext } from "../context.js";
import { list, shortClock } from "../format.js";
import { hallName, nameOf } from "../kb-view.js";
import { t } from "../prompts.js";
import { event, offerSms, say, type Reply } from "../reply.js";

/**
 * A service item by ear: key materials, where, hours, fee and time limit, in two or three short
 * sentences; the full checklist goes by SMS. Materials with a condition (children, agents…) are
 * left to the SMS, because reading conditions aloud is what makes IVR answers unbearable.
 */

const short = (s: string) =>
  s
    .replace(/[（(][^）)]*[）)]/g, "")
    .replace(/[《》]/g, "")
    .trim();

export const keyMaterials = (item: ServiceItem, locale: Locale, max: number): string[] => {
  const notForm = item.materials.filter((m) => !/申请表|登记表|application form/i.test(m.name[locale]));
  const always = notForm.filter((m) => !m.when);
  // Every material conditional (it depends on the case): name the first ones, the SMS has the rest.
  return (always.length ? always : notForm).slice(0, max).map((m) => short(m.name[locale]));
};

export const hoursOf = (hall: Hall, locale: Locale): string => {
  const wd = hall.hours.weekdays;
  const open = shortClock(wd[0]!.open);
  const close = shortClock(wd.at(-1)!.close);
  const sat = hall.hours.saturday.length > 0;
  if (locale === "zh") return `工作日${open}到${close}${sat ? "，周六也开放" : ""}`;
  return `weekdays ${open} to ${close}${sat ? ", also open on Saturdays" : ""}`;
};

export const feeOf = (item: ServiceItem, locale: Locale): string => {
  const base = item.fees.find((f) => !f.when) ?? item.fees[0]!;
  if (base.amountYuan === 0) return locale === "zh" ? "不收费" : "free of charge";
  return locale === "zh" ? `费用${base.amountYuan}元` : `the fee is ${base.amountYuan} yuan`;
};

export const timeLimitOf = (item: ServiceItem, locale: Locale): string => {
  const days = item.processing.workingDays;
  if (days === 0) return locale === "zh" ? "当场办结" : "done on the spot";
  return locale === "zh" ? `${days}个工作日内办结` : `ready within ${days} working days`;
};

/** The spoken answer: two or three sentences (silver callers: fewer facts per sentence). */
export const itemAnswer = (ctx: TurnContext, item: ServiceItem, locale: Locale, silver: boolean): string[] => {
  const name = nameOf(ctx.kb, item.code, locale);
  const materials = keyMaterials(item, locale, silver ? 2 : 3);
  const halls = item.halls.slice(0, silver ? 1 : 2).map((h) => hallName(ctx.kb, h, locale));
  const hall = ctx.kb.halls.get(item.halls[0]!);
  if (locale === "zh") {
    return [
      materials.length ? `${name}，需要带${list(materials, locale)}。` : `${name}。`,
      `可以到${list(halls, locale, "或")}办理${hall ? `，${hoursOf(hall, locale)}` : ""}。`,
      `${feeOf(item, locale)}，${timeLimitOf(item, locale)}。`,
    ];
  }
  return [
    `For ${name}, bring ${list(materials, locale)}.`,
    `Go to ${list(halls, locale, "or")}${hall ? `, ${hoursOf(hall, locale)}` : ""}.`,
    `${feeOf(item, locale).replace(/^./, (c) => c.toUpperCase())}, ${timeLimitOf(item, locale)}.`,
  ];
};

export const answerItem = (r: Reply, ctx: TurnContext, itemCode: string): void => {
  const s = r.state;
  const item = ctx.kb.items.get(itemCode)!;
  for (const line of itemAnswer(ctx, item, s.locale, s.silver)) say(r, line);
  event(r, "answer-given", { subject: itemCode, kbVersion: ctx.kbVersion });
  offerSms(r, ctx, { kind: "item", code: itemCode }, t(s.locale).smsOffer);
};
