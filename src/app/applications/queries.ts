import { lifeEventProgress, type LifeEventProgress } from "../../domain/applications/life-event-progress.js";
import { STATUS_LABEL, isOpen } from "../../domain/applications/states.js";
import type { KnowledgeBase, LocalText } from "../../domain/kb/schema.js";
import { AppError } from "../errors.js";
import type { CurrentKb } from "../kb/kb-service.js";
import { itemName, type CatalogueNames } from "./describe.js";
import type { ApplicationRow, ApplicationStore } from "./ports.js";

/** What a citizen has applied for and where their life events stand: for the dialogue, pages and agents. */

export interface ApplicationView {
  id: string;
  itemCode: string;
  itemName: LocalText;
  status: ApplicationRow["status"];
  statusLabel: LocalText;
  reason: string | null;
  hallCode: string | null;
  hallName: LocalText | null;
  open: boolean;
  statusChangedAt: string;
  lifeEventCaseId: string | null;
  /** true when the citizen is the one it is about, false when they applied for someone (a child) */
  forSelf: boolean;
}

export interface LifeEventView extends LifeEventProgress {
  caseId: string | null;
  name: LocalText;
  subjectCitizenId: string | null;
  steps: (LifeEventProgress["steps"][number] & { itemName: LocalText })[];
}

export const toView = (
  kb: KnowledgeBase,
  names: CatalogueNames,
  a: ApplicationRow,
  citizenId?: string,
): ApplicationView => {
  const hall = kb.halls.find((h) => h.code === a.hallCode);
  return {
    id: a.id,
    itemCode: a.itemCode,
    itemName: itemName(kb, names, a.itemCode),
    status: a.status,
    statusLabel: STATUS_LABEL[a.status],
    reason: a.reason,
    hallCode: a.hallCode,
    hallName: hall?.name ?? null,
    open: isOpen(a.status),
    statusChangedAt: a.statusChangedAt.toISOString(),
    lifeEventCaseId: a.lifeEventCaseId,
    forSelf:
      citizenId === undefined
        ? a.subjectCitizenId === null
        : a.subjectCitizenId === null || a.subjectCitizenId === citizenId,
  };
};

export const createApplicationQueries = (d: {
  store: ApplicationStore;
  kb: { current(): Promise<CurrentKb> };
  names: CatalogueNames;
}) => {
  const progressOf = (
    kb: KnowledgeBase,
    eventCode: string,
    apps: ApplicationRow[],
    caseId: string | null,
    subject: string | null,
  ): LifeEventView | undefined => {
    const event = kb.events.find((e) => e.code === eventCode);
    if (!event) return undefined;
    const p = lifeEventProgress(
      event,
      apps.map((a) => ({ id: a.id, itemCode: a.itemCode, status: a.status, statusChangedAt: a.statusChangedAt })),
    );
    return {
      ...p,
      caseId,
      name: event.name,
      subjectCitizenId: subject,
      steps: p.steps.map((s) => ({ ...s, itemName: itemName(kb, d.names, s.item) })),
    };
  };

  const q = {
    async get(id: string) {
      const a = await d.store.get(id);
      if (!a) throw new AppError("not-found", "No such application.");
      const { kb } = await d.kb.current();
      return { ...toView(kb, d.names, a), citizenId: a.citizenId, history: await d.store.history(id) };
    },

    /** The citizen's applications, open ones first, newest first. */
    async listForCitizen(citizenId: string): Promise<ApplicationView[]> {
      const { kb } = await d.kb.current();
      const apps = await d.store.listForCitizen(citizenId);
      return apps.map((a) => toView(kb, d.names, a, citizenId)).sort((x, y) => Number(y.open) - Number(x.open));
    },

    /** Each life event the citizen is going through: what is done and what comes next. */
    async lifeEvents(citizenId: string): Promise<LifeEventView[]> {
      const { kb } = await d.kb.current();
      const [cases, apps] = await Promise.all([d.store.casesForCitizen(citizenId), d.store.listForCitizen(citizenId)]);
      return cases.flatMap(
        (c) =>
          progressOf(
            kb,
            c.eventCode,
            apps.filter((a) => a.lifeEventCaseId === c.id),
            c.id,
            c.subjectCitizenId,
          ) ?? [],
      );
    },

    /**
     * Progress of one life event: the citizen's case for it if there is one, else whatever they
     * applied for among its items (someone asking "what's next after the birth certificate?").
     */
    async lifeEvent(citizenId: string, eventCode: string): Promise<LifeEventView> {
      const { kb } = await d.kb.current();
      const cases = (await d.store.casesForCitizen(citizenId)).filter((c) => c.eventCode === eventCode);
      const apps = await d.store.listForCitizen(citizenId);
      const c = cases[0];
      const mine = c ? apps.filter((a) => a.lifeEventCaseId === c.id) : apps;
      const view = progressOf(kb, eventCode, mine, c?.id ?? null, c?.subjectCitizenId ?? null);
      if (!view) throw new AppError("not-found", `No life event "${eventCode}".`);
      return view;
    },
  };
  return q;
};

export type ApplicationQueries = ReturnType<typeof createApplicationQueries>;
