import { CONSENT_PURPOSES, consentState, type ConsentPurpose } from "../../domain/identity/consent.js";
import { refuse, type IdentityDeps, type Refusal } from "./deps.js";

export type RecordConsentResult =
  { ok: true; consents: ReturnType<typeof consentState> } | Refusal<"unknown-citizen" | "unknown-purpose">;

/** Appends a grant or a withdrawal for one purpose, with the channel it came through. */
export const recordConsent = async (
  d: IdentityDeps,
  input: {
    citizenId: string;
    purpose: ConsentPurpose;
    granted: boolean;
    channel: string;
    note?: string;
    actor: string;
  },
): Promise<RecordConsentResult> => {
  if (!(CONSENT_PURPOSES as readonly string[]).includes(input.purpose))
    return refuse("unknown-purpose", `Purpose must be one of ${CONSENT_PURPOSES.join(", ")}.`);
  const now = d.clock.now();
  return d.citizens.tx(async (r) => {
    const c = await r.get(input.citizenId, { lock: true });
    if (!c || c.mergedInto) return refuse("unknown-citizen", "No such citizen.");
    await r.addConsent(c.id, {
      purpose: input.purpose,
      granted: input.granted,
      channel: input.channel,
      recordedAt: now,
      note: input.note ?? "",
      recordedBy: input.actor,
    });
    await r.event({
      aggregate: "citizen",
      aggregateId: c.id,
      type: input.granted ? "citizen.consent-granted" : "citizen.consent-withdrawn",
      payload: { purpose: input.purpose, channel: input.channel },
      actor: input.actor,
      occurredAt: now,
    });
    return { ok: true as const, consents: consentState(await r.listConsents(c.id)) };
  });
};
