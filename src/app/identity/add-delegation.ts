import { isIsoDate } from "../../domain/identity/age.js";
import {
  checkNewDelegation,
  DELEGATION_KINDS,
  PROOF_KINDS,
  type DelegationKind,
  type DelegationProblem,
  type ProofKind,
} from "../../domain/identity/delegation.js";
import { refuse, todayIn, type IdentityDeps, type Refusal } from "./deps.js";
import type { DelegationRow } from "./ports.js";

export interface AddDelegationInput {
  /** fixed id (the demo seed); a new one otherwise */
  id?: string;
  actorId: string;
  subjectId: string;
  kind: DelegationKind;
  /** "all" (default) or item codes */
  scope?: string[];
  proof: { kind: ProofKind; reference: string };
  validFrom?: string;
  validUntil?: string;
  by: string;
}

export type AddDelegationResult =
  | { ok: true; delegationId: string; validUntil: string | null }
  | Refusal<DelegationProblem | "unknown-actor" | "unknown-subject" | "unknown-kind" | "invalid-date">;

const MESSAGES: Record<DelegationProblem, string> = {
  self: "A citizen cannot be their own delegate.",
  "missing-proof": "Record the proof: the document's number or where it is kept.",
  "proof-not-accepted": "That kind of proof does not support this kind of delegation.",
  "subject-not-minor": "A guardianship is for a minor; use an agent delegation with a power of attorney for an adult.",
  "subject-birth-date-unknown": "The child's birth date must be on file for a guardianship.",
  "actor-minor": "A minor cannot act for someone else.",
  "bad-period": "The delegation must end after it starts.",
  duplicate: "This delegation already exists.",
};

/** Records that one citizen may act for another, with the proof; the proof reference is stored encrypted. */
export const addDelegation = async (d: IdentityDeps, input: AddDelegationInput): Promise<AddDelegationResult> => {
  if (!DELEGATION_KINDS.includes(input.kind))
    return refuse("unknown-kind", `Kind must be one of ${DELEGATION_KINDS.join(", ")}.`);
  if (!PROOF_KINDS.includes(input.proof.kind))
    return refuse("proof-not-accepted", `Proof must be one of ${PROOF_KINDS.join(", ")}.`);
  const today = todayIn(d);
  const validFrom = input.validFrom ?? today;
  if (!isIsoDate(validFrom) || (input.validUntil !== undefined && !isIsoDate(input.validUntil)))
    return refuse("invalid-date", "Dates must be YYYY-MM-DD.");
  const now = d.clock.now();
  return d.citizens.tx(async (r) => {
    const actor = await r.get(input.actorId, { lock: true });
    if (!actor || actor.mergedInto) return refuse("unknown-actor", "No such citizen (actor).");
    const subject = await r.get(input.subjectId, { lock: true });
    if (!subject || subject.mergedInto) return refuse("unknown-subject", "No such citizen (subject).");
    const existing = (await r.listDelegations({ subjectId: subject.id })).map((x) => ({
      ...x,
      proof: { kind: x.proofKind, reference: "" },
    }));
    const scope = input.scope?.length ? [...new Set(input.scope)] : ["all"];
    const check = checkNewDelegation(
      { actor, subject, kind: input.kind, scope, proof: input.proof, validFrom, validUntil: input.validUntil ?? null },
      today,
      existing,
    );
    if (!check.ok) return refuse(check.reason, MESSAGES[check.reason]);
    const row: DelegationRow = {
      id: input.id ?? d.newId(),
      actorId: actor.id,
      subjectId: subject.id,
      kind: input.kind,
      scope,
      proofKind: input.proof.kind,
      proofReferenceCipher: d.pii.encrypt(input.proof.reference.trim()),
      validFrom,
      validUntil: check.validUntil,
      createdBy: input.by,
      createdAt: now,
    };
    await r.addDelegation(row);
    await r.event({
      aggregate: "citizen",
      aggregateId: subject.id,
      type: "citizen.delegation-added",
      payload: {
        delegationId: row.id,
        actorId: actor.id,
        kind: row.kind,
        scope,
        proofKind: row.proofKind,
        validFrom,
        validUntil: check.validUntil,
      },
      actor: input.by,
      occurredAt: now,
    });
    return { ok: true as const, delegationId: row.id, validUntil: check.validUntil };
  });
};

/** Ends a delegation now (the proof was withdrawn, the relative objected). */
export const revokeDelegation = async (
  d: IdentityDeps,
  input: { delegationId: string; reason: string; by: string },
): Promise<{ ok: true } | Refusal<"not-found" | "already-revoked">> => {
  const now = d.clock.now();
  return d.citizens.tx(async (r) => {
    const del = await r.getDelegation(input.delegationId);
    if (!del) return refuse("not-found", "No such delegation.");
    if (!(await r.revokeDelegation(del.id, now, input.by, input.reason)))
      return refuse("already-revoked", "The delegation was already revoked.");
    await r.event({
      aggregate: "citizen",
      aggregateId: del.subjectId,
      type: "citizen.delegation-revoked",
      payload: { delegationId: del.id, actorId: del.actorId, reason: input.reason },
      actor: input.by,
      occurredAt: now,
    });
    return { ok: true as const };
  });
};
