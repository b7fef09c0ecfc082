import { tailorChecklist, type CitizenFacts, type TailoredChecklist } from "../../domain/applications/conditions.js";
import type { StepState } from "../../domain/applications/life-event-progress.js";
import type { Hall, LifeEvent, LocalText, ServiceItem } from "../../domain/kb/schema.js";
import type { ApplicationView, ApplicationQueries } from "../applications/queries.js";
import type { AppointmentService } from "../appointments/service.js";
import type { AppointmentView } from "../appointments/deps.js";
import type { SuggestedSlot } from "../appointments/available-slots.js";
import type { CurrentKb } from "../kb/kb-service.js";
import type { HallQueue } from "../queues/hall-queue.js";
import type { Links } from "./links.js";
import type { ShortLink } from "./ports.js";

/**
 * What a citizen page shows, gathered for a short link: the checklist tailored to what we know
 * (age from the citizen's record, situations and flags the sender passed), the hall with its live
 * queue, the application or appointment — only when it belongs to the link's citizen.
 */

export type Lang = "zh" | "en";

export interface HallCard {
  hall: Hall;
  queue?: HallQueue;
  /** the item whose queue matters on this page */
  item?: string;
  /** the city's time zone, for "as of HH:MM" */
  tz: string;
  /** every hall's position, for the little map */
  allHalls: { code: string; lat: number; lng: number }[];
}

export type PageModel =
  | { kind: "item"; item: ServiceItem; checklist: TailoredChecklist; tailored: boolean; halls: HallCard[] }
  | {
      kind: "event";
      event: LifeEvent;
      progress: boolean;
      steps: { item: string; name: LocalText; note?: LocalText; state?: StepState }[];
      next?: { code: string; name: LocalText; checklist?: TailoredChecklist; halls: HallCard[] };
    }
  | { kind: "hall"; card: HallCard }
  | { kind: "application"; app: ApplicationView; card?: HallCard; checklist?: TailoredChecklist }
  | {
      kind: "appointment";
      appt: AppointmentView;
      card?: HallCard;
      checklist?: TailoredChecklist;
      slots: SuggestedSlot[];
      canChange: boolean;
    };

export type PageResult =
  | { ok: true; lang: Lang; link: ShortLink; model: PageModel }
  | { ok: false; lang: Lang; reason: "not-found" | "expired" };

export interface PageDeps {
  links: Pick<Links, "resolve">;
  kb: { current(): Promise<CurrentKb> };
  applications: Pick<ApplicationQueries, "get" | "lifeEvent">;
  appointments?: Pick<AppointmentService, "get" | "suggestSlots">;
  queue: (hallCode: string) => Promise<HallQueue>;
  citizen: (id: string) => Promise<{ age?: number; locale: Lang } | undefined>;
  tz: string;
}

const pickLang = (requested: string | undefined, link: ShortLink | undefined, citizenLocale?: Lang): Lang =>
  requested === "en" || requested === "zh" ? requested : (link?.locale ?? citizenLocale ?? "zh");

export const buildPage = async (d: PageDeps, token: string, requestedLang?: string): Promise<PageResult> => {
  const found = await d.links.resolve(token);
  if (!found.ok) return { ok: false, lang: pickLang(requestedLang, undefined), reason: found.reason };
  const link = found.link;
  const citizen = link.citizenId ? await d.citizen(link.citizenId) : undefined;
  const lang = pickLang(requestedLang, link, citizen?.locale);
  const { kb } = await d.kb.current();
  const facts: CitizenFacts = { ...link.facts, ...(citizen?.age !== undefined ? { age: citizen.age } : {}) };
  const allHalls = kb.halls.map((h) => ({ code: h.code, lat: h.coordinates.lat, lng: h.coordinates.lng }));
  const card = async (code: string | null | undefined, item?: string): Promise<HallCard | undefined> => {
    const hall = kb.halls.find((h) => h.code === code);
    if (!hall) return undefined;
    return { hall, queue: await d.queue(hall.code), allHalls, tz: d.tz, ...(item ? { item } : {}) };
  };
  const hallsFor = async (item: string) =>
    (
      await Promise.all(
        kb.halls
          .filter((h) => h.items.includes(item))
          .slice(0, 3)
          .map((h) => card(h.code, item)),
      )
    ).filter((c): c is HallCard => !!c);
  const checklistFor = (code: string) => {
    const item = kb.items.find((i) => i.code === code);
    return item ? tailorChecklist(item.materials, facts) : undefined;
  };
  const done = (model: PageModel): PageResult => ({ ok: true, lang, link, model });
  const missing: PageResult = { ok: false, lang, reason: "not-found" };

  switch (link.kind) {
    case "item": {
      const item = kb.items.find((i) => i.code === link.target);
      if (!item) return missing;
      const tailored = facts.age !== undefined || !!facts.situations?.length || !!facts.flags?.length;
      return done({
        kind: "item",
        item,
        checklist: tailorChecklist(item.materials, facts),
        tailored,
        halls: await hallsFor(item.code),
      });
    }
    case "event": {
      const event = kb.events.find((e) => e.code === link.target);
      if (!event) return missing;
      const progress = link.citizenId
        ? await d.applications.lifeEvent(link.citizenId, event.code).catch(() => undefined)
        : undefined;
      const steps = event.steps.map((s) => ({
        item: s.item,
        name: progress?.steps.find((p) => p.item === s.item)?.itemName ??
          kb.items.find((i) => i.code === s.item)?.name ?? { zh: s.item, en: s.item },
        ...(s.note ? { note: s.note } : {}),
        ...(progress ? { state: progress.steps.find((p) => p.item === s.item)!.state } : {}),
      }));
      const nextCode = progress ? progress.next[0] : event.steps[0]?.item;
      const nextStep = steps.find((s) => s.item === nextCode);
      const checklist = nextCode ? checklistFor(nextCode) : undefined;
      return done({
        kind: "event",
        event,
        steps,
        progress: !!progress,
        ...(nextStep
          ? {
              next: {
                code: nextStep.item,
                name: nextStep.name,
                ...(checklist ? { checklist } : {}),
                halls: await hallsFor(nextStep.item),
              },
            }
          : {}),
      });
    }
    case "hall": {
      const c = await card(link.target);
      return c ? done({ kind: "hall", card: c }) : missing;
    }
    case "application": {
      const app = await d.applications.get(link.target).catch(() => undefined);
      // A link only ever shows its own citizen's application.
      if (!app || !link.citizenId || app.citizenId !== link.citizenId) return missing;
      const checklist = app.status === "returned" ? checklistFor(app.itemCode) : undefined;
      const c = await card(app.hallCode, app.itemCode);
      return done({ kind: "application", app, ...(c ? { card: c } : {}), ...(checklist ? { checklist } : {}) });
    }
    case "appointment": {
      const appt = d.appointments ? await d.appointments.get(link.target) : undefined;
      if (!appt || !link.citizenId || appt.citizenId !== link.citizenId) return missing;
      const canChange = appt.status === "booked" && appt.upcoming;
      const slots =
        canChange && d.appointments
          ? (await d.appointments.suggestSlots({ item: appt.item, hall: appt.hall, limit: 6, days: 14 })).filter(
              (s) => !(s.date === appt.date && s.start === appt.time),
            )
          : [];
      const c = await card(appt.hall, appt.item);
      const checklist = checklistFor(appt.item);
      return done({
        kind: "appointment",
        appt,
        slots,
        canChange,
        ...(c ? { card: c } : {}),
        ...(checklist ? { checklist } : {}),
      });
    }
  }
};
