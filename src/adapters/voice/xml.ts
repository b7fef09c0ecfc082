/**
 * Just enough XML writing for TwiML and SSML: escaped text and attributes, nothing else. We write
 * our own instead of pulling in the twilio package; the output is checked by a real parser in tests.
 */

export interface XmlNode {
  name: string;
  attrs?: Record<string, string | number | boolean | undefined>;
  children?: (XmlNode | string)[];
}

// XML 1.0 forbids most C0 control characters even when escaped; drop them rather than emit bad XML.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export const escapeText = (s: string): string =>
  s.replace(CONTROL, "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export const escapeAttr = (s: string): string => escapeText(s).replace(/"/g, "&quot;").replace(/'/g, "&apos;");

export const el = (name: string, attrs?: XmlNode["attrs"], ...children: (XmlNode | string)[]): XmlNode => ({
  name,
  attrs,
  children,
});

export const serialize = (node: XmlNode | string): string => {
  if (typeof node === "string") return escapeText(node);
  const attrs = Object.entries(node.attrs ?? {})
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeAttr(String(v))}"`)
    .join("");
  const children = node.children ?? [];
  if (children.length === 0) return `<${node.name}${attrs}/>`;
  return `<${node.name}${attrs}>${children.map(serialize).join("")}</${node.name}>`;
};

export const xmlDocument = (root: XmlNode): string => `<?xml version="1.0" encoding="UTF-8"?>${serialize(root)}`;
