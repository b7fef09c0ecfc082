import type { IsoDate } from "./age.js";

/**
 * Two records of the same person (one made from a call, one from a hall visit) can be merged by a
 * person, never automatically. Records that clearly belong to different people cannot.
 */

export interface MergeCandidate {
  id: string;
  mergedInto?: string | null;
  idNumberHash?: string | null;
  birthDate?: IsoDate | null;
}

export type MergeProblem = "same-record" | "already-merged" | "different-id-numbers" | "different-birth-dates";

export const checkMerge = (
  source: MergeCandidate,
  target: MergeCandidate,
): { ok: true } | { ok: false; reason: MergeProblem } => {
  if (source.id === target.id) return { ok: false, reason: "same-record" };
  if (source.mergedInto || target.mergedInto) return { ok: false, reason: "already-merged" };
  if (source.idNumberHash && target.idNumberHash && source.idNumberHash !== target.idNumberHash)
    return { ok: false, reason: "different-id-numbers" };
  if (source.birthDate && target.birthDate && source.birthDate !== target.birthDate)
    return { ok: false, reason: "different-birth-dates" };
  return { ok: true };
};

/** Tags the target gains from the source; remembered so that an unmerge removes exactly these. */
export const tagsGained = (sourceTags: string[], targetTags: string[]): string[] =>
  sourceTags.filter((t) => !targetTags.includes(t));
