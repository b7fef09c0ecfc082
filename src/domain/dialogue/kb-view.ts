import type { Hall, KnowledgeBase, LifeEvent, LocalText, ServiceItem, Template } from "../kb/schema.js";

/**
 * The published KB indexed for answering by ear. Built once per KB version (the use case caches
 * it), never per turn. `names` carries catalogue names for codes the KB does not describe yet
 * (a life event step handled by another department, say), so nothing is read out as a code.
 */
export interface KbView {
  version: number;
  kb: KnowledgeBase;
  items: Map<string, ServiceItem>;
  events: Map<string, LifeEvent>;
  halls: Map<string, Hall>;
  /** SMS templates by id */
  templates: Map<string, Template>;
  names: Map<string, LocalText>;
}

export const buildKbView = (
  version: number,
  kb: KnowledgeBase,
  catalogueNames: Record<string, LocalText> = {},
): KbView => {
  const names = new Map<string, LocalText>(Object.entries(catalogueNames));
  for (const i of kb.items) names.set(i.code, i.name);
  for (const e of kb.events) names.set(e.code, e.name);
  for (const h of kb.halls) names.set(h.code, h.name);
  for (const i of kb.intents) names.set(i.code, i.name);
  return {
    version,
    kb,
    items: new Map(kb.items.map((i) => [i.code, i])),
    events: new Map(kb.events.map((e) => [e.code, e])),
    halls: new Map(kb.halls.map((h) => [h.code, h])),
    templates: new Map(kb.templates.filter((t) => t.channel === "sms").map((t) => [t.id, t])),
    names,
  };
};

/**
 * A name by ear: catalogue names carry parenthesised detail. A short gloss that says what the
 * thing is stays ("出生登记（新生儿落户）"); a list of cases does not ("（有效期满、损坏、信息变更）").
 */
export const nameOf = (kb: KbView, code: string, locale: "zh" | "en"): string => {
  const n = kb.names.get(code);
  if (!n) return locale === "zh" ? "这项业务" : "this service";
  return n[locale]
    .replace(/\s*[（(]([^）)]*)[）)]/g, (m, inner: string) => (inner.length <= 6 && !/[、，,;；]/.test(inner) ? m : ""))
    .trim();
};

/** Halls in a district (as the NLU reports districts: their Chinese name). */
export const hallsInDistrict = (kb: KbView, district: string): Hall[] =>
  kb.kb.halls.filter((h) => h.district.zh === district || h.district.en === district);

/** A hall's name by ear: without the city prefix every demo hall carries ("示范市…"). */
export const hallName = (kb: KbView, code: string, locale: "zh" | "en"): string => {
  const hall = kb.halls.get(code);
  if (!hall) return nameOf(kb, code, locale);
  const city = kb.kb.city.name[locale];
  const name = hall.name[locale];
  return locale === "zh" ? name.replace(new RegExp(`^${city}`), "") : name.replace(new RegExp(`^${city}\\s*`), "");
};

/** Whether a hall opens on a date: weekday sessions, weekends, statutory holidays and 调休 workdays. */
export const hallOpenOn = (kb: KbView, hallCode: string, date: string): boolean => {
  const hall = kb.halls.get(hallCode);
  if (!hall) return false;
  const year = kb.kb.calendar.find((c) => c.year === Number(date.slice(0, 4)));
  if (year?.holidays.some((h) => h.date === date)) return hall.hours.holidays.length > 0;
  if (year?.makeupWorkdays.includes(date)) return true;
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const dow = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  if (dow === 0) return hall.hours.sunday.length > 0;
  if (dow === 6) return hall.hours.saturday.length > 0;
  return true;
};
