import { isSmsCodeShape, judgeSmsCode } from "../../domain/identity/verification.js";
import { refuse, type IdentityDeps, type Refusal } from "./deps.js";
import { smsCodeHash } from "./start-sms-verification.js";

export type ConfirmSmsVerificationResult =
  | { ok: true; citizenId: string; level: "id-full-sms" }
  | (Refusal<"not-found" | "expired" | "used" | "too-many-attempts" | "wrong-code"> & { attemptsLeft: number });

const MESSAGES = {
  expired: "The code has expired; ask for a new one.",
  used: "The code was already used.",
  "too-many-attempts": "Too many wrong codes; ask for a new one.",
  "wrong-code": "The code is not right.",
} as const;

/** Step two: the caller reads back the code. Every attempt counts, right or wrong, under a row lock. */
export const confirmSmsVerification = async (
  d: IdentityDeps,
  input: { verificationId: string; code: string; actor: string },
): Promise<ConfirmSmsVerificationResult> => {
  const now = d.clock.now();
  return d.citizens.tx(async (r) => {
    const row = await r.getCode(input.verificationId, { lock: true });
    if (!row) return { ...refuse("not-found", "No such verification."), attemptsLeft: 0 };
    const code = input.code.replace(/\s/g, "");
    const matches = isSmsCodeShape(code) && smsCodeHash(d, row.id, code) === row.codeHash;
    const result = judgeSmsCode(row, matches, now);
    const counts = !(!result.ok && (result.reason === "used" || result.reason === "expired"));
    if (counts) await r.updateCode(row.id, row.attempts + 1, result.ok ? now : null);
    const ev = { aggregate: "citizen", aggregateId: row.citizenId, actor: input.actor, occurredAt: now };
    if (result.ok) {
      await r.event({ ...ev, type: "citizen.verified", payload: { level: "id-full-sms", verificationId: row.id } });
      return { ok: true, citizenId: row.citizenId, level: "id-full-sms" };
    }
    await r.event({
      ...ev,
      type: "citizen.sms-code-rejected",
      payload: { verificationId: row.id, reason: result.reason },
    });
    return { ...refuse(result.reason, MESSAGES[result.reason]), attemptsLeft: result.attemptsLeft };
  });
};
