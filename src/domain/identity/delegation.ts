import { ADULT_AGE, ageOn, isMinor, type IsoDate } from "./age.js";

/**
 * Who may act for whom. A parent or legal guardian acts for a minor (until the 18th birthday); an
 * agent acts for an adult (an elderly relative, someone abroad) on a written authorisation. The proof
 * is recorded so that a hall clerk or an auditor can see on what basis someone acted.
 */

export const DELEGATION_KINDS = ["guardian", "agent"] as const;
export type DelegationKind = (typeof DELEGATION_KINDS)[number];

export const PROOF_KINDS = [
  "birth-medical-certificate", // 出生医学证明
  "hukou-book", // 户口簿 showing the relationship
  "guardianship-document", // 监护证明
  "court-order", // 法院裁定
  "power-of-attorney", // 委托书
  "notarised-power-of-attorney", // 公证委托书
] as const;
export type ProofKind = (typeof PROOF_KINDS)[number];

export const ACCEPTED_PROOF: Record<DelegationKind, readonly ProofKind[]> = {
  guardian: ["birth-medical-certificate", "hukou-book", "guardianship-document", "court-order"],
  agent: ["power-of-attorney", "notarised-power-of-attorney", "guardianship-document", "court-order"],
};

export interface DelegationProof {
  kind: ProofKind;
  /** the document's number or a note where it is kept; never a scan */
  reference: string;
}

export interface Delegation {
  id: string;
  actorId: string;
  subjectId: string;
  kind: DelegationKind;
  /** "all" or service-item codes the delegation covers */
  scope: string[];
  proof: DelegationProof;
  validFrom: IsoDate;
  validUntil?: IsoDate | null;
  revokedAt?: Date | null;
}

export interface PersonFacts {
  id: string;
  birthDate?: IsoDate | null;
}

export type DelegationProblem =
  | "self"
  | "missing-proof"
  | "proof-not-accepted"
  | "subject-not-minor"
  | "subject-birth-date-unknown"
  | "actor-minor"
  | "bad-period"
  | "duplicate";

export interface NewDelegation {
  actor: PersonFacts;
  subject: PersonFacts;
  kind: DelegationKind;
  scope: string[];
  proof: DelegationProof;
  validFrom: IsoDate;
  validUntil?: IsoDate | null;
}

/** The day a guardianship by parenthood ends: the 18th birthday. */
export const adulthoodDate = (birthDate: IsoDate): IsoDate => {
  const [y, m, d] = birthDate.split("-");
  const md = `${m}-${d}` === "02-29" ? "03-01" : `${m}-${d}`;
  return `${Number(y) + ADULT_AGE}-${md}`;
};

export const checkNewDelegation = (
  n: NewDelegation,
  today: IsoDate,
  existing: Delegation[],
): { ok: true; validUntil: IsoDate | null } | { ok: false; reason: DelegationProblem } => {
  if (n.actor.id === n.subject.id) return { ok: false, reason: "self" };
  if (!n.proof.reference.trim()) return { ok: false, reason: "missing-proof" };
  if (!ACCEPTED_PROOF[n.kind].includes(n.proof.kind)) return { ok: false, reason: "proof-not-accepted" };
  if (n.actor.birthDate && ageOn(n.actor.birthDate, today) < ADULT_AGE) return { ok: false, reason: "actor-minor" };
  let validUntil = n.validUntil ?? null;
  if (n.kind === "guardian") {
    if (!n.subject.birthDate) return { ok: false, reason: "subject-birth-date-unknown" };
    if (!isMinor(n.subject.birthDate, today)) return { ok: false, reason: "subject-not-minor" };
    const adult = adulthoodDate(n.subject.birthDate);
    if (!validUntil || validUntil > adult) validUntil = adult;
  }
  if (validUntil !== null && validUntil <= n.validFrom) return { ok: false, reason: "bad-period" };
  const dup = existing.some(
    (d) =>
      d.actorId === n.actor.id && d.subjectId === n.subject.id && d.kind === n.kind && isActive(d, today, undefined),
  );
  if (dup) return { ok: false, reason: "duplicate" };
  return { ok: true, validUntil };
};

const isActive = (d: Delegation, today: IsoDate, subjectBirthDate: IsoDate | null | undefined): boolean =>
  !d.revokedAt &&
  d.validFrom <= today &&
  (d.validUntil == null || today < d.validUntil) &&
  (d.kind !== "guardian" || subjectBirthDate == null || isMinor(subjectBirthDate, today));

export type ActFor =
  | { ok: true; basis: "self" }
  | { ok: true; basis: DelegationKind; delegationId: string }
  | { ok: false; reason: "no-delegation" | "ended" | "revoked" | "out-of-scope" };

/**
 * May `actorId` act for `subjectId` (optionally for one item)? A guardianship also ends when the
 * child turns 18, whatever the record says.
 */
export const canActFor = (
  actorId: string,
  subject: PersonFacts,
  delegations: Delegation[],
  today: IsoDate,
  item?: string,
): ActFor => {
  if (actorId === subject.id) return { ok: true, basis: "self" };
  const mine = delegations.filter((d) => d.actorId === actorId && d.subjectId === subject.id);
  if (!mine.length) return { ok: false, reason: "no-delegation" };
  const active = mine.filter((d) => isActive(d, today, subject.birthDate));
  if (!active.length) return { ok: false, reason: mine.every((d) => d.revokedAt) ? "revoked" : "ended" };
  const covering = active.find((d) => !item || d.scope.includes("all") || d.scope.includes(item));
  if (!covering) return { ok: false, reason: "out-of-scope" };
  return { ok: true, basis: covering.kind, delegationId: covering.id };
};
