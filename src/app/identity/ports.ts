import type { CitizenRecord } from "../../domain/identity/citizen.js";
import type { ConsentPurpose, ConsentRecord } from "../../domain/identity/consent.js";
import type { Delegation, DelegationKind, ProofKind } from "../../domain/identity/delegation.js";

/** What the identity use cases need from the world. Adapters implement these; tests use the real ones over a test database. */

/** Same shape as adapters/crypto/pii-cipher.ts, declared here so use cases never import adapters. */
export interface PiiProtector {
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
  hash(value: string, purpose?: string): string;
}

/** Sends a one-time code by SMS (the journey area's outbox provides it; until then a stand-in). */
export type SendVerificationSms = (phone: string, code: string) => Promise<void>;

export interface DomainEvent {
  aggregate: string;
  aggregateId: string;
  type: string;
  payload: Record<string, unknown>;
  actor: string;
  occurredAt: Date;
  kbVersion?: number;
}

export interface NewCitizen {
  id: string;
  nameZh: string;
  nameEn: string | null;
  idNumberCipher: string | null;
  idNumberHash: string | null;
  idNumberLast4: string | null;
  idNumberMasked: string | null;
  birthDate: string | null;
  hukouPlace: string | null;
  locale: "zh" | "en";
  tags: string[];
  phones: { phone: string; isPrimary: boolean }[];
  createdAt: Date;
}

export interface DelegationRow extends Omit<Delegation, "proof"> {
  proofKind: ProofKind;
  proofReferenceCipher: string;
  createdBy: string;
  createdAt: Date;
  revokedBy?: string | null;
  revokeReason?: string | null;
}

export interface VerificationCodeRow {
  id: string;
  citizenId: string;
  phone: string;
  codeHash: string;
  createdAt: Date;
  expiresAt: Date;
  attempts: number;
  consumedAt: Date | null;
}

export interface MergeRow {
  id: string;
  sourceId: string;
  targetId: string;
  reason: string;
  mergedBy: string;
  mergedAt: Date;
  moved: MergeMoved;
  unmergedAt: Date | null;
  unmergedBy: string | null;
  unmergeReason: string | null;
}

/** Exactly what a merge changed, so that an unmerge can put it back. */
export interface MergeMoved {
  phonesMoved: { phone: string; wasPrimary: boolean }[];
  phonesDropped: { phone: string; wasPrimary: boolean; verifiedAt: string | null; addedAt: string }[];
  appointments: string[];
  consents: string[];
  delegationsAsActor: string[];
  delegationsAsSubject: string[];
  idNumberMoved: boolean;
  fieldsFilled: ("name_en" | "birth_date" | "hukou_place")[];
  tagsGained: string[];
}

export interface CitizenRepo {
  insertCitizen(c: NewCitizen): Promise<"created" | "exists" | "id-number-taken">;
  get(id: string, opts?: { lock?: boolean }): Promise<CitizenRecord | undefined>;
  /** follows merged_into to the surviving record */
  resolve(id: string): Promise<CitizenRecord | undefined>;
  idNumberHash(id: string): Promise<string | null>;
  idNumberCipher(id: string): Promise<string | null>;
  findByIdHash(hash: string): Promise<CitizenRecord | undefined>;
  /** active (unmerged) citizens with this number, primary holders first */
  findByPhone(phone: string): Promise<CitizenRecord[]>;
  addPhone(citizenId: string, phone: string, isPrimary: boolean, at: Date): Promise<boolean>;
  event(e: DomainEvent): Promise<void>;
  eventTimes(citizenId: string, type: string, since: Date): Promise<Date[]>;

  addConsent(citizenId: string, c: ConsentRecord & { note: string; recordedBy: string }): Promise<void>;
  listConsents(citizenId: string): Promise<ConsentRecord[]>;

  addDelegation(d: DelegationRow): Promise<void>;
  listDelegations(filter: { actorId?: string; subjectId?: string }): Promise<DelegationRow[]>;
  getDelegation(id: string): Promise<DelegationRow | undefined>;
  revokeDelegation(id: string, at: Date, by: string, reason: string): Promise<boolean>;

  insertCode(c: VerificationCodeRow): Promise<void>;
  getCode(id: string, opts?: { lock?: boolean }): Promise<VerificationCodeRow | undefined>;
  updateCode(id: string, attempts: number, consumedAt: Date | null): Promise<void>;

  /** open appointments of both records for the same item (a merge would break "one open per item") */
  conflictingOpenItems(a: string, b: string): Promise<string[]>;
  applyMerge(m: {
    id: string;
    sourceId: string;
    targetId: string;
    reason: string;
    by: string;
    at: Date;
  }): Promise<MergeRow>;
  getMerge(id: string, opts?: { lock?: boolean }): Promise<MergeRow | undefined>;
  applyUnmerge(m: MergeRow, at: Date, by: string, reason: string): Promise<void>;
}

export interface CitizenStore extends CitizenRepo {
  tx<T>(fn: (r: CitizenRepo) => Promise<T>): Promise<T>;
}

export type { ConsentPurpose, DelegationKind };
