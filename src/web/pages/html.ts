/**
 * HTML built from tagged templates that escape every interpolated value, so text from the KB,
 * from department systems or from a citizen can never become markup. Fragments built with `markup`
 * are marked safe and nest without double escaping.
 */

export class SafeHtml {
  constructor(readonly value: string) {}
  toString() {
    return this.value;
  }
}

const ESC: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESC[c]!);

type Value = SafeHtml | string | number | boolean | null | undefined | Value[];

const render = (v: Value): string => {
  if (v === null || v === undefined || v === false) return "";
  if (Array.isArray(v)) return v.map(render).join("");
  if (v instanceof SafeHtml) return v.value;
  return escapeHtml(String(v));
};

export const markup = (strings: TemplateStringsArray, ...values: Value[]): SafeHtml =>
  new SafeHtml(strings.reduce((out, s, i) => out + s + (i < values.length ? render(values[i]!) : ""), ""));

/** Trusted markup written in this codebase (never data). */
export const raw = (s: string): SafeHtml => new SafeHtml(s);
