/**
 * How sure we are that the person on the line is the citizen, and what each level allows.
 * Levels only go up within a conversation: the calling number being on file < knowing the last
 * four characters of the ID number < the full ID number plus a one-time code sent by SMS to a
 * number on file.
 */

export const VERIFICATION_LEVELS = ["none", "caller-number", "id-last4", "id-full-sms"] as const;
export type VerificationLevel = (typeof VERIFICATION_LEVELS)[number];

export const levelRank = (l: VerificationLevel): number => VERIFICATION_LEVELS.indexOf(l);
export const meetsLevel = (have: VerificationLevel, need: VerificationLevel): boolean =>
  levelRank(have) >= levelRank(need);
export const strongerLevel = (a: VerificationLevel, b: VerificationLevel): VerificationLevel =>
  levelRank(a) >= levelRank(b) ? a : b;

/**
 * What a caller may do at each level. Telling the time and place of one's own appointments needs
 * only the number on file: reminders go to that number by SMS anyway. Anything that changes a
 * booking or reveals application details needs the last four; changing who we call or who may act
 * for the citizen needs the strongest proof.
 */
export const REQUIRED_LEVEL = {
  "general-info": "none",
  "view-appointments": "caller-number",
  "book-appointment": "id-last4",
  "change-appointment": "id-last4",
  "view-applications": "id-last4",
  "act-for-another": "id-last4",
  "change-contact-details": "id-full-sms",
  "manage-delegations": "id-full-sms",
  "manage-consents": "id-full-sms",
} as const satisfies Record<string, VerificationLevel>;
export type GuardedAction = keyof typeof REQUIRED_LEVEL;

export type Permission = { ok: true } | { ok: false; reason: "verification-needed"; need: VerificationLevel };

export const mayPerform = (have: VerificationLevel, action: GuardedAction): Permission => {
  const need = REQUIRED_LEVEL[action];
  return meetsLevel(have, need) ? { ok: true } : { ok: false, reason: "verification-needed", need };
};

/** Wrong "last four" answers allowed within the window before the citizen is locked out of it. */
export const LAST4_MAX_FAILURES = 5;
export const LAST4_WINDOW_MINUTES = 30;

export type Last4Result =
  | { ok: true; level: "id-last4" }
  | { ok: false; reason: "no-id-on-file" | "locked" | "mismatch" | "bad-input"; attemptsLeft: number };

/** Compares a spoken last four with the one on file; `recentFailures` counts failures within the window. */
export const checkLast4 = (
  given: string | undefined,
  onFile: string | undefined,
  recentFailures: number,
): Last4Result => {
  const left = Math.max(0, LAST4_MAX_FAILURES - recentFailures);
  if (left === 0) return { ok: false, reason: "locked", attemptsLeft: 0 };
  if (!onFile) return { ok: false, reason: "no-id-on-file", attemptsLeft: left };
  if (given === undefined) return { ok: false, reason: "bad-input", attemptsLeft: left };
  if (given !== onFile) return { ok: false, reason: "mismatch", attemptsLeft: left - 1 };
  return { ok: true, level: "id-last4" };
};

export const SMS_CODE_DIGITS = 6;
export const SMS_CODE_TTL_MINUTES = 5;
export const SMS_CODE_MAX_ATTEMPTS = 5;
export const SMS_RESEND_COOLDOWN_SECONDS = 60;
export const SMS_MAX_PER_HOUR = 5;

/** A code from a uniformly random integer (the randomness stays outside the domain). */
export const formatSmsCode = (n: number): string =>
  String(Math.abs(Math.trunc(n)) % 10 ** SMS_CODE_DIGITS).padStart(SMS_CODE_DIGITS, "0");

export const isSmsCodeShape = (s: string): boolean => new RegExp(`^\\d{${SMS_CODE_DIGITS}}$`).test(s);

export type SmsStartCheck = { ok: true } | { ok: false; reason: "too-many-requests"; retryAfterSeconds: number };

/** Rate limit on sending codes to one citizen: a cooldown between codes and a cap per hour. */
export const maySendSmsCode = (now: Date, recentSends: Date[]): SmsStartCheck => {
  const t = now.getTime();
  const lastHour = recentSends.filter((d) => t - d.getTime() < 3_600_000).sort((a, b) => a.getTime() - b.getTime());
  const last = lastHour.at(-1);
  if (last && t - last.getTime() < SMS_RESEND_COOLDOWN_SECONDS * 1000)
    return {
      ok: false,
      reason: "too-many-requests",
      retryAfterSeconds: Math.ceil((SMS_RESEND_COOLDOWN_SECONDS * 1000 - (t - last.getTime())) / 1000),
    };
  if (lastHour.length >= SMS_MAX_PER_HOUR)
    return {
      ok: false,
      reason: "too-many-requests",
      retryAfterSeconds: Math.ceil((3_600_000 - (t - lastHour[0]!.getTime())) / 1000),
    };
  return { ok: true };
};

export interface SmsCodeState {
  expiresAt: Date;
  attempts: number;
  consumedAt?: Date | null;
}

export type SmsCodeResult =
  | { ok: true; level: "id-full-sms" }
  | { ok: false; reason: "expired" | "used" | "too-many-attempts" | "wrong-code"; attemptsLeft: number };

/** Judges one attempt at a code; `matches` is whether the hashes agreed. The store counts the attempt either way. */
export const judgeSmsCode = (state: SmsCodeState, matches: boolean, now: Date): SmsCodeResult => {
  const left = Math.max(0, SMS_CODE_MAX_ATTEMPTS - state.attempts);
  if (state.consumedAt) return { ok: false, reason: "used", attemptsLeft: 0 };
  if (left === 0) return { ok: false, reason: "too-many-attempts", attemptsLeft: 0 };
  if (now.getTime() >= state.expiresAt.getTime()) return { ok: false, reason: "expired", attemptsLeft: 0 };
  if (!matches)
    return { ok: false, reason: left - 1 === 0 ? "too-many-attempts" : "wrong-code", attemptsLeft: left - 1 };
  return { ok: true, level: "id-full-sms" };
};

/** The level a call starts at: the calling number is one the citizen registered. */
export const levelFromCallerNumber = (caller: string | undefined, phonesOnFile: string[]): VerificationLevel =>
  caller !== undefined && phonesOnFile.includes(caller) ? "caller-number" : "none";
