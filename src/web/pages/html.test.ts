import { describe, expect, it } from "vitest";
import { html, raw } from "./html.js";

describe("html templates", () => {
  it("escapes every interpolated value", () => {
    const name = `<script>alert("x")</script>&'`;
    expect(html`<p>${name}</p>`.value).toBe("<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;</p>");
  });
  it("nests safe fragments without double escaping and joins arrays", () => {
    const items = ["a<b", "c"].map((x) => html`<li>${x}</li>`);
    expect(html`<ul>${items}</ul>`.value).toBe("<ul><li>a&lt;b</li><li>c</li></ul>");
    expect(html`${raw("<br>")}${null}${false}${0}`.value).toBe("<br>0");
  });
});
