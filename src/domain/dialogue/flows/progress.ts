import { resultOf, type ApplicationStatus, type TurnContext } from "../context.js";
import { hallName, nameOf } from "../kb-view.js";
import { documentNoun, t } from "../prompts.js";
import { ask, event, need, offerSms, say, type Reply } from "../reply.js";

/**
 * "我的护照办好了吗" for a verified caller: the status of their applications (the one asked
 * about, else the most recent two), where to collect a ready document, and an SMS offer.
 */

const matches = (a: ApplicationStatus, itemCode?: string) => {
  if (!itemCode) return true;
  // "护照" means any passport item: the caller rarely knows apply from renew.
  return a.itemCode === itemCode || a.itemCode.split(".")[0] === itemCode.split(".")[0];
};

export const answerProgress = (r: Reply, ctx: TurnContext, itemCode?: string): void => {
  const s = r.state;
  const tr = t(s.locale);
  const citizenRef = s.verification.citizenRef;
  const n = { kind: "progress" as const, citizenRef: citizenRef ?? "" };
  const got = citizenRef ? resultOf(ctx, n) : { applications: [] };
  if (!got) {
    need(r, n);
    return;
  }
  const open = got.applications.filter((a) => a.status !== "collected");
  const apps = (open.length ? open : got.applications).filter((a) => matches(a, itemCode)).slice(0, 2);
  event(r, "progress-told", { items: apps.map((a) => a.itemCode), kbVersion: ctx.kbVersion });
  if (!apps.length) {
    say(r, tr.progressNone);
    ask(r, { kind: "open" }, s.silver ? tr.anythingElseSilver : tr.anythingElse);
    return;
  }
  for (const a of apps) {
    const doc = documentNoun(a.itemCode, s.locale) ?? nameOf(ctx.kb, a.itemCode, s.locale);
    say(r, tr.progress(doc, tr.status[a.status] ?? tr.statusUnknown));
    if (a.status === "ready" && a.hallCode) say(r, tr.pickup(hallName(ctx.kb, a.hallCode, s.locale)));
  }
  const first = apps[0]!;
  s.topic = { ...s.topic, intent: "meta.progress", itemCode: first.itemCode };
  offerSms(r, ctx, { kind: "progress", code: first.itemCode, status: first.status }, tr.smsOfferProgress);
};
