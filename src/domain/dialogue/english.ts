import type { Entity, Interpretation } from "../nlu/types.js";
import type { KbView } from "./kb-view.js";

/**
 * A small English reading for English callers, used only when the (Chinese-trained) NLU finds
 * nothing in-scope in an English sentence. Keywords → a catalogue code; ordered, first match wins.
 */

const LOST = /\b(lost|lose|stolen|missing|can'?t find)\b/i;
const RENEW = /\b(renew|renewal|expired?|expiring|full|replace it)\b/i;

const RULES: [RegExp, (text: string) => string][] = [
  [/\bcomplain|complaint\b/i, () => "meta.complaint"],
  [
    /\b(cancel|reschedule|move)\b.*\bappointment|\bappointment\b.*\b(cancel|reschedule|move)\b/i,
    () => "meta.appointment.cancel",
  ],
  [/\b(book|appointment|reserve)\b/i, () => "meta.appointment.book"],
  [/\b(progress|status|is my .* ready|ready yet)\b/i, () => "meta.progress"],
  [/\bpassport\b/i, (t) => (LOST.test(t) ? "passport.replace" : RENEW.test(t) ? "passport.renew" : "passport.apply")],
  [/\b(id card|identity card|resident card)\b/i, (t) => (LOST.test(t) ? "id-card.replace" : "id-card.renew")],
  [
    /\bdriv(ing|er'?s?) licen[cs]e\b/i,
    (t) =>
      LOST.test(t) ? "driving-licence.replace" : RENEW.test(t) ? "driving-licence.renew" : "driving-licence.first",
  ],
  [/\bsocial security card\b/i, (t) => (LOST.test(t) ? "ssc.replace" : "ssc.apply")],
  [
    /\b(hong kong|macao|macau)\b/i,
    (t) => (/\bendorse|visa\b/i.test(t) ? "hk-macao-permit.endorse" : "hk-macao-permit.apply"),
  ],
  [/\btaiwan\b/i, () => "taiwan-permit.apply"],
  [/\bresidence permit\b/i, () => "residence-permit.apply"],
  [/\b(baby|newborn|new-born|birth)\b/i, () => "event.newborn"],
];

const DOCUMENT: Record<string, string> = {
  passport: "passport",
  "id-card": "id-card",
  "driving-licence": "driving-licence",
  ssc: "ssc",
};

/** An interpretation from English keywords, or undefined when nothing matches a code we can serve. */
export const readEnglish = (kb: KbView, text: string, base: Interpretation): Interpretation | undefined => {
  for (const [re, pick] of RULES) {
    if (!re.test(text)) continue;
    const code = pick(text);
    if (!code.startsWith("meta.") && !kb.items.has(code) && !kb.events.has(code)) return undefined;
    const doc = DOCUMENT[code.split(".")[0]!];
    const entities: Entity[] = [...base.entities, ...(doc ? [{ type: "document" as const, value: doc }] : [])];
    return {
      ...base,
      intent: code,
      confidence: 0.6,
      clarify: false,
      alternatives: [],
      entities,
      explanation: [...base.explanation, `english keywords: ${code}`],
    };
  }
  return undefined;
};
