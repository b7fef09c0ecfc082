import type { TurnContext } from "../context.js";
import { isGoodbye, isNo, isYes, ordinal } from "../cues.js";
import type { Heard } from "../heard.js";
import { t } from "../prompts.js";
import { ask, end, event, reask, say, type Reply } from "../reply.js";
import { absorb, onAppointmentTurn } from "./appointment.js";
import { onConfirmTurn } from "./appointment-confirm.js";
import { onComplaintTurn } from "./complaint.js";
import { handOff, type HandoffReason } from "./handoff.js";
import { actOn, afterVerified } from "./request.js";
import { sendSms } from "./sms-offer.js";
import { MAX_MISSES } from "./reprompt.js";
import { onVerifyTurn } from "./verification.js";

/**
 * The answer to the question that is open. Returns false when the turn is not an answer to it
 * (a new request, say), so the engine routes it as one; a caller may always change the subject.
 */

const yes = (h: Heard) => h.digits === "1" || isYes(h.text);
const no = (h: Heard) => h.digits === "2" || isNo(h.text);

const anythingElse = (r: Reply) =>
  ask(r, { kind: "open" }, r.state.silver ? t(r.state.locale).anythingElseSilver : t(r.state.locale).anythingElse);

export const onPending = (r: Reply, ctx: TurnContext, h: Heard): boolean => {
  const s = r.state;
  const p = s.pending;
  if (!p) return false;
  const tr = t(s.locale);
  switch (p.kind) {
    case "open":
      if (h.kind === "speech" && isGoodbye(h.text) && s.handled.length > 0) {
        event(r, "caller-done", {});
        say(r, tr.goodbye);
        end(r, "caller-done");
        return true;
      }
      return false;
    case "sms-offer":
      if (yes(h)) {
        if (sendSms(r, ctx, p.subject) !== "needs") anythingElse(r);
        return true;
      }
      if (no(h)) {
        anythingElse(r);
        return true;
      }
      return false;
    case "elderly-offer":
      if (yes(h)) {
        handOff(r, ctx, { reason: "elderly" });
        return true;
      }
      if (no(h)) {
        ask(r, { kind: "open" }, tr.openSilver);
        return true;
      }
      return false;
    case "human-offer":
      if (yes(h)) {
        handOff(r, ctx, { reason: p.reason as HandoffReason });
        return true;
      }
      if (no(h)) {
        anythingElse(r);
        return true;
      }
      return false;
    case "complaint":
      return onComplaintTurn(r, ctx, h, p.notes);
    case "clarify": {
      const pick = h.kind === "digits" ? Number(h.digits) : ordinal(h.text);
      const chosen = pick ? p.options[pick - 1] : h.nlu && p.options.includes(h.nlu.intent) ? h.nlu.intent : undefined;
      if (!chosen) return false;
      actOn(r, ctx, h, chosen);
      return true;
    }
    case "confirm-intent":
      if (yes(h)) {
        actOn(r, ctx, h, p.intent);
        return true;
      }
      if (no(h)) {
        ask(r, { kind: "open" }, tr.open);
        return true;
      }
      return false;
    case "appointment":
      return onAppointmentTurn(r, ctx, h, p.draft, p.asking);
    case "appointment-confirm":
      return onConfirmTurn(r, ctx, h, p.draft);
    case "verify-last4":
    case "verify-id":
    case "verify-code": {
      const outcome = onVerifyTurn(r, ctx, h, p);
      if (outcome === undefined) {
        // Booking details said while we wait for the ID ("下周三上午"): kept for after verification.
        if (p.purpose.kind !== "appointment" || h.kind !== "speech") return false;
        const draft = absorb(ctx, h, p.purpose.draft);
        if (JSON.stringify(draft) === JSON.stringify(p.purpose.draft)) return false;
        s.pending = { ...p, purpose: { kind: "appointment", draft } };
        // Still no ID: these turns count as misses, so a caller who cannot key one reaches a person.
        s.noMatch++;
        if (s.noMatch >= MAX_MISSES) {
          handOff(r, ctx, { reason: "no-match" });
          return true;
        }
        say(r, tr.noted);
        reask(r);
        return true;
      }
      if (outcome !== "handled") afterVerified(r, ctx, outcome.verified);
      return true;
    }
  }
};
