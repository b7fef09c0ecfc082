import type { TurnContext } from "../context.js";
import { resultOf } from "../context.js";
import { sayDate, sayTime } from "../format.js";
import { hallName, nameOf } from "../kb-view.js";
import { documentNoun, t } from "../prompts.js";
import { event, need, say, type Reply } from "../reply.js";
import type { SmsSubject } from "../state.js";
import { nextStepOf } from "./life-event.js";

/**
 * "需要发短信给您吗？" → the details by SMS, with a short link when the links service gives one.
 * The idempotency key names the conversation and the subject, so pressing 1 twice (or a retried
 * webhook) sends one message.
 */

interface Sms {
  templateId: string;
  variables: Record<string, string>;
  linkFor?: { subject: "item" | "event" | "appointment"; code: string };
}

const smsFor = (r: Reply, ctx: TurnContext, subject: SmsSubject): Sms | undefined => {
  const loc = r.state.locale;
  if (subject.kind === "item")
    return {
      templateId: "sms.checklist",
      variables: { itemName: nameOf(ctx.kb, subject.code, loc) },
      linkFor: { subject: "item", code: subject.code },
    };
  if (subject.kind === "event") {
    const ev = ctx.kb.events.get(subject.code);
    const done = r.state.profile.events.find((e) => e.eventCode === subject.code)?.done ?? [];
    const next = ev ? nextStepOf(ev, done) : undefined;
    return {
      templateId: "sms.event-checklist",
      variables: { eventName: nameOf(ctx.kb, subject.code, loc), nextStep: next ? nameOf(ctx.kb, next, loc) : "" },
      linkFor: { subject: "event", code: subject.code },
    };
  }
  if (subject.kind === "progress") {
    const doc = documentNoun(subject.code, loc) ?? nameOf(ctx.kb, subject.code, loc);
    const tr = t(loc);
    const status = (subject.status && tr.status[subject.status]) || tr.statusUnknown;
    return {
      templateId: "sms.application-status",
      variables: { documentName: doc, status },
      linkFor: { subject: "item", code: subject.code },
    };
  }
  const templateId = {
    book: "sms.appointment-booked",
    reschedule: "sms.appointment-rescheduled",
    cancel: "sms.appointment-cancelled",
  }[subject.op];
  return {
    templateId,
    variables: {
      itemName: nameOf(ctx.kb, subject.itemCode, loc),
      hallName: hallName(ctx.kb, subject.hallCode, loc),
      date: sayDate(subject.date, "0000-00-00", loc),
      time: sayTime(subject.time, loc),
    },
    ...(subject.op === "cancel" ? {} : { linkFor: { subject: "appointment" as const, code: subject.ref } }),
  };
};

// An appointment's SMS is per change (a second move sends a second message); the others once per call.
const subjectKey = (s: SmsSubject): string =>
  s.kind === "appointment" ? `appointment.${s.ref}.${s.op}.${s.step}` : `${s.kind}.${s.code}`;

/** Sends the SMS for `subject` (or says it already went) and asks what else. */
export const sendSms = (
  r: Reply,
  ctx: TurnContext,
  subject: SmsSubject,
  extra: Record<string, string> = {},
): "sent" | "needs" | "unavailable" => {
  const s = r.state;
  const p = t(s.locale);
  const sms = smsFor(r, ctx, subject);
  const template = sms ? ctx.kb.templates.get(sms.templateId) : undefined;
  if (!sms || !template || ctx.smsReachable === false) {
    if (subject.kind !== "appointment") say(r, p.smsUnavailable);
    return "unavailable";
  }
  const key = `conv:${ctx.conversationId}:sms:${sms.templateId}:${subjectKey(subject)}`;
  if (s.smsSent.includes(key)) {
    say(r, p.smsAlready);
    return "sent";
  }
  let link = "";
  if (sms.linkFor && template.variables.includes("link")) {
    const n = { kind: "link" as const, subject: sms.linkFor.subject, code: sms.linkFor.code };
    const got = resultOf(ctx, n);
    if (!got) {
      need(r, n);
      return "needs";
    }
    link = got.url ?? "";
  }
  const all: Record<string, string> = { ...sms.variables, ...extra, link };
  // Only the template's own placeholders: the notifier renders exactly those.
  const variables = Object.fromEntries(template.variables.map((v) => [v, all[v] ?? ""]));
  r.actions.push({ kind: "send-sms", templateId: sms.templateId, to: "caller", variables, idempotencyKey: key });
  s.smsSent.push(key);
  event(r, "sms-requested", { templateId: sms.templateId, subject: subjectKey(subject) });
  say(r, p.smsSent);
  return "sent";
};
