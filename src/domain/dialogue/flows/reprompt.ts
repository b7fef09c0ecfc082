import type { TurnContext } from "../context.js";
import { t } from "../prompts.js";
import { event, reask, say, type Reply } from "../reply.js";
import { handOff } from "./handoff.js";

/**
 * The VoiceXML escalation ladder, counted per question: the first no-input (or no-match) gets a
 * short re-prompt, the second a gentler one with an example and a word that a person is next, the
 * third goes to a person. The counters reset whenever a new question is asked.
 */

export const MAX_MISSES = 3;

const isOpen = (r: Reply) => !r.state.pending || r.state.pending.kind === "open";

export const onNoInput = (r: Reply, ctx: TurnContext): void => {
  const s = r.state;
  s.noInput++;
  event(r, "no-input", { count: s.noInput, pending: s.pending?.kind ?? null });
  if (s.noInput >= MAX_MISSES) return handOff(r, ctx, { reason: "no-input" });
  const tr = t(s.locale);
  if (isOpen(r)) return reask(r, s.noInput === 1 ? tr.noInput1 : tr.noInput2);
  say(r, tr.notHeard);
  if (s.noInput === 2) say(r, tr.lastChance);
  reask(r);
};

export const onNoMatch = (r: Reply, ctx: TurnContext): void => {
  const s = r.state;
  s.noMatch++;
  event(r, "no-match", { count: s.noMatch, pending: s.pending?.kind ?? null });
  if (s.noMatch >= MAX_MISSES) return handOff(r, ctx, { reason: "no-match" });
  const tr = t(s.locale);
  if (isOpen(r)) return reask(r, s.noMatch === 1 ? tr.noMatch1 : tr.noMatch2);
  say(r, tr.notUnderstood);
  if (s.noMatch === 2) say(r, tr.lastChance);
  reask(r);
};
