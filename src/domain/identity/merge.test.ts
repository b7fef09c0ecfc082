import { describe, expect, it } from "vitest";
import { checkMerge, tagsGained } from "./merge.js";

describe("merge rules", () => {
  it("merges two records of one person", () => {
    expect(
      checkMerge({ id: "a", birthDate: "1988-03-15" }, { id: "b", idNumberHash: "h", birthDate: "1988-03-15" }),
    ).toEqual({ ok: true });
    expect(checkMerge({ id: "a", idNumberHash: "h" }, { id: "b", idNumberHash: "h" })).toEqual({ ok: true });
  });
  it("refuses what cannot be one person", () => {
    expect(checkMerge({ id: "a" }, { id: "a" })).toEqual({ ok: false, reason: "same-record" });
    expect(checkMerge({ id: "a", mergedInto: "c" }, { id: "b" })).toEqual({ ok: false, reason: "already-merged" });
    expect(checkMerge({ id: "a" }, { id: "b", mergedInto: "c" })).toEqual({ ok: false, reason: "already-merged" });
    expect(checkMerge({ id: "a", idNumberHash: "h1" }, { id: "b", idNumberHash: "h2" })).toEqual({
      ok: false,
      reason: "different-id-numbers",
    });
    expect(checkMerge({ id: "a", birthDate: "1988-03-15" }, { id: "b", birthDate: "1988-03-16" })).toEqual({
      ok: false,
      reason: "different-birth-dates",
    });
  });
  it("remembers the tags gained", () => {
    expect(tagsGained(["elderly", "pension-recipient"], ["elderly"])).toEqual(["pension-recipient"]);
  });
});
