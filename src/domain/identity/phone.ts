/**
 * Phone numbers in E.164. Citizens say and type mainland numbers in many ways ("138 0013 8000",
 * "+86 13800138000", "8613800138000", "0086-138…", "(010) 6512 3456"); the same line must always
 * become the same string, or one person turns into several records.
 */

export type E164 = string;

const MOBILE = /^1[3-9]\d{9}$/;
// Fixed lines: trunk 0, area code of 2–3 digits, subscriber number of 7–8 digits.
const FIXED = /^0[1-9]\d{8,10}$/;
// The same without the trunk 0, as written after +86.
const FIXED_INTL = /^[1-9]\d{8,10}$/;

/** Normalises a mainland mobile or fixed-line number (or an E.164 number from abroad); undefined when it is not a phone number. */
export const normalisePhone = (input: string): E164 | undefined => {
  const raw = input.trim();
  if (!raw || /[^\d\s+()\-.]/.test(raw)) return undefined;
  let digits = raw.replace(/\D/g, "");
  let international = raw.startsWith("+");
  if (digits.startsWith("00")) {
    digits = digits.slice(2);
    international = true;
  }
  if (international && !digits.startsWith("86")) {
    // Not mainland China: accept a plausible E.164 number as given.
    return /^[1-9]\d{7,14}$/.test(digits) ? `+${digits}` : undefined;
  }
  if (international) digits = digits.slice(2);
  // "8613800138000": a mobile with the country code but no plus.
  else if (digits.length === 13 && digits.startsWith("86") && MOBILE.test(digits.slice(2))) digits = digits.slice(2);

  if (MOBILE.test(digits)) return `+86${digits}`;
  if (!international && FIXED.test(digits)) return `+86${digits.slice(1)}`;
  if (international && FIXED_INTL.test(digits) && !digits.startsWith("1")) return `+86${digits}`;
  // Beijing's area code is 10: "+86 10 6512 3456".
  if (international && /^10\d{8}$/.test(digits)) return `+86${digits}`;
  return undefined;
};

/** True when two spellings are the same line. */
export const samePhone = (a: string, b: string): boolean => {
  const x = normalisePhone(a);
  return x !== undefined && x === normalisePhone(b);
};

export const isMainlandMobile = (e164: E164): boolean => /^\+861[3-9]\d{9}$/.test(e164);
