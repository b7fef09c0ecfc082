import type { LocalText, ServiceItem } from "../../kb/schema.js";

type Faq = { q: LocalText; a: LocalText };
import type { Locale } from "../actions.js";
import type { TurnContext } from "../context.js";
import { list } from "../format.js";
import type { Heard } from "../heard.js";
import { hallName } from "../kb-view.js";
import { t } from "../prompts.js";
import { ask, event, offerSms, say, type Reply } from "../reply.js";
import { feeOf, keyMaterials, timeLimitOf } from "./item-answer.js";

/**
 * A question about the subject already on the table ("要多久", "网上能办吗", "没有智能手机怎么弄"):
 * answer just that — one fact, or the KB's own FAQ answer — instead of reading the whole answer
 * again. Facts come from the item's fields; anything else only from its FAQ, never improvised.
 */

export type Facet = "materials" | "where" | "hours" | "fee" | "time" | "online";

const FACETS: [Facet, RegExp][] = [
  ["online", /网上|线上|手机上|app|APP|小程序|不用跑|在家|online/i],
  ["materials", /带什么|带啥|材料|要什么|需要什么|证件要|what (do i|to) bring|documents/i],
  ["where", /在哪|哪里|哪儿|地址|哪个大厅|去哪|where/i],
  ["hours", /几点|上班|开门|下班|办公时间|周末|星期[六天日]|opening|hours/i],
  ["fee", /多少钱|费用|收费|要钱|免费|how much|fee|cost/i],
  ["time", /多久|几天|多长时间|什么时候能(拿|取|好)|多快|加急|how long/i],
];

export const facetsOf = (text: string): Facet[] => FACETS.filter(([, re]) => re.test(text)).map(([f]) => f);

const FUNCTION_CHARS = new Set(
  "的了吗呢吧啊呀哦嗯我你您他她它们这那个是有在么怎什要能会可以不没就都也还和与或及请问一下吧得地着过到给让把被对从为".split(
    "",
  ),
);
const contentChars = (s: string) => new Set([...s].filter((c) => /\p{Script=Han}/u.test(c) && !FUNCTION_CHARS.has(c)));

/** The FAQ entry whose question shares the most content characters with what was asked (two at least). */
export const matchFaq = (faq: Faq[], text: string, locale: Locale): Faq | undefined => {
  const said = contentChars(text);
  let best: { f: Faq; score: number; shared: number } | undefined;
  for (const f of faq) {
    const q = contentChars(f.q.zh);
    const shared = [...q].filter((c) => said.has(c)).length;
    const score = q.size ? shared / q.size : 0;
    if (shared >= 2 && score >= 0.25 && (!best || score > best.score)) best = { f, score, shared };
  }
  void locale;
  return best?.f;
};

const onlineLine = (item: ServiceItem, locale: Locale): string => {
  const zh = locale === "zh";
  const apply = item.online.find((o) => o.scope.includes("apply") || o.scope.includes("all"));
  if (apply) return zh ? `可以在${apply.name.zh}网上申请。` : `You can apply online at ${apply.name.en}.`;
  const book = item.online.find((o) => o.scope.includes("book"));
  if (book)
    return zh
      ? `可以在${book.name.zh}网上预约，办理要本人到窗口。`
      : `You can book online at ${book.name.en}; the application itself is made in person.`;
  return zh ? "这项业务需要到窗口办理。" : "This has to be done in person at a counter.";
};

export const facetLines = (ctx: TurnContext, item: ServiceItem, facets: Facet[], locale: Locale): string[] => {
  const zh = locale === "zh";
  const hall = ctx.kb.halls.get(item.halls[0]!);
  const lines: string[] = [];
  for (const f of facets) {
    if (f === "materials") {
      const m = keyMaterials(item, locale, 3);
      lines.push(zh ? `需要带${list(m, locale)}。` : `Bring ${list(m, locale)}.`);
    } else if (f === "where") {
      const halls = item.halls.slice(0, 2).map((h) => hallName(ctx.kb, h, locale));
      lines.push(
        zh
          ? `可以到${list(halls, locale, "或")}办理${hall ? `，地址是${hall.address.zh}` : ""}。`
          : `Go to ${list(halls, locale, "or")}${hall ? `, ${hall.address.en}` : ""}.`,
      );
    } else if (f === "hours" && hall)
      lines.push(zh ? `${hallName(ctx.kb, hall.code, locale)}${hall.hoursText.zh}` : hall.hoursText.en);
    else if (f === "fee") lines.push(zh ? `${feeOf(item, locale)}。` : `${feeOf(item, locale)}.`);
    else if (f === "time") lines.push(zh ? `${timeLimitOf(item, locale)}。` : `It is ${timeLimitOf(item, locale)}.`);
    else if (f === "online") lines.push(onlineLine(item, locale));
  }
  return lines;
};

/** Answers a follow-up about the current topic; false when it is not one this can answer from the KB. */
export const answerFollowUp = (r: Reply, ctx: TurnContext, h: Heard): boolean => {
  const s = r.state;
  const loc = s.locale;
  const item = s.topic.itemCode ? ctx.kb.items.get(s.topic.itemCode) : undefined;
  const ev = s.topic.eventCode ? ctx.kb.events.get(s.topic.eventCode) : undefined;
  if (!item && !ev) return false;
  const facets = item ? facetsOf(h.text) : [];
  const faq = facets.length ? undefined : matchFaq([...(item?.faq ?? []), ...(ev?.faq ?? [])], h.text, loc);
  if (!facets.length && !faq) return false;
  const code = item?.code ?? ev!.code;
  if (facets.length) for (const line of facetLines(ctx, item!, facets.slice(0, 2), loc)) say(r, line);
  else say(r, faq!.a[loc]);
  event(r, "answer-given", { subject: code, kbVersion: ctx.kbVersion, followUp: facets.length ? facets : "faq" });
  const subject = item ? { kind: "item" as const, code } : { kind: "event" as const, code };
  const already = s.smsSent.some((k) => k.endsWith(`:${subject.kind}.${code}`));
  if (already) ask(r, { kind: "open" }, s.silver ? t(loc).anythingElseSilver : t(loc).anythingElse);
  else offerSms(r, ctx, subject, t(loc).smsOffer);
  return true;
};
