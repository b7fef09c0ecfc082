import type { Entity } from "../types.js";

/**
 * Mainland resident ID numbers (GB 11643): 17 digits and an ISO 7064 MOD 11-2 check character.
 * A number that fails is still reported — as invalid — so the dialogue can ask the caller to repeat
 * it instead of acting on a misheard digit.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = "10X98765432";

export function idCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

export type IdProblem = "length" | "check-digit" | "birth-date" | "region";

export function checkIdNumber(id: string): IdProblem | null {
  if (!/^\d{17}[\dX]$/.test(id)) return "length";
  if (id.startsWith("00") || id.slice(0, 2) < "11") return "region";
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1880 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
    return "birth-date";
  if (idCheckCharacter(id.slice(0, 17)) !== id[17]) return "check-digit";
  return null;
}

export function isValidIdNumber(id: string): boolean {
  return checkIdNumber(id) === null;
}

/** Runs of 15–19 characters: an ID said with a digit too many or too few is still an attempt at one. */
const CANDIDATE = /(?<![\dA-Za-z])(\d{14,18}[\dX])(?![\dA-Za-z])/g;
const MENTIONS_ID = /身份证|证号|号码/;

export function findIdNumbers(text: string): Entity[] {
  const out: Entity[] = [];
  const mentionsId = MENTIONS_ID.test(text);
  for (const m of text.matchAll(CANDIDATE)) {
    const value = m[1]!;
    // Bank cards are 16–19 digits too: only an 18-character run is an ID without being called one.
    if (value.length !== 18 && !mentionsId) continue;
    const problem = checkIdNumber(value);
    const entity: Entity = { type: "id_number", value, text: value, valid: problem === null };
    if (problem) entity.reason = problem;
    out.push(entity);
  }
  return out;
}
