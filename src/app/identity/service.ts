import { todayIn } from "./deps.js";
import { checkIdNumber } from "../../domain/identity/id-number.js";
import type { CitizenSummary } from "../../domain/identity/citizen.js";
import { hasConsent, type ConsentPurpose } from "../../domain/identity/consent.js";
import type { ActFor } from "../../domain/identity/delegation.js";
import { normalisePhone } from "../../domain/identity/phone.js";
import {
  levelFromCallerNumber,
  mayPerform,
  type GuardedAction,
  type Permission,
  type VerificationLevel,
} from "../../domain/identity/verification.js";
import {
  addDelegation,
  revokeDelegation,
  type AddDelegationInput,
  type AddDelegationResult,
} from "./add-delegation.js";
import { canActFor } from "./can-act-for.js";
import { getCitizenProfile, type CitizenProfile } from "./citizen-profile.js";
import { confirmSmsVerification, type ConfirmSmsVerificationResult } from "./confirm-sms-verification.js";
import type { IdentityDeps, Refusal } from "./deps.js";
import { findCitizenByPhone, getCitizen, listCitizensByPhone } from "./find-citizen-by-phone.js";
import { mergeCitizens, unmergeCitizens, type MergeCitizensResult } from "./merge-citizens.js";
import type { SendVerificationSms } from "./ports.js";
import { recordConsent, type RecordConsentResult } from "./record-consent.js";
import { registerCitizen, type RegisterCitizenInput, type RegisterCitizenResult } from "./register-citizen.js";
import { startSmsVerification, type StartSmsVerificationResult } from "./start-sms-verification.js";
import { verifyLast4, type VerifyLast4Result } from "./verify-last4.js";

/**
 * Citizens and identity, as other areas use them (`ctx.services.identity`). Every answer is masked:
 * no method returns a clear ID number. Refusals are values `{ ok: false, reason, message }`; `reason`
 * is a stable code to branch on. `actor` names who acted, for the audit trail (e.g. "dialogue",
 * "agent:123", "citizen-web"); it defaults to "system".
 */
export interface IdentityService {
  /** The citizen this number belongs to (E.164 or any common spelling), the primary holder if shared; undefined for unknown callers. */
  findByPhone(phone: string): Promise<CitizenSummary | undefined>;
  /** Everyone on file with this number (a shared family phone), primary holder first. */
  listByPhone(phone: string): Promise<CitizenSummary[]>;
  /** A citizen by id (a merged id answers with the surviving record). */
  get(citizenId: string): Promise<CitizenSummary | undefined>;
  /** The masked agent view: summary, consents, delegations. */
  profile(citizenId: string): Promise<CitizenProfile | undefined>;
  register(input: RegisterCitizenInput): Promise<RegisterCitizenResult>;

  /** The level a call starts at: "caller-number" when the calling number is on file for the citizen, else "none". */
  levelForCaller(citizenId: string, callerPhone: string | undefined): Promise<VerificationLevel>;
  /** Raises to "id-last4" when the caller knows the ID number's last four characters; locks after 5 failures in 30 minutes. */
  verifyLast4(citizenId: string, last4: string, actor?: string): Promise<VerifyLast4Result>;
  /** Full ID number → a 6-digit code by SMS to a mobile on file (valid 5 minutes). Returns the verification id to confirm with. */
  startSmsVerification(input: {
    citizenId: string;
    idNumber: string;
    phone?: string;
    actor?: string;
  }): Promise<StartSmsVerificationResult>;
  /** The code read back → "id-full-sms". At most 5 attempts per code. */
  confirmSmsVerification(verificationId: string, code: string, actor?: string): Promise<ConfirmSmsVerificationResult>;
  /** Whether a verification level suffices for an action (pure; see domain/identity/verification.ts). */
  mayPerform(level: VerificationLevel, action: GuardedAction): Permission;

