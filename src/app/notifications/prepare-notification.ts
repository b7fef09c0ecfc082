import type { KnowledgeBase } from "../../domain/kb/schema.js";
import { earliestSendTime } from "../../domain/notifications/quiet-hours.js";
import { renderSms, renderTemplate, type Locale, type TemplateVars } from "../../domain/notifications/render.js";
import { smsLength } from "../../domain/notifications/segments.js";
import { AppError } from "../errors.js";
import type { NewNotification } from "./ports.js";

/**
 * Turns "send template X to this number" into an outbox row: the KB template for the channel and
 * locale, rendered and measured, held until morning when it is not urgent and the night is quiet,
 * or suppressed when the number opted out. Refusals (unknown template, missing variables) are
 * AppErrors: a caller bug should surface, not send a broken text.
 */

export interface PrepareInput {
  templateId: string;
  phone: string;
  citizenId: string | null;
  locale: Locale;
  variables: TemplateVars;
  idempotencyKey: string;
  kb: KnowledgeBase;
  kbVersion: number;
  now: Date;
  tz: string;
  optedOut: boolean;
}

export const prepareNotification = (i: PrepareInput): NewNotification => {
  const template = i.kb.templates.find((t) => t.id === i.templateId);
  if (!template)
    throw new AppError("unprocessable", `No message template "${i.templateId}" in KB version ${i.kbVersion}.`);
  let body: string;
  let length: { characters: number; segments: number };
  if (template.channel === "sms") {
    const r = renderSms(template, i.kb.city.smsSignature, i.locale, i.variables);
    if (!r.ok) throw templateError(i.templateId, r);
    body = r.sms.body;
    length = r.sms;
  } else {
    const r = renderTemplate(template, i.locale, i.variables);
    if (!r.ok) throw templateError(i.templateId, r);
    body = r.text;
    // a call script is not billed by parts; characters still tell the voice area how long it is
    length = { characters: smsLength(body).characters, segments: 0 };
  }
  const due = earliestSendTime(i.now, i.tz, template.urgent);
  return {
    idempotencyKey: i.idempotencyKey,
    channel: template.channel,
    phone: i.phone,
    citizenId: i.citizenId,
    templateId: template.id,
    locale: i.locale,
    variables: i.variables,
    body,
    characters: length.characters,
    segments: length.segments,
    kbVersion: i.kbVersion,
    // Urgent messages (verification codes) were asked for a moment ago: an opt-out of
    // notifications does not cover them, and quiet hours do not hold them.
    urgent: template.urgent,
    status: i.optedOut && !template.urgent ? "suppressed" : due > i.now ? "deferred" : "queued",
    lastError: i.optedOut && !template.urgent ? "the number opted out of this channel" : null,
    nextAttemptAt: due,
    createdAt: i.now,
  };
};

const templateError = (id: string, r: { missing: string[]; unknown: string[] }) =>
  new AppError("unprocessable", `Template "${id}" cannot be filled.`, { missing: r.missing, unknown: r.unknown });
