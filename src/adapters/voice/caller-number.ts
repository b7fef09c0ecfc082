/**
 * Caller numbers as the dialogue engine expects them: E.164 ("+8613800138000"). Carriers and SIP
 * trunks send many shapes (Twilio E.164, a domestic trunk's bare "13800138000", "sip:…@host",
 * "anonymous"); anything we cannot read as a number becomes "anonymous", which the engine treats
 * as an unknown caller rather than a reason to drop the call.
 */

export const ANONYMOUS = "anonymous";

export const normaliseCallerNumber = (raw: unknown): string => {
  if (typeof raw !== "string") return ANONYMOUS;
  let s = raw.trim();
  // sip:+8613800138000@trunk.example;user=phone → +8613800138000
  const sip = /^sips?:([^@;]+)(?:[@;].*)?$/i.exec(s);
  if (sip) s = sip[1]!;
  s = s.replace(/[\s()-]/g, "");
  if (/^\+[1-9]\d{6,14}$/.test(s)) return s;
  if (/^00[1-9]\d{6,14}$/.test(s)) return `+${s.slice(2)}`;
  // Mainland mobile without country code (typical of a domestic trunk), or with 86 but no plus.
  if (/^1[3-9]\d{9}$/.test(s)) return `+86${s}`;
  if (/^861[3-9]\d{9}$/.test(s)) return `+${s}`;
  return ANONYMOUS;
};

/** The number dialled: often a short service number (12345), so only shape-checked, not rewritten. */
export const normaliseCalledNumber = (raw: unknown): string | undefined => {
  if (typeof raw !== "string") return undefined;
  const s = raw.trim();
  const sip = /^sips?:([^@;]+)/i.exec(s);
  const n = (sip ? sip[1]! : s).replace(/[\s()-]/g, "");
  return /^\+?\d{3,16}$/.test(n) ? n : undefined;
};
