import type { NormaliseLexicon } from "./lexicon.js";
import { buildReplacer, type Replacer } from "./replacer.js";

/**
 * Text as the classifier and the entity extractors want it. Speech recognition gives unpunctuated,
 * homophone-ridden text; typed chat gives full-width digits and traditional characters. Each step is
 * a plain function of the text so the whole chain stays deterministic.
 */

/** Injected full traditional → simplified converter (opencc in the adapter); the core falls back to the lexicon's table. */
export type ToSimplified = (text: string) => string;

/** Spoken Chinese digits, as speech recognition writes them (洞 and 幺 are how 0 and 1 are read out). */
export const CN_DIGITS: Readonly<Record<string, string>> = {
  零: "0",
  〇: "0",
  洞: "0",
  一: "1",
  幺: "1",
  二: "2",
  两: "2",
  三: "3",
  四: "4",
  五: "5",
  六: "6",
  七: "7",
  八: "8",
  九: "9",
};
/** A run this long of spelled-out digits is a number being read out (phone, ID), not words like 一一. */
const SPOKEN_NUMBER = /[零〇洞一幺二两三四五六七八九]{6,}/g;

const HAN = /\p{Script=Han}/u;

export function toHalfWidth(text: string): string {
  let out = "";
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCodePoint(code - 0xfee0);
    else if (code === 0x3000) out += " ";
    else out += ch;
  }
  return out;
}

/** Numbers read out in Chinese (幺三八…) become digits, and digit groups split by spaces are joined. */
export function normaliseDigits(text: string): string {
  let out = text.replace(SPOKEN_NUMBER, (run) => [...run].map((c) => CN_DIGITS[c] ?? c).join(""));
  out = out.replace(/(\d)[ \t]+(?=\d)/g, "$1");
  // 138-1234-5678 style phone numbers; dates like 2026-03-05 keep their dashes.
  out = out.replace(/\b(1\d{2})-(\d{4})-(\d{4})\b/g, "$1$2$3");
  // The ID check character is an upper-case X by standard.
  out = out.replace(/(\d{17})x/gi, "$1X");
  return out;
}

export interface Normaliser {
  /** width, script and digits only: what emotion detection reads (punctuation and repetition kept). */
  surface(text: string): string;
  /** surface + speech-recognition corrections + fillers removed: what classification and entities read. */
  full(text: string): string;
}

export function buildNormaliser(lex: NormaliseLexicon, toSimplified?: ToSimplified): Normaliser {
  const simplify: Replacer = toSimplified ?? buildReplacer(lex.traditional);
  const asr = buildReplacer(lex.asr);
  const english = buildPhraseTranslator(lex.english);
  const interjections = [...lex.interjections].sort((a, b) => b.length - a.length);
  const leading = [...lex.leadingFillers].sort((a, b) => b.length - a.length);
  const interjectionRe = interjections.length ? new RegExp(`(?:${interjections.map(escapeRe).join("|")})+`, "g") : null;
  const leadingRe = leading.length
    ? new RegExp(`(^|[\\s,.;:!?，。；：！？、])(?:(?:${leading.map(escapeRe).join("|")})[\\s,，、]*)+`, "g")
    : null;

  const surface = (text: string): string =>
    normaliseDigits(simplify(toHalfWidth(text)))
      .replace(/\s+/g, " ")
      .trim();

  const full = (text: string): string => {
    let out = asr(surface(text));
    if (!HAN.test(out) && /[a-z]/i.test(out)) out = english(out);
    if (interjectionRe) out = out.replace(interjectionRe, "");
    if (leadingRe) {
      // Twice: removing one filler can expose another at a clause start ("就是 那个 我想…").
      out = out.replace(leadingRe, "$1").replace(/\s+/g, " ").trim();
      out = out.replace(leadingRe, "$1");
    }
    return out
      .replace(/\s+/g, " ")
      .replace(/^[\s,，、.。]+/, "")
      .trim();
  };
  return { surface, full };
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Whole-word English phrases → Chinese, longest phrase first; words without an entry are kept. */
function buildPhraseTranslator(table: Record<string, string>): (text: string) => string {
  const phrases = new Map(Object.entries(table).map(([k, v]) => [k.toLowerCase().trim(), v.trim()]));
  const longest = Math.max(1, ...[...phrases.keys()].map((k) => k.split(/\s+/).length));
  return (text) => {
    const words = text.toLowerCase().match(/[a-z0-9']+/g) ?? [];
    const out: string[] = [];
    for (let i = 0; i < words.length;) {
      let n = Math.min(longest, words.length - i);
      for (; n > 0; n--) {
        const hit = phrases.get(words.slice(i, i + n).join(" "));
        if (hit !== undefined) {
          out.push(hit);
          break;
        }
      }
      if (n === 0) out.push(words[i]!);
      i += Math.max(n, 1);
    }
    return out.join(" ");
  };
}
