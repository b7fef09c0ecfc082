import type { LocalText, Template } from "../kb/schema.js";
import { smsLength, type SmsLength } from "./segments.js";

/** Fills a KB template's {placeholders}; every declared variable must be given. */

export type Locale = "zh" | "en";
export type TemplateVars = Record<string, string | number>;

export type Rendered = { ok: true; text: string } | { ok: false; missing: string[]; unknown: string[] };

// Values go into a plain-text message; line breaks and control characters would let a value
// forge extra lines, so they become spaces.
const clean = (v: string | number) =>
  String(v)
    .replace(/[\p{Cc}\p{Cf}\u2028\u2029]+/gu, " ")
    .trim();

export const renderTemplate = (template: Template, locale: Locale, vars: TemplateVars): Rendered => {
  const missing = template.variables.filter((v) => vars[v] === undefined || vars[v] === "");
  const unknown = Object.keys(vars).filter((k) => !template.variables.includes(k));
  if (missing.length || unknown.length) return { ok: false, missing, unknown };
  const text = template.text[locale].replace(/\{([a-zA-Z][a-zA-Z0-9]*)\}/g, (m, name: string) =>
    name in vars ? clean(vars[name]!) : m,
  );
  return { ok: true, text };
};

/** The signature opens the message: 【示范市政务服务】… (mainland carriers require it there). */
export const withSignature = (signature: LocalText, locale: Locale, text: string): string =>
  locale === "zh" ? `${signature.zh}${text}` : `${signature.en} ${text}`;

export interface SmsMessage extends SmsLength {
  body: string;
}

export const renderSms = (
  template: Template,
  signature: LocalText,
  locale: Locale,
  vars: TemplateVars,
): { ok: true; sms: SmsMessage } | { ok: false; missing: string[]; unknown: string[] } => {
  const r = renderTemplate(template, locale, vars);
  if (!r.ok) return r;
  const body = withSignature(signature, locale, r.text);
  return { ok: true, sms: { body, ...smsLength(body) } };
};
