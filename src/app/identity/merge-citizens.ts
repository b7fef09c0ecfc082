import { checkMerge, type MergeProblem } from "../../domain/identity/merge.js";
import { refuse, type IdentityDeps, type Refusal } from "./deps.js";

export type MergeCitizensResult =
  | { ok: true; mergeId: string; targetId: string }
  | (Refusal<MergeProblem | "unknown-citizen" | "conflicting-appointments" | "delegation-between"> & {
      details?: unknown;
    });

/**
 * Merges `sourceId` into `targetId` (two records of one person), explicitly and with a reason. The
 * source stays in the database, marked merged, and the merge row lists every moved row for an unmerge.
 */
export const mergeCitizens = async (
  d: IdentityDeps,
  input: { sourceId: string; targetId: string; reason: string; by: string },
): Promise<MergeCitizensResult> => {
  const now = d.clock.now();
  return d.citizens.tx(async (r) => {
    const [a, b] = [input.sourceId, input.targetId].sort();
    // Lock in id order so that two merges of the same pair cannot deadlock.
    await r.get(a!, { lock: true });
    await r.get(b!, { lock: true });
    const source = await r.get(input.sourceId);
    const target = await r.get(input.targetId);
    if (!source || !target) return refuse("unknown-citizen", "No such citizen.");
    const check = checkMerge(
      { ...source, idNumberHash: await r.idNumberHash(source.id) },
      { ...target, idNumberHash: await r.idNumberHash(target.id) },
    );
    if (!check.ok) return refuse(check.reason, `These records cannot be merged (${check.reason}).`);
    const conflicts = await r.conflictingOpenItems(source.id, target.id);
    if (conflicts.length)
      return {
        ...refuse(
          "conflicting-appointments",
          "Both records hold an open appointment for the same item; cancel one first.",
        ),
        details: { items: conflicts },
      };
    const between = [
      ...(await r.listDelegations({ actorId: source.id, subjectId: target.id })),
      ...(await r.listDelegations({ actorId: target.id, subjectId: source.id })),
    ];
    if (between.length) return refuse("delegation-between", "One record acts for the other; two people, not one.");
    const merge = await r.applyMerge({
      id: d.newId(),
      sourceId: source.id,
      targetId: target.id,
      reason: input.reason,
      by: input.by,
      at: now,
    });
    const payload = {
      mergeId: merge.id,
      sourceId: source.id,
      targetId: target.id,
      reason: input.reason,
      moved: merge.moved,
    };
    await r.event({
      aggregate: "citizen",
      aggregateId: target.id,
      type: "citizen.merged",
      payload,
      actor: input.by,
      occurredAt: now,
    });
    await r.event({
      aggregate: "citizen",
      aggregateId: source.id,
      type: "citizen.merged-away",
      payload,
      actor: input.by,
      occurredAt: now,
    });
    return { ok: true as const, mergeId: merge.id, targetId: target.id };
  });
};

/** Undoes a merge: everything the merge moved goes back to the source, which becomes active again. */
export const unmergeCitizens = async (
  d: IdentityDeps,
  input: { mergeId: string; reason: string; by: string },
): Promise<
  { ok: true; sourceId: string; targetId: string } | Refusal<"not-found" | "already-unmerged" | "merged-again">
> => {
  const now = d.clock.now();
  return d.citizens.tx(async (r) => {
    const m = await r.getMerge(input.mergeId, { lock: true });
    if (!m) return refuse("not-found", "No such merge.");
    if (m.unmergedAt) return refuse("already-unmerged", "This merge was already undone.");
    const target = await r.get(m.targetId, { lock: true });
    // The survivor was itself merged on: undo that later merge first.
    if (target?.mergedInto)
      return refuse("merged-again", "The surviving record was merged into another since; undo that merge first.");
    await r.applyUnmerge(m, now, input.by, input.reason);
    const payload = { mergeId: m.id, sourceId: m.sourceId, targetId: m.targetId, reason: input.reason };
    await r.event({
      aggregate: "citizen",
      aggregateId: m.targetId,
      type: "citizen.unmerged",
      payload,
      actor: input.by,
      occurredAt: now,
    });
    await r.event({
      aggregate: "citizen",
      aggregateId: m.sourceId,
      type: "citizen.restored",
      payload,
      actor: input.by,
      occurredAt: now,
    });
    return { ok: true as const, sourceId: m.sourceId, targetId: m.targetId };
  });
};
