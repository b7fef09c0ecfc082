import type { EmotionLexicon } from "./lexicon.js";
import { buildMatcher } from "./replacer.js";
import type { Emotion, EmotionLabel } from "./types.js";

/**
 * Emotion from wording alone (prosody comes later, from the voice adapter). Lexicon cues add up per
 * label; a negator right before a cue cancels it (不着急) or, for satisfaction, turns it into
 * dissatisfaction (不是很满意); sarcasm markers turn praise into anger (真行，又让我回去等); repeated
 * contact (第三次打来) and repeated punctuation raise the intensity. Below a floor, the caller is neutral.
 */
type Scored = Exclude<EmotionLabel, "neutral">;
type CueKind = Scored | "negator" | "intensifier" | "sarcasm" | "repetition";

export type EmotionDetector = (surface: string) => Emotion;

const NEUTRAL_FLOOR = 0.45;
const RELIEF = /终于|总算|这次|这回|现在好了|比以前/;

export interface CueScores {
  scores: Record<Scored, number>;
  cues: string[];
  sarcastic: boolean;
  repeated: boolean;
}

export type CueScorer = (surface: string) => CueScores;

/** The lexicon on its own: an emotion from cue scores, neutral below a floor. */
export function buildEmotionDetector(lex: EmotionLexicon): EmotionDetector {
  const score = buildCueScorer(lex);
  return (surface) => labelFromScores(score(surface));
}

export function labelFromScores({ scores, cues }: CueScores): Emotion {
  let label: EmotionLabel = "neutral";
  let best = NEUTRAL_FLOOR;
  // Order breaks ties towards what needs attention first.
  for (const l of ["angry", "sad", "anxious", "confused", "satisfied"] as Scored[]) {
    if (scores[l] >= best + 1e-9) {
      best = scores[l];
      label = l;
    }
  }
  if (label === "neutral") return { label, intensity: 0.1, cues };
  return { label, intensity: cueIntensity(best), cues };
}

export function cueIntensity(score: number): number {
  return Math.max(0.3, Math.round(Math.min(1, 1 - Math.exp(-score / 1.5)) * 100) / 100);
}

export function buildCueScorer(lex: EmotionLexicon): CueScorer {
  const entries: Array<[string, { kind: CueKind; weight: number }]> = [];
  for (const [label, cues] of Object.entries(lex.cues) as Array<[Scored, EmotionLexicon["cues"][Scored]]>) {
    for (const cue of cues ?? []) {
      const [w, weight] = typeof cue === "string" ? [cue, 1] : [cue.w, cue.weight];
      entries.push([w, { kind: label, weight }]);
    }
  }
  for (const w of lex.negators) entries.push([w, { kind: "negator", weight: 0 }]);
  for (const w of lex.intensifiers) entries.push([w, { kind: "intensifier", weight: 0 }]);
  for (const w of lex.sarcasm) entries.push([w, { kind: "sarcasm", weight: 0.9 }]);
  for (const w of lex.repetition) entries.push([w, { kind: "repetition", weight: 0.9 }]);
  const match = buildMatcher(entries);

  return (surface) => {
    const text = surface.toLowerCase();
    const scores: Record<Scored, number> = { angry: 0, anxious: 0, confused: 0, sad: 0, satisfied: 0 };
    const cues: string[] = [];
    const hits = match(text);
    const sarcastic =
      hits.some((h) => h.value.kind === "sarcasm") || /[“"「『][^”"」』]{1,12}[”"」』]\s*(是吧|吧|呢|啊)?/.test(text);
    let pendingNegation = -1;
    let pendingIntensity = 1;
    let lastEnd = -1;
    for (const hit of hits) {
      const { kind, weight } = hit.value;
      // A modifier only applies to a cue that follows it closely (within two characters).
      const close = hit.start - lastEnd <= 2;
      if (kind === "negator") {
        pendingNegation = hit.end;
        lastEnd = hit.end;
        continue;
      }
      if (kind === "intensifier") {
        pendingIntensity = 1.5;
        lastEnd = hit.end;
        continue;
      }
      const negated = pendingNegation >= 0 && hit.start - pendingNegation <= 2 && close;
      const boost = close ? pendingIntensity : 1;
      pendingNegation = -1;
      pendingIntensity = 1;
      lastEnd = hit.end;
      if (kind === "sarcasm" || kind === "repetition") {
        scores.angry += weight;
        cues.push(hit.text);
        continue;
      }
      if (negated) {
        // 不满意 / 没解决 is dissatisfaction; 不着急 / 不生气 simply is not that emotion.
        if (kind === "satisfied") {
          scores.angry += 0.8 * weight * boost;
          cues.push(`不…${hit.text}`);
        }
        continue;
      }
      if (kind === "satisfied" && sarcastic) {
        scores.angry += weight * boost;
        cues.push(`反讽:${hit.text}`);
        continue;
      }
      scores[kind] += weight * boost;
      cues.push(hit.text);
    }
    // Praise next to a complaint or a repeated contact is sarcasm or a "thanks, but": the caller is unhappy.
    // ("之前跑了三趟，这次终于办好了" is relief, not sarcasm.)
    if (!sarcastic && scores.satisfied > 0 && scores.angry >= 0.9 && !RELIEF.test(text)) {
      scores.angry += scores.satisfied;
      scores.satisfied = 0;
      cues.push("褒贬同现");
    }
    const exclamations = (text.match(/!/g) ?? []).length;
    const questions = (text.match(/\?{2,}/g) ?? []).length;
    const repeatedPhrase = /([\p{Script=Han}]{2,4})[,，。!?\s]*\1/u.test(text);
    const arousal = 1 + Math.min(exclamations, 3) * 0.15 + questions * 0.2 + (repeatedPhrase ? 0.25 : 0);
    scores.angry *= arousal;
    scores.anxious *= arousal;

    return { scores, cues, sarcastic, repeated: repeatedPhrase || hits.some((h) => h.value.kind === "repetition") };
  };
}
