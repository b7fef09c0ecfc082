import type { KnowledgeBase } from "../../domain/kb/schema.js";
import { cityDate } from "../../domain/time/city-time.js";
import { estimateWaitMinutes } from "../../domain/queues/estimate.js";
import { openState } from "../../domain/queues/hall-hours.js";
import { AppError } from "../errors.js";
import type { QueueStore } from "./ports.js";

/** The live queue of a hall: waiting tickets and estimated wait per item and in total. */

export interface ItemQueue {
  itemCode: string;
  name: { zh: string; en: string };
  waiting: number;
  estimatedWaitMinutes: number;
}

export interface HallQueue {
  hallCode: string;
  name: { zh: string; en: string };
  asOf: string;
  serviceDate: string;
  open: boolean;
  waiting: number;
  estimatedWaitMinutes: number;
  items: ItemQueue[];
}

export const hallQueue = async (
  d: { store: QueueStore; tz: string },
  kb: KnowledgeBase,
  hallCode: string,
  now: Date,
): Promise<HallQueue> => {
  const hall = kb.halls.find((h) => h.code === hallCode);
  if (!hall) throw new AppError("not-found", `No hall "${hallCode}".`);
  const date = cityDate(now, d.tz);
  const figures = await d.store.figures(hallCode, date, new Date(now.getTime() - 30 * 60_000));
  const byItem = new Map(figures.map((f) => [f.itemCode, f]));
  const items = hall.items.map((code): ItemQueue => {
    const f = byItem.get(code);
    const item = kb.items.find((i) => i.code === code);
    return {
      itemCode: code,
      name: item?.name ?? { zh: code, en: code },
      waiting: f?.waiting ?? 0,
      estimatedWaitMinutes: f ? estimateWaitMinutes(f) : 0,
    };
  });
  const all = figures.flatMap((f) => f.recentServiceMinutes);
  const waiting = items.reduce((n, i) => n + i.waiting, 0);
  // All windows together serve the whole queue; counters seen calling any item count once each.
  const counters = Math.max(
    1,
    figures.reduce((n, f) => n + f.activeCounters, 0),
  );
  return {
    hallCode,
    name: hall.name,
    asOf: now.toISOString(),
    serviceDate: date,
    open: openState(hall, now, d.tz, kb.calendar).open,
    waiting,
    estimatedWaitMinutes: estimateWaitMinutes({ waiting, recentServiceMinutes: all, activeCounters: counters }),
    items,
  };
};
