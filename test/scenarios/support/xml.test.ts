import { describe, expect, it } from "vitest";
import { findAll, parseXml, textOf } from "./xml.js";

describe("parseXml (test helper)", () => {
  it("reads a well-formed document with entities and attributes", () => {
    const doc = parseXml(
      `<?xml version="1.0" encoding="UTF-8"?><Response><Say language="cmn-CN">A &amp; B &lt;ok&gt;</Say><Hangup/></Response>`,
    );
    expect(doc.name).toBe("Response");
    expect(findAll(doc, "Say")[0]!.attrs.language).toBe("cmn-CN");
    expect(textOf(doc)).toBe("A & B <ok>");
  });

  it.each([
    ["unclosed tag", "<a><b></a>"],
    ["crossed tags", "<a><b></a></b>"],
    ["bare ampersand", "<a>x & y</a>"],
    ["bare less-than in attribute", '<a x="1<2"/>'],
    ["unquoted attribute", "<a x=1/>"],
    ["repeated attribute", '<a x="1" x="2"/>'],
    ["two roots", "<a/><b/>"],
    ["unknown entity", "<a>&nbsp;</a>"],
    ["text after root", "<a/>hello"],
  ])("rejects %s", (_why, xml) => {
    expect(() => parseXml(xml)).toThrow();
  });
});
