import { maskDigits } from "../../privacy/mask.js";
import type { TurnContext } from "../context.js";
import { isNo, isYes } from "../cues.js";
import type { Heard } from "../heard.js";
import { t } from "../prompts.js";
import { ask, askYesNo, event, say, type Reply } from "../reply.js";
import { handOff } from "./handoff.js";

/**
 * Complaints and suggestions: record what the caller says (masked), never argue or defend, and
 * offer a person who registers the work order and follows up. Further details the caller adds
 * are recorded too, until they accept or decline the person.
 */

const record = (r: Reply, h: Heard, first: boolean) =>
  event(r, first ? "complaint-recorded" : "complaint-detail", { text: maskDigits(h.text).slice(0, 500) });

export const startComplaint = (r: Reply, h: Heard): void => {
  const s = r.state;
  record(r, h, true);
  s.topic = { ...s.topic, intent: "meta.complaint" };
  askYesNo(r, { kind: "complaint", notes: 1 }, t(s.locale).complaintRecorded);
};

/** A turn while the complaint is open; false when it is a new, different request. */
export const onComplaintTurn = (r: Reply, ctx: TurnContext, h: Heard, notes: number): boolean => {
  const s = r.state;
  const tr = t(s.locale);
  if (h.digits === "1" || isYes(h.text)) {
    handOff(r, ctx, { reason: "complaint" });
    return true;
  }
  if (h.digits === "2" || isNo(h.text)) {
    say(r, tr.complaintNoHuman);
    ask(r, { kind: "open" }, tr.anythingElse);
    return true;
  }
  // More of the story is recorded; only a clear request about a service item or life event is a new subject.
  const intent = h.nlu?.intent ?? "";
  const newSubject = (ctx.kb.items.has(intent) || ctx.kb.events.has(intent)) && (h.nlu?.confidence ?? 0) >= 0.6;
  if (h.kind === "speech" && !newSubject) {
    record(r, h, false);
    askYesNo(r, { kind: "complaint", notes: notes + 1 }, tr.complaintMore);
    return true;
  }
  return false;
};