  /** May the actor act for the subject (self, guardian of a minor, agent within scope)? */
  canActFor(
    actorId: string,
    subjectId: string,
    item?: string,
  ): Promise<ActFor | { ok: false; reason: "unknown-citizen" }>;
  addDelegation(input: Omit<AddDelegationInput, "by"> & { by?: string }): Promise<AddDelegationResult>;
  revokeDelegation(input: {
    delegationId: string;
    reason: string;
    by?: string;
  }): Promise<{ ok: true } | Refusal<"not-found" | "already-revoked">>;

  recordConsent(input: {
    citizenId: string;
    purpose: ConsentPurpose;
    granted: boolean;
    channel: string;
    note?: string;
    actor?: string;
  }): Promise<RecordConsentResult>;
  /** The latest grant or withdrawal for the purpose holds; no record means no consent. */
  hasConsent(citizenId: string, purpose: ConsentPurpose): Promise<boolean>;

  /** Explicit, audited merge of two records of one person; reversible with unmerge. */
  merge(input: { sourceId: string; targetId: string; reason: string; by?: string }): Promise<MergeCitizensResult>;
  unmerge(input: {
    mergeId: string;
    reason: string;
    by?: string;
  }): Promise<
    { ok: true; sourceId: string; targetId: string } | Refusal<"not-found" | "already-unmerged" | "merged-again">
  >;

  /** Plugs in the real SMS path (the journey area's outbox). Until called, starting an SMS verification answers "sms-unavailable". */
  setVerificationSmsSender(send: SendVerificationSms): void;

  /**
   * The id of the citizen holding this ID number (through its keyed hash; the number itself is
   * never stored in clear), or undefined for an unknown or invalid number.
   */
  findIdByIdNumber(idNumber: string): Promise<string | undefined>;
}

export const createIdentityService = (d: IdentityDeps): IdentityService => ({
  async findIdByIdNumber(idNumber) {
    const id = checkIdNumber(idNumber, todayIn(d));
    return id.ok ? (await d.citizens.findByIdHash(d.pii.hash(id.idNumber)))?.id : undefined;
  },
  findByPhone: (phone) => findCitizenByPhone(d, phone),
  listByPhone: (phone) => listCitizensByPhone(d, phone),
  get: (id) => getCitizen(d, id),
  profile: (id) => getCitizenProfile(d, id),
  register: (input) => registerCitizen(d, input),
  async levelForCaller(citizenId, callerPhone) {
    const c = await d.citizens.resolve(citizenId);
    return levelFromCallerNumber(
      callerPhone === undefined ? undefined : normalisePhone(callerPhone),
      c?.phones.map((p) => p.phone) ?? [],
    );
  },
  verifyLast4: (citizenId, last4, actor = "system") => verifyLast4(d, { citizenId, last4, actor }),
  startSmsVerification: (input) => startSmsVerification(d, { ...input, actor: input.actor ?? "system" }),
  confirmSmsVerification: (verificationId, code, actor = "system") =>
    confirmSmsVerification(d, { verificationId, code, actor }),
  mayPerform,
  canActFor: (actorId, subjectId, item) => canActFor(d, actorId, subjectId, item),
  addDelegation: (input) => addDelegation(d, { ...input, by: input.by ?? "system" }),
  revokeDelegation: (input) => revokeDelegation(d, { ...input, by: input.by ?? "system" }),
  recordConsent: (input) => recordConsent(d, { ...input, actor: input.actor ?? "system" }),
  async hasConsent(citizenId, purpose) {
    const c = await d.citizens.resolve(citizenId);
    return c ? hasConsent(await d.citizens.listConsents(c.id), purpose) : false;
  },
  merge: (input) => mergeCitizens(d, { ...input, by: input.by ?? "system" }),
  unmerge: (input) => unmergeCitizens(d, { ...input, by: input.by ?? "system" }),
  setVerificationSmsSender(send) {
    d.sms.send = send;
  },
});
