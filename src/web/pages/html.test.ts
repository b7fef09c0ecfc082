import { describe, expect, it } from "vitest";
import { markup, raw } from "./html.js";

describe("html templates", () => {
  it("escapes every interpolated value", () => {
    const name = `<script>alert("x")</script>&'`;
    expect(markup`<p>${name}</p>`.value).toBe("<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;</p>");
  });
  it("nests safe fragments without double escaping and joins arrays", () => {
    const items = ["a<b", "c"].map((x) => markup`<li>${x}</li>`);
    expect(markup`<ul>${items}</ul>`.value).toBe("<ul><li>a&lt;b</li><li>c</li></ul>");
    expect(markup`${raw("<br>")}${null}${false}${0}`.value).toBe("<br>0");
  });
});
