import { normaliseLast4 } from "../../domain/identity/id-number.js";
import { checkLast4, LAST4_WINDOW_MINUTES } from "../../domain/identity/verification.js";
import { refuse, type IdentityDeps, type Refusal } from "./deps.js";

export type VerifyLast4Result =
  | { ok: true; citizenId: string; level: "id-last4" }
  | (Refusal<"unknown-citizen" | "no-id-on-file" | "locked" | "mismatch" | "bad-input"> & { attemptsLeft: number });

const MESSAGES = {
  "no-id-on-file": "No ID number is on file for this citizen.",
  locked: "Too many wrong answers; try again later or use SMS verification at a hall.",
  mismatch: "The last four characters do not match.",
  "bad-input": "Say four characters: digits, or X for the last one.",
} as const;

/**
 * Raises verification to "id-last4" when the caller knows the last four characters of the ID number.
 * Every failure is an event; too many within the window lock this method for the citizen.
 */
export const verifyLast4 = async (
  d: IdentityDeps,
  input: { citizenId: string; last4: string; actor: string },
): Promise<VerifyLast4Result> => {
  const now = d.clock.now();
  return d.citizens.tx(async (r) => {
    const c = await r.get(input.citizenId, { lock: true });
    if (!c || c.mergedInto) return { ...refuse("unknown-citizen", "No such citizen."), attemptsLeft: 0 };
    const since = new Date(now.getTime() - LAST4_WINDOW_MINUTES * 60_000);
    const failures = (await r.eventTimes(c.id, "citizen.verification-failed", since)).length;
    const result = checkLast4(normaliseLast4(input.last4), c.idNumberLast4 ?? undefined, failures);
    if (result.ok) {
      await r.event({
        aggregate: "citizen",
        aggregateId: c.id,
        type: "citizen.verified",
        payload: { level: "id-last4" },
        actor: input.actor,
        occurredAt: now,
      });
      return { ok: true, citizenId: c.id, level: "id-last4" };
    }
    if (result.reason === "mismatch")
      await r.event({
        aggregate: "citizen",
        aggregateId: c.id,
        type: "citizen.verification-failed",
        payload: { method: "id-last4" },
        actor: input.actor,
        occurredAt: now,
      });
    return { ...refuse(result.reason, MESSAGES[result.reason]), attemptsLeft: result.attemptsLeft };
  });
};
