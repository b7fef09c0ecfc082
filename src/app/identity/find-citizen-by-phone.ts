import { summariseCitizen, type CitizenSummary } from "../../domain/identity/citizen.js";
import { normalisePhone } from "../../domain/identity/phone.js";
import { todayIn, type IdentityDeps } from "./deps.js";

/**
 * Who is calling: the citizen whose number this is (its primary holder when family members share a
 * number). Finding someone only gives the "caller-number" verification level.
 */
export const findCitizenByPhone = async (d: IdentityDeps, phone: string): Promise<CitizenSummary | undefined> => {
  const all = await listCitizensByPhone(d, phone);
  return all[0];
};

/** Everyone on file with this number (a shared family phone), primary holder first. */
export const listCitizensByPhone = async (d: IdentityDeps, phone: string): Promise<CitizenSummary[]> => {
  const e164 = normalisePhone(phone);
  if (!e164) return [];
  const today = todayIn(d);
  return (await d.citizens.findByPhone(e164)).map((c) => summariseCitizen(c, today));
};

/** A citizen by id; a merged record answers with the record it was merged into. */
export const getCitizen = async (d: IdentityDeps, id: string): Promise<CitizenSummary | undefined> => {
  const c = await d.citizens.resolve(id);
  return c ? summariseCitizen(c, todayIn(d)) : undefined;
};
