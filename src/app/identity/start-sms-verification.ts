import { checkIdNumber } from "../../domain/identity/id-number.js";
import { isMainlandMobile, normalisePhone } from "../../domain/identity/phone.js";
import {
  formatSmsCode,
  LAST4_MAX_FAILURES,
  LAST4_WINDOW_MINUTES,
  maySendSmsCode,
  SMS_CODE_TTL_MINUTES,
} from "../../domain/identity/verification.js";
import { maskPhone } from "../../domain/privacy/mask.js";
import { refuse, todayIn, type IdentityDeps, type Refusal } from "./deps.js";

export type StartSmsVerificationResult =
  | { ok: true; verificationId: string; sentTo: string; expiresAt: Date }
  | (Refusal<
      | "unknown-citizen"
      | "invalid-id-number"
      | "id-mismatch"
      | "no-id-on-file"
      | "locked"
      | "phone-not-on-file"
      | "no-mobile"
      | "too-many-requests"
      | "sms-unavailable"
    > & { retryAfterSeconds?: number });

/** The code is keyed to its verification id, so equal codes of two verifications never share a hash. */
export const smsCodeHash = (d: Pick<IdentityDeps, "pii">, verificationId: string, code: string) =>
  d.pii.hash(`${verificationId}:${code}`, "sms-code");

/**
 * Step one of the strongest verification: the caller gives the full ID number; if it matches the
 * record, a one-time code goes by SMS to a mobile number on file (never to a number the caller names
 * that is not on file). Only a keyed hash of the code is stored.
 */
export const startSmsVerification = async (
  d: IdentityDeps,
  input: { citizenId: string; idNumber: string; phone?: string; actor: string },
): Promise<StartSmsVerificationResult> => {
  const now = d.clock.now();
  const id = checkIdNumber(input.idNumber, todayIn(d));
  if (!id.ok) return refuse("invalid-id-number", `The ID number is not valid (${id.reason}).`);
  const requested = input.phone === undefined ? undefined : normalisePhone(input.phone);
  if (input.phone !== undefined && !requested)
    return refuse("phone-not-on-file", "That phone number is not on file for this citizen.");

  const started = await d.citizens.tx(async (r) => {
    const c = await r.get(input.citizenId, { lock: true });
    if (!c || c.mergedInto) return refuse("unknown-citizen", "No such citizen.");
    const since = new Date(now.getTime() - LAST4_WINDOW_MINUTES * 60_000);
    if ((await r.eventTimes(c.id, "citizen.verification-failed", since)).length >= LAST4_MAX_FAILURES)
      return refuse("locked", "Too many failed verifications; try again later.");
    const onFile = await r.idNumberHash(c.id);
    if (!onFile) return refuse("no-id-on-file", "No ID number is on file for this citizen.");
    if (d.pii.hash(id.idNumber) !== onFile) {
      await r.event({
        aggregate: "citizen",
        aggregateId: c.id,
        type: "citizen.verification-failed",
        payload: { method: "id-full" },
        actor: input.actor,
        occurredAt: now,
      });
      return refuse("id-mismatch", "The ID number does not match this citizen.");
    }
    const mobiles = c.phones.map((p) => p.phone).filter(isMainlandMobile);
    if (requested && !c.phones.some((p) => p.phone === requested))
      return refuse("phone-not-on-file", "That phone number is not on file for this citizen.");
    const phone = requested ?? mobiles[0];
    if (!phone || !isMainlandMobile(phone))
      return refuse("no-mobile", "No mobile number is on file to send a code to.");
    const gate = maySendSmsCode(
      now,
      await r.eventTimes(c.id, "citizen.verification-sms-sent", new Date(now.getTime() - 3_600_000)),
    );
    if (!gate.ok)
      return {
        ...refuse("too-many-requests", "A code was sent recently; wait before asking again."),
        retryAfterSeconds: gate.retryAfterSeconds,
      };

    const verificationId = d.newId();
    const code = formatSmsCode(d.randomCode());
    const expiresAt = new Date(now.getTime() + SMS_CODE_TTL_MINUTES * 60_000);
    await r.insertCode({
      id: verificationId,
      citizenId: c.id,
      phone,
      codeHash: smsCodeHash(d, verificationId, code),
      createdAt: now,
      expiresAt,
      attempts: 0,
      consumedAt: null,
    });
    await r.event({
      aggregate: "citizen",
      aggregateId: c.id,
      type: "citizen.verification-sms-sent",
      payload: { verificationId, to: maskPhone(phone) },
      actor: input.actor,
      occurredAt: now,
    });
    return { ok: true as const, verificationId, phone, code, expiresAt };
  });
  if (!started.ok) return started;
  // Sent after commit: a code that was never stored must never reach a phone.
  try {
    await d.sms.send(started.phone, started.code);
  } catch {
    return refuse("sms-unavailable", "The SMS could not be sent; try again later.");
  }
  return {
    ok: true,
    verificationId: started.verificationId,
    sentTo: maskPhone(started.phone),
    expiresAt: started.expiresAt,
  };
};
