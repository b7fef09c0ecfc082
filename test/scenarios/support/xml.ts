/**
 * A small, strict XML reader for tests: it throws on anything that is not well-formed (unclosed or
 * crossed tags, a bare & or <, unquoted or repeated attributes, text outside the root, unknown
 * entities) and returns an element tree to assert on. Written by hand, character by character,
 * because no XML package is installed and regexes are too lenient to prove well-formedness.
 */

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: (XmlElement | string)[];
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

const isNameStart = (c: string) =>
  (c >= "A" && c <= "Z") || (c >= "a" && c <= "z") || c === "_" || c === ":" || c > "\u007f";
const isNameChar = (c: string) => isNameStart(c) || (c >= "0" && c <= "9") || c === "-" || c === ".";
const isSpace = (c: string | undefined) => c === " " || c === "\t" || c === "\n" || c === "\r";

export class XmlError extends Error {}

export const parseXml = (xml: string): XmlElement => {
  let i = 0;
  const fail = (why: string): never => {
    throw new XmlError(`${why} at offset ${i}: …${xml.slice(Math.max(0, i - 20), i + 20)}…`);
  };
  const skipSpace = () => {
    while (isSpace(xml[i])) i++;
  };
  const readName = () => {
    const start = i;
    if (!xml[i] || !isNameStart(xml[i]!)) fail("expected a name");
    while (xml[i] && isNameChar(xml[i]!)) i++;
    return xml.slice(start, i);
  };
  const decode = (raw: string) => {
    let out = "";
    for (let k = 0; k < raw.length; k++) {
      const c = raw[k]!;
      if (c === "<") fail("bare < in text");
      if (c !== "&") {
        out += c;
        continue;
      }
      const end = raw.indexOf(";", k);
      if (end < 0) fail("bare & (no entity)");
      const ent = raw.slice(k + 1, end);
      if (ent.startsWith("#x")) out += String.fromCodePoint(parseInt(ent.slice(2), 16));
      else if (ent.startsWith("#")) out += String.fromCodePoint(parseInt(ent.slice(1), 10));
      else if (ENTITIES[ent] !== undefined) out += ENTITIES[ent];
      else fail(`unknown entity &${ent};`);
      k = end;
    }
    return out;
  };
  const skipMisc = () => {
    for (;;) {
      skipSpace();
      if (xml.startsWith("<!--", i)) {
        const end = xml.indexOf("-->", i + 4);
        if (end < 0) fail("unclosed comment");
        i = end + 3;
      } else return;
    }
  };
  const readElement = (): XmlElement => {
    if (xml[i] !== "<") fail("expected <");
    i++;
    const name = readName();
    const attrs: Record<string, string> = {};
    for (;;) {
      const hadSpace = isSpace(xml[i]);
      skipSpace();
      if (xml.startsWith("/>", i)) {
        i += 2;
        return { name, attrs, children: [] };
      }
      if (xml[i] === ">") {
        i++;
        break;
      }
      if (!hadSpace) fail("expected space before attribute");
      const an = readName();
      skipSpace();
      if (xml[i] !== "=") fail("attribute without =");
      i++;
      skipSpace();
      const q = xml[i];
      if (q !== '"' && q !== "'") fail("unquoted attribute value");
      const end = xml.indexOf(q!, i + 1);
      if (end < 0) fail("unclosed attribute value");
      if (an in attrs) fail(`repeated attribute ${an}`);
      attrs[an] = decode(xml.slice(i + 1, end));
      i = end + 1;
    }
    const children: (XmlElement | string)[] = [];
    for (;;) {
      if (i >= xml.length) fail(`unclosed <${name}>`);
      if (xml.startsWith("</", i)) {
        i += 2;
        const close = readName();
        if (close !== name) fail(`</${close}> closes <${name}>`);
        skipSpace();
        if (xml[i] !== ">") fail("expected > after closing tag");
        i++;
        return { name, attrs, children };
      }
      if (xml.startsWith("<!--", i)) {
        const end = xml.indexOf("-->", i + 4);
        if (end < 0) fail("unclosed comment");
        i = end + 3;
      } else if (xml.startsWith("<![CDATA[", i)) {
        const end = xml.indexOf("]]>", i);
        if (end < 0) fail("unclosed CDATA");
        children.push(xml.slice(i + 9, end));
        i = end + 3;
      } else if (xml[i] === "<") {
        children.push(readElement());
      } else {
        const next = xml.indexOf("<", i);
        const raw = xml.slice(i, next < 0 ? xml.length : next);
        if (raw.includes("]]>")) fail("]]> in text");
        children.push(decode(raw));
        i += raw.length;
      }
    }
  };

  if (xml.startsWith("<?xml")) {
    const end = xml.indexOf("?>");
    if (end < 0) fail("unclosed XML declaration");
    i = end + 2;
  }
  skipMisc();
  const root = readElement();
  skipMisc();
  if (i !== xml.length) fail("content after the root element");
  return root;
};

/** Concatenated text of an element and its descendants. */
export const textOf = (e: XmlElement | string): string => (typeof e === "string" ? e : e.children.map(textOf).join(""));

/** Every element named `name` in document order (depth first). */
export const findAll = (e: XmlElement, name: string): XmlElement[] => {
  const out: XmlElement[] = [];
  const walk = (n: XmlElement) => {
    if (n.name === name) out.push(n);
    for (const c of n.children) if (typeof c !== "string") walk(c);
  };
  walk(e);
  return out;
};

export const childElements = (e: XmlElement): XmlElement[] =>
  e.children.filter((c): c is XmlElement => typeof c !== "string");
