import { isIsoDate, type IsoDate } from "./age.js";

/**
 * Mainland resident ID numbers (GB 11643-1999): 6-digit region, 8-digit birth date, 3-digit
 * sequence (odd = male), and an ISO 7064 MOD 11-2 check character (0–9 or X).
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = "10X98765432";

/** The check character for the first 17 digits. */
export const idCheckCharacter = (first17: string): string => {
  if (!/^\d{17}$/.test(first17)) throw new Error("idCheckCharacter needs 17 digits");
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
};

/** Strips spaces and dashes and upper-cases a trailing x, as people read and type it. */
export const normaliseIdNumber = (input: string): string => input.replace(/[\s-]/g, "").toUpperCase();

export type IdNumberProblem = "format" | "region" | "birth-date" | "check-digit";

export type IdNumberCheck =
  | { ok: true; idNumber: string; birthDate: IsoDate; sex: "male" | "female"; region: string; last4: string }
  | { ok: false; reason: IdNumberProblem };

/** Validates an 18-character ID number; `today` rejects birth dates in the future. */
export const checkIdNumber = (input: string, today?: IsoDate): IdNumberCheck => {
  const id = normaliseIdNumber(input);
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, reason: "format" };
  // Province codes run from 11 (Beijing) to 82 (Macao).
  const province = Number(id.slice(0, 2));
  if (province < 11 || province > 82) return { ok: false, reason: "region" };
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!isIsoDate(birthDate) || birthDate < "1880-01-01" || (today !== undefined && birthDate > today))
    return { ok: false, reason: "birth-date" };
  if (idCheckCharacter(id.slice(0, 17)) !== id[17]) return { ok: false, reason: "check-digit" };
  return {
    ok: true,
    idNumber: id,
    birthDate,
    sex: Number(id[16]) % 2 === 1 ? "male" : "female",
    region: id.slice(0, 6),
    last4: id.slice(-4),
  };
};

/** Builds a valid ID number from region, birth date and sequence (synthetic demo data and tests only). */
export const composeIdNumber = (region: string, birthDate: IsoDate, sequence: string): string => {
  const first17 = `${region}${birthDate.replace(/-/g, "")}${sequence}`;
  return first17 + idCheckCharacter(first17);
};

/** "Last four" as citizens say it: digits, with x or X for the check character. */
export const normaliseLast4 = (input: string): string | undefined => {
  const s = input.replace(/\s/g, "").toUpperCase();
  return /^\d{3}[\dX]$/.test(s) ? s : undefined;
};
