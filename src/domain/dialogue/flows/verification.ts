import { checkIdNumber } from "../../nlu/entities/id-number.js";
import { resultOf, type TurnContext } from "../context.js";
import { keyedId, spokenId, type Heard } from "../heard.js";
import { t } from "../prompts.js";
import { ask, askYesNo, event, need, reask, say, type Reply } from "../reply.js";
import { isSensitive, type Pending, type VerifyPurpose } from "../state.js";

/**
 * Who is calling, before anything personal is said: the calling number must belong to a citizen
 * and the caller keys the last four characters of their ID number; or, from any number, the full
 * ID number by keypad and then the code sent by SMS to the phone registered for that ID. Three
 * tries each. Digits are keyed while the recording is paused (the engine pauses around sensitive
 * questions) and never stored: the state keeps only an opaque citizen reference or challenge id.
 */

export const MAX_TRIES = 3;
export const ELDERLY_AGE = 65;

type Outcome = { verified: VerifyPurpose } | "handled";

export const askLast4 = (r: Reply, purpose: VerifyPurpose, tries: number, prompt?: string) =>
  ask(r, { kind: "verify-last4", tries, purpose }, prompt ?? t(r.state.locale).verifyLast4, {
    digits: { numDigits: 4 },
  });

export const askFullId = (r: Reply, purpose: VerifyPurpose, tries: number, prompt?: string) =>
  ask(r, { kind: "verify-id", tries, purpose }, prompt ?? t(r.state.locale).verifyFullId, {
    digits: { numDigits: 18, finishOnKey: "#" },
  });

/** Starts verification for `purpose`, or reports it done when the caller is already verified. */
export const startVerification = (r: Reply, purpose: VerifyPurpose): Outcome => {
  if (r.state.verification.level !== "none") return { verified: purpose };
  const tr = t(r.state.locale);
  // Asking again does not earn three new tries: the question already open is repeated, and after
  // a failed verification in this call only a person can help.
  if (isSensitive(r.state.pending)) {
    reask(r);
    return "handled";
  }
  if (r.state.verification.failures > 0) {
    askYesNo(r, { kind: "human-offer", reason: "verification-failed" }, tr.verifyFailed);
    return "handled";
  }
  say(
    r,
    purpose.kind === "progress"
      ? tr.verifyIntro
      : purpose.draft.op === "book"
        ? tr.verifyIntroBooking
        : tr.verifyIntroChange,
  );
  if (r.state.profile.known && r.state.profile.ref) askLast4(r, purpose, 0);
  else askFullId(r, purpose, 0);
  return "handled";
};

const failed = (r: Reply, purpose: VerifyPurpose): Outcome => {
  const s = r.state;
  s.verification.failures++;
  event(r, "verification-failed", { purpose: purpose.kind });
  askYesNo(r, { kind: "human-offer", reason: "verification-failed" }, t(s.locale).verifyFailed);
  return "handled";
};

const succeeded = (
  r: Reply,
  level: "last4" | "id-sms",
  res: { citizenRef?: string; age?: number },
  purpose: VerifyPurpose,
): Outcome => {
  const s = r.state;
  s.verification = {
    level,
    failures: s.verification.failures,
    ...(res.citizenRef ? { citizenRef: res.citizenRef } : {}),
  };
  if (res.age !== undefined && res.age >= ELDERLY_AGE && !s.silver) {
    s.silver = true;
    event(r, "silver-enabled", { source: "verified-profile" });
  }
  event(r, "verification-succeeded", { level, purpose: purpose.kind });
  say(r, t(s.locale).verified);
  return { verified: purpose };
};

/** Checks an ID number (keyed or spoken) and, when well-formed, starts the SMS challenge. */
const tryIdNumber = (r: Reply, ctx: TurnContext, id: string, p: Extract<Pending, { kind: "verify-id" }>): Outcome => {
  const tr = t(r.state.locale);
  const problem = checkIdNumber(id);
  if (problem) {
    event(r, "id-number-rejected", { problem });
    if (p.tries + 1 >= MAX_TRIES) return failed(r, p.purpose);
    askFullId(r, p.purpose, p.tries + 1, problem === "length" ? tr.verifyBadLength : tr.verifyBadCheck);
    return "handled";
  }
  const n = { kind: "start-sms-challenge" as const, idNumber: id };
  const got = resultOf(ctx, n);
  if (!got) {
    need(r, n);
    return "handled";
  }
  // The caller hears the same whether or not the ID is on file: nothing is revealed about others.
  ask(
    r,
    { kind: "verify-code", tries: 0, purpose: p.purpose, challengeId: got.challengeId ?? "none" },
    tr.verifyCodeSent,
    { digits: { numDigits: 6 } },
  );
  return "handled";
};

/** A turn while a verification question is open; undefined when the turn is not an answer (speech without an ID). */
export const onVerifyTurn = (r: Reply, ctx: TurnContext, h: Heard, p: Pending): Outcome | undefined => {
  const tr = t(r.state.locale);
  if (p.kind === "verify-last4") {
    if (h.kind !== "digits") return undefined;
    const digits = keyedId(h.digits);
    const n = { kind: "verify-last4" as const, citizenRef: r.state.profile.ref ?? "", digits };
    const got = /^\d{3}[\dX]$/.test(digits) && r.state.profile.ref ? resultOf(ctx, n) : { ok: false };
    if (!got) {
      need(r, n);
      return "handled";
    }
    if (got.ok) return succeeded(r, "last4", got, p.purpose);
    if (p.tries + 1 >= MAX_TRIES) return failed(r, p.purpose);
    askLast4(r, p.purpose, p.tries + 1, tr.verifyWrongLast4);
    return "handled";
  }
  if (p.kind === "verify-id") {
    if (h.kind === "digits") return tryIdNumber(r, ctx, keyedId(h.digits), p);
    const spoken = spokenId(h);
    return spoken ? tryIdNumber(r, ctx, spoken, p) : undefined;
  }
  if (p.kind === "verify-code") {
    if (h.kind !== "digits") return undefined;
    const code = h.digits.replace(/#$/, "");
    const n = { kind: "check-sms-code" as const, challengeId: p.challengeId, code };
    const got = p.challengeId === "none" || !/^\d{6}$/.test(code) ? { ok: false } : resultOf(ctx, n);
    if (!got) {
      need(r, n);
      return "handled";
    }
    if (got.ok) return succeeded(r, "id-sms", got, p.purpose);
    if (p.tries + 1 >= MAX_TRIES) return failed(r, p.purpose);
    ask(r, { ...p, tries: p.tries + 1 }, tr.verifyWrongCode, { digits: { numDigits: 6 } });
    return "handled";
  }
  return undefined;
};

/** An ID number said out loud outside verification ("身份证号是…"): treat it as the start of it. */
export const onSpokenId = (r: Reply, ctx: TurnContext, h: Heard, purpose: VerifyPurpose): Outcome | undefined => {
  const spoken = spokenId(h);
  if (!spoken) return undefined;
  if (r.state.verification.level !== "none") return { verified: purpose };
  return tryIdNumber(r, ctx, spoken, { kind: "verify-id", tries: 0, purpose });
};
