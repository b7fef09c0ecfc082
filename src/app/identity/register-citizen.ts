import { isIsoDate } from "../../domain/identity/age.js";
import { summariseCitizen, TAG_PATTERN, type CitizenSummary } from "../../domain/identity/citizen.js";
import { checkIdNumber } from "../../domain/identity/id-number.js";
import { normalisePhone } from "../../domain/identity/phone.js";
import { maskIdNumber } from "../../domain/privacy/mask.js";
import { refuse, todayIn, type IdentityDeps, type Refusal } from "./deps.js";

export interface RegisterCitizenInput {
  /** fixed id (the demo seed); a new one otherwise */
  id?: string;
  nameZh: string;
  nameEn?: string;
  idNumber?: string;
  birthDate?: string;
  hukouPlace?: string;
  locale?: "zh" | "en";
  tags?: string[];
  /** first one is the primary number */
  phones?: string[];
  actor: string;
}

export type RegisterCitizenResult =
  | { ok: true; created: boolean; citizen: CitizenSummary }
  | Refusal<
      | "invalid-id-number"
      | "invalid-phone"
      | "invalid-birth-date"
      | "birth-date-mismatch"
      | "invalid-tag"
      | "id-number-taken"
    >;

/** Creates a citizen record; the ID number is validated, then stored only encrypted, hashed and masked. */
export const registerCitizen = async (d: IdentityDeps, input: RegisterCitizenInput): Promise<RegisterCitizenResult> => {
  const today = todayIn(d);
  let idFields = {
    idNumberCipher: null as string | null,
    idNumberHash: null as string | null,
    idNumberLast4: null as string | null,
    idNumberMasked: null as string | null,
  };
  let birthDate = input.birthDate ?? null;
  if (birthDate !== null && (!isIsoDate(birthDate) || birthDate > today))
    return refuse("invalid-birth-date", "The birth date must be a past date as YYYY-MM-DD.");
  if (input.idNumber !== undefined) {
    const id = checkIdNumber(input.idNumber, today);
    if (!id.ok) return refuse("invalid-id-number", `The ID number is not valid (${id.reason}).`);
    if (birthDate !== null && birthDate !== id.birthDate)
      return refuse("birth-date-mismatch", "The birth date does not match the ID number.");
    birthDate = id.birthDate;
    idFields = {
      idNumberCipher: d.pii.encrypt(id.idNumber),
      idNumberHash: d.pii.hash(id.idNumber),
      idNumberLast4: id.last4,
      idNumberMasked: maskIdNumber(id.idNumber),
    };
  }
  const phones: string[] = [];
  for (const p of input.phones ?? []) {
    const e164 = normalisePhone(p);
    if (!e164) return refuse("invalid-phone", "A phone number is not valid.");
    if (!phones.includes(e164)) phones.push(e164);
  }
  const tags = [...new Set(input.tags ?? [])];
  if (tags.some((t) => !TAG_PATTERN.test(t)))
    return refuse("invalid-tag", "Tags are lower-case codes like elderly or newborn-parent.");

  const id = input.id ?? d.newId();
  const now = d.clock.now();
  return d.citizens.tx(async (r) => {
    const outcome = await r.insertCitizen({
      id,
      nameZh: input.nameZh.trim(),
      nameEn: input.nameEn?.trim() || null,
      ...idFields,
      birthDate,
      hukouPlace: input.hukouPlace ?? null,
      locale: input.locale ?? "zh",
      tags,
      phones: phones.map((phone, i) => ({ phone, isPrimary: i === 0 })),
      createdAt: now,
    });
    if (outcome === "id-number-taken")
      return refuse("id-number-taken", "A citizen with this ID number is already on file.");
    if (outcome === "created")
      await r.event({
        aggregate: "citizen",
        aggregateId: id,
        type: "citizen.registered",
        payload: { phones: phones.length, hasIdNumber: !!idFields.idNumberHash, tags },
        actor: input.actor,
        occurredAt: now,
      });
    const citizen = await r.get(id);
    return { ok: true as const, created: outcome === "created", citizen: summariseCitizen(citizen!, today) };
  });
};
