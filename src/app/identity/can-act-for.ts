import { canActFor as rule, type ActFor } from "../../domain/identity/delegation.js";
import { todayIn, type IdentityDeps } from "./deps.js";

/**
 * May `actorId` act for `subjectId` (optionally for one service item)? Merged records are followed,
 * so a delegation made on either record of a merged pair still counts.
 */
export const canActFor = async (
  d: IdentityDeps,
  actorId: string,
  subjectId: string,
  item?: string,
): Promise<ActFor | { ok: false; reason: "unknown-citizen" }> => {
  const [actor, subject] = await Promise.all([d.citizens.resolve(actorId), d.citizens.resolve(subjectId)]);
  if (!actor || !subject) return { ok: false, reason: "unknown-citizen" };
  const delegations = (await d.citizens.listDelegations({ subjectId: subject.id })).map((x) => ({
    ...x,
    proof: { kind: x.proofKind, reference: "" },
  }));
  return rule(actor.id, subject, delegations, todayIn(d), item);
};
