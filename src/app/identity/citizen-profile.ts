import { summariseCitizen, type CitizenSummary } from "../../domain/identity/citizen.js";
import { consentState } from "../../domain/identity/consent.js";
import { todayIn, type IdentityDeps } from "./deps.js";

/** The masked view an agent sees: no clear ID number, phone numbers masked, proof references masked. */
export interface CitizenProfile extends CitizenSummary {
  hukouPlace?: string;
  consents: ReturnType<typeof consentState>;
  delegations: {
    id: string;
    direction: "acts-for" | "acted-for-by";
    otherId: string;
    otherName: string;
    kind: string;
    scope: string[];
    proofKind: string;
    validFrom: string;
    validUntil: string | null;
    revoked: boolean;
  }[];
  /** set when the id asked for was merged into this record */
  mergedFrom?: string;
}

export const getCitizenProfile = async (d: IdentityDeps, id: string): Promise<CitizenProfile | undefined> => {
  const c = await d.citizens.resolve(id);
  if (!c) return undefined;
  const today = todayIn(d);
  const rows = [
    ...(await d.citizens.listDelegations({ actorId: c.id })),
    ...(await d.citizens.listDelegations({ subjectId: c.id })),
  ];
  const delegations = await Promise.all(
    rows.map(async (x) => {
      const actsFor = x.actorId === c.id;
      const otherId = actsFor ? x.subjectId : x.actorId;
      const other = await d.citizens.get(otherId);
      return {
        id: x.id,
        direction: actsFor ? ("acts-for" as const) : ("acted-for-by" as const),
        otherId,
        otherName: other?.nameZh ?? "",
        kind: x.kind,
        scope: x.scope,
        proofKind: x.proofKind,
        validFrom: x.validFrom,
        validUntil: x.validUntil ?? null,
        revoked: !!x.revokedAt,
      };
    }),
  );
  return {
    ...summariseCitizen(c, today),
    ...(c.hukouPlace ? { hukouPlace: c.hukouPlace } : {}),
    consents: consentState(await d.citizens.listConsents(c.id)),
    delegations,
    ...(c.id !== id ? { mergedFrom: id } : {}),
  };
};
