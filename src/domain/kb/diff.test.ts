import { describe, expect, it } from "vitest";
import { diffValues } from "./diff.js";

describe("diffValues", () => {
  it("matches entities by code and reports field paths", () => {
    const a = { items: [{ code: "a", fee: 20 }, { code: "b", fee: 0 }] };
    const b = { items: [{ code: "c", fee: 1 }, { code: "a", fee: 25 }, { code: "b", fee: 0 }] };
    expect(diffValues(a, b)).toEqual([
      { path: "items[code=a].fee", kind: "changed", before: 20, after: 25 },
      { path: "items[code=c]", kind: "added", after: { code: "c", fee: 1 } },
    ]);
  });
  it("reports added and removed members of plain lists", () => {
    expect(diffValues({ halls: ["x", "y"] }, { halls: ["y", "z"] })).toEqual([
      { path: "halls", kind: "removed", before: "x" },
      { path: "halls", kind: "added", after: "z" },
    ]);
  });
  it("is empty for equal values", () => {
    expect(diffValues({ a: [1, { code: "x" }] }, { a: [1, { code: "x" }] })).toEqual([]);
  });
});
