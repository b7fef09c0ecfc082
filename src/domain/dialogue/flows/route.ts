import { checkIdNumber } from "../../nlu/entities/id-number.js";
import type { TurnContext } from "../context.js";
import {
  asksCapability,
  asksProgress,
  asksWhoWeAre,
  isPhatic,
  wantsCallback,
  wantsCancel,
  wantsEnglish,
  wantsReschedule,
} from "../cues.js";
import { readEnglish } from "../english.js";
import { entity, spokenId, type Heard } from "../heard.js";
import { nameOf } from "../kb-view.js";
import { t } from "../prompts.js";
import { ask, askYesNo, event, say, type Reply } from "../reply.js";
import { startChange } from "./appointment-confirm.js";
import { answerFollowUp } from "./follow-up.js";
import { actionable, actOn, progress, setTopic } from "./request.js";
import { answerPhatic, confirmHotline, declineOutOfScope, explainScope } from "./refusals.js";
import { onSpokenId } from "./verification.js";

/**
 * A speech turn that is not the answer to the open question: what is it? In order — line checks
 * and "what do you do", a spoken ID number, changes to a booking made in this call, progress
 * questions, follow-ups on the subject already discussed, then the NLU's intent (clarified or read
 * back when it is unsure). Unusable speech returns false: the caller hears the question again.
 */

/** In-scope intents below this confidence are read back before acting. */
export const CONFIRM_BELOW = 0.35;
const OOS = "out-of-scope";

const isOpen = (r: Reply) => !r.state.pending || r.state.pending.kind === "open";

export const routeRequest = (r: Reply, ctx: TurnContext, heard: Heard): boolean => {
  if (heard.kind !== "speech" || heard.lowConfidence || !heard.nlu) return false;
  const s = r.state;
  // English speech the NLU could not place: read it by English keywords.
  const english =
    heard.nlu.intent === OOS && (s.locale === "en" || wantsEnglish(heard.text))
      ? readEnglish(ctx.kb, heard.text, heard.nlu)
      : undefined;
  const h: Heard = english ? { ...heard, nlu: english } : heard;
  const nlu = h.nlu!;
  const unsure = nlu.intent === OOS || nlu.clarify || nlu.confidence < 0.5;

  if (asksWhoWeAre(h.text) && unsure) return (confirmHotline(r, ctx.kb.kb.city.name[s.locale]), true);
  if (isPhatic(h.text) && unsure) return (answerPhatic(r), true);
  if (asksCapability(h.text)) return (explainScope(r), true);

  const id = spokenId(h);
  if (id) {
    const wantsRecord = asksProgress(h.text) || /查/.test(h.text) || s.handled.at(-1) === "meta.progress";
    // A misread ID is said to be wrong without looking anything up; a good one starts verification when a record is wanted.
    if (checkIdNumber(id) !== null || wantsRecord) {
      const purpose = { kind: "progress" as const, ...(s.topic.itemCode ? { itemCode: s.topic.itemCode } : {}) };
      if (onSpokenId(r, ctx, h, purpose) === "handled") return true;
    } else if (nlu.intent === OOS || nlu.clarify || nlu.intent.startsWith("id-card.")) {
      // Volunteered for nothing that needs it: say it is not needed, and carry on.
      say(r, t(s.locale).idNotNeeded);
      ask(r, { kind: "open" }, s.silver ? t(s.locale).anythingElseSilver : t(s.locale).anythingElse);
      return true;
    }
  }

  if (s.ownAppointments.length + s.profile.appointments.length > 0 && !nlu.intent.startsWith("meta.appointment")) {
    // "改到周四下午" right after booking: a change, even when the classifier heard something else.
    const change = wantsCancel(h.text)
      ? "cancel"
      : wantsReschedule(h.text) && (entity(h, "date") || entity(h, "time"))
        ? "reschedule"
        : undefined;
    if (change) {
      setTopic(r, h, "meta.appointment.cancel");
      startChange(r, ctx, h, change);
      return true;
    }
  }

  const doc = entity(h, "document");
  const personal = /^meta\.(human|complaint|appointment)/.test(nlu.intent);
  if (!personal && asksProgress(h.text) && (doc || /申请|证件|证/.test(h.text))) {
    // "我的护照办好了吗" is about the caller's application, not about how to apply.
    setTopic(r, h, "meta.progress");
    progress(r, ctx, h, ctx.kb.items.has(nlu.intent) && !nlu.clarify ? nlu.intent : undefined);
    return true;
  }

  // A question about what we were just talking about ("要多久", "网上能办吗").
  const topic = s.topic.itemCode ?? s.topic.eventCode;
  const otherDocument = doc && topic && !topic.startsWith(`${doc.value}.`);
  if (topic && !otherDocument && (unsure || nlu.intent === topic) && answerFollowUp(r, ctx, h)) return true;

  if (wantsCallback(h.text) && unsure) {
    event(r, "callback-asked", {});
    askYesNo(r, { kind: "human-offer", reason: "callback" }, t(s.locale).callbackOffer);
    return true;
  }

  if (nlu.intent === OOS) {
    // Mid-question (a code, a date), an off-topic sentence is a miss: the question is asked again.
    if (!isOpen(r)) return false;
    const han = (h.text.match(/\p{Script=Han}/gu) ?? []).length;
    const latin = (h.text.match(/[a-z]+/gi) ?? []).length;
    if (han < 4 && latin < 3) return false;
    declineOutOfScope(r);
    return true;
  }

  const alt = nlu.alternatives.find((a) => a.intent !== OOS && actionable(ctx, a.intent));
  if (nlu.clarify && alt && actionable(ctx, nlu.intent)) {
    // Back to a subject of this call ("说回公积金"): no need to ask which one.
    const recent = [...s.handled].reverse().find((c) => c === nlu.intent || c === alt.intent);
    if (recent) return (actOn(r, ctx, h, recent), true);
    const loc = s.locale;
    askYesNo(
      r,
      { kind: "clarify", options: [nlu.intent, alt.intent] },
      t(loc).clarify(nameOf(ctx.kb, nlu.intent, loc), nameOf(ctx.kb, alt.intent, loc)),
    );
    return true;
  }
  if (!nlu.intent.startsWith("meta.") && nlu.confidence < CONFIRM_BELOW && actionable(ctx, nlu.intent)) {
    setTopic(r, h, nlu.intent);
    askYesNo(
      r,
      { kind: "confirm-intent", intent: nlu.intent },
      t(s.locale).confirmIntent(nameOf(ctx.kb, nlu.intent, s.locale)),
    );
    return true;
  }
  actOn(r, ctx, h, nlu.intent);
  return true;
};
