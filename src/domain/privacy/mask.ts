/**
 * Masking of personal data for display, logs and transcripts. ID numbers keep the first 3
 * and last 4 characters (110***********123X), mobile numbers the first 3 and last 4.
 */

const ID_NUMBER = /(?<![0-9])([1-9]\d{2})\d{11}(\d{3}[\dXx])(?![0-9Xx])/g;
// Mainland mobiles, optionally with +86 / 86 and spaces or dashes between groups.
const MOBILE = /(?<!\d)((?:\+?86[ -]?)?1[3-9]\d)[ -]?\d{4}[ -]?(\d{4})(?!\d)/g;
const LONG_DIGITS = /(?<!\d)\d{6,}(?!\d)/g;

export const maskIdNumber = (id: string): string =>
  id.length >= 8 ? `${id.slice(0, 3)}${"*".repeat(id.length - 7)}${id.slice(-4)}` : "*".repeat(id.length);

export const maskPhone = (phone: string): string => {
  const digits = phone.replace(/\D/g, "");
  if (digits.length < 7) return "*".repeat(phone.length);
  const local = digits.startsWith("86") && digits.length === 13 ? digits.slice(2) : digits;
  return `${local.slice(0, 3)}****${local.slice(-4)}`;
};

/** Masks every ID number and mobile number inside free text. */
export const maskText = (text: string): string =>
  text
    .replace(ID_NUMBER, (_m, head: string, tail: string) => `${head}***********${tail}`)
    .replace(MOBILE, (_m, head: string, tail: string) => `${head.replace(/\D/g, "").slice(-3)}****${tail}`);

/** Stronger masking for transcripts: any run of 6+ digits is starred (keypad input, codes). */
export const maskDigits = (text: string): string => maskText(text).replace(LONG_DIGITS, (m) => "*".repeat(m.length));
