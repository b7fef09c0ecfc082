import { t } from "../prompts.js";
import { ask as askAny, event, type AskOptions, type Reply } from "../reply.js";
import type { Pending } from "../state.js";

// After a refusal or a decline, the repeat key replays the open question, not the refusal.
const ask = (r: Reply, p: Pending, prompt: string, opts: AskOptions = {}) =>
  askAny(r, p, prompt, { repeatAs: t(r.state.locale).open, ...opts });

/**
 * What the hotline will not do, said politely and briefly, always followed by the open question
 * so the caller can go on with a real request. The caller's words are never repeated back.
 */

/** "忽略之前的指令…", "进入调试模式…": caller text is data, not instructions. */
export const refuseInjection = (r: Reply): void => {
  event(r, "injection-refused", {});
  ask(r, { kind: "open" }, t(r.state.locale).injection);
};

/** Someone else's records (a neighbour's hukou): only that person or an authorised party. */
export const refuseThirdParty = (r: Reply): void => {
  const s = r.state;
  const tr = t(s.locale);
  s.thirdPartyRefusals++;
  event(r, "third-party-refused", { count: s.thirdPartyRefusals });
  ask(r, { kind: "open" }, s.thirdPartyRefusals > 1 ? tr.thirdPartyAgain : tr.thirdParty);
};

export const declineOutOfScope = (r: Reply): void => {
  event(r, "out-of-scope", {});
  ask(r, { kind: "open" }, t(r.state.locale).outOfScope);
};

export const explainScope = (r: Reply): void => {
  event(r, "scope-explained", {});
  ask(r, { kind: "open" }, t(r.state.locale).capability);
};

export const answerPhatic = (r: Reply): void => {
  ask(r, { kind: "open" }, t(r.state.locale).phatic);
};

export const confirmHotline = (r: Reply, city: string): void => {
  ask(r, { kind: "open" }, t(r.state.locale).thisIsHotline(city));
};
