import type { CallerProfile, TurnContext } from "../context.js";
import { sayDate, sayTime } from "../format.js";
import { hallName, nameOf } from "../kb-view.js";
import { documentNoun, t } from "../prompts.js";
import { ask, askYesNo, event, say, type Reply } from "../reply.js";
import { emptyProfile } from "../state.js";
import { eventStatusLine } from "./life-event.js";
import { ELDERLY_AGE } from "./verification.js";

/**
 * The first thing a caller hears: the recording and personal-data notice (PIPL art. 13–17), what
 * matters to them now if the number is recognised, then an open question — never a menu
 * (GB/T 33358). Recognition by number alone only says what is safe to say to whoever holds the
 * phone: an appointment's date, time and hall, a document ready for pickup, the next step of a life
 * event. Callers 65 and over get the silver channel and a direct offer of the elderly agents.
 */

/** Keeps only the fields the engine may use, so a richer profile cannot leak into prompts or state. */
const safeProfile = (p: CallerProfile | undefined): CallerProfile =>
  p
    ? {
        known: p.known,
        ...(p.ref ? { ref: p.ref } : {}),
        ...(p.age !== undefined ? { age: p.age } : {}),
        ...(p.locale ? { locale: p.locale } : {}),
        appointments: p.appointments.map(({ ref, itemCode, hallCode, date, time }) => ({
          ref,
          itemCode,
          hallCode,
          date,
          time,
        })),
        ready: p.ready.map(({ itemCode, hallCode }) => ({ itemCode, hallCode })),
        events: p.events.map(({ eventCode, done }) => ({ eventCode, done: [...done] })),
      }
    : emptyProfile();

export const recognitionLines = (ctx: TurnContext, profile: CallerProfile, locale: "zh" | "en"): string[] => {
  const tr = t(locale);
  const lines: string[] = [];
  const upcoming = profile.appointments
    .filter((a) => a.date >= ctx.today)
    .sort((a, b) => (a.date + a.time).localeCompare(b.date + b.time));
  for (const a of upcoming.slice(0, 2)) {
    const when = `${sayDate(a.date, ctx.today, locale)}${locale === "zh" ? "" : " at "}${sayTime(a.time, locale)}`;
    lines.push(tr.recogAppointment(when, hallName(ctx.kb, a.hallCode, locale), nameOf(ctx.kb, a.itemCode, locale)));
  }
  for (const d of profile.ready.slice(0, 2)) {
    lines.push(
      tr.recogReady(
        documentNoun(d.itemCode, locale) ?? nameOf(ctx.kb, d.itemCode, locale),
        hallName(ctx.kb, d.hallCode, locale),
      ),
    );
  }
  for (const e of profile.events.slice(0, 1)) {
    const line = eventStatusLine(ctx, locale, e.eventCode, e.done);
    if (line) lines.push(line);
  }
  return lines;
};

export const greet = (r: Reply, ctx: TurnContext): void => {
  const s = r.state;
  s.profile = safeProfile(ctx.profile);
  if (s.profile.locale === "en") s.locale = "en";
  if (s.profile.age !== undefined && s.profile.age >= ELDERLY_AGE) {
    s.silver = true;
    event(r, "silver-enabled", { source: "recognised-profile" });
  }
  const tr = t(s.locale);
  event(r, "call-started", { known: s.profile.known, kbVersion: ctx.kbVersion });
  say(r, tr.notice(ctx.kb.kb.city.name[s.locale]));
  const lines = recognitionLines(ctx, s.profile, s.locale);
  if (lines.length) event(r, "caller-recognised", { facts: lines.length });
  for (const line of lines) say(r, line);
  if (s.silver) {
    askYesNo(r, { kind: "elderly-offer" }, tr.elderlyWelcome);
    return;
  }
  say(r, tr.elderlyKey);
  ask(r, { kind: "open" }, tr.open);
};
