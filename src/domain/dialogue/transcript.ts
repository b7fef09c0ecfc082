import { maskDigits } from "../privacy/mask.js";
import type { Action, Turn } from "./actions.js";

/**
 * The transcript line of a turn as it is stored: ID numbers, phone numbers and codes starred,
 * whether said in digits or in Chinese numerals, and keyed answers to sensitive questions
 * (ID digits, SMS codes) never kept at all — only how many keys were pressed.
 */

// Six or more digits said as words (幺幺零幺零五…), spaces and commas between groups allowed.
const SPOKEN_NUMBER = /[零〇一二三四五六七八九幺两0-9Xx叉](?:[\s,，、]*[零〇一二三四五六七八九幺两0-9Xx叉]){5,}/g;

export const maskSpokenNumbers = (text: string): string =>
  text.replace(SPOKEN_NUMBER, (m) => m.replace(/[^\s,，、]/g, "*"));

export const callerLine = (turn: Turn, sensitive: boolean): string | null => {
  switch (turn.kind) {
    case "speech":
      return maskDigits(maskSpokenNumbers(turn.text));
    case "digits":
      return sensitive ? `[keypad: ${turn.digits.replace(/#$/, "").length} keys, not kept]` : maskDigits(turn.digits);
    case "silence":
      return null;
    case "start":
      return null;
    case "event":
      return `[${turn.name}]`;
  }
};

/** What the hotline said in a turn, for the transcript. */
export const botLine = (actions: Action[]): string =>
  actions
    .map((a) =>
      a.kind === "say"
        ? a.text
        : a.kind === "ask"
          ? a.prompt
          : a.kind === "handoff"
            ? `[handoff ${a.queue}]`
            : a.kind === "send-sms"
              ? `[sms ${a.templateId}]`
              : "",
    )
    .filter(Boolean)
    .join(" ");
