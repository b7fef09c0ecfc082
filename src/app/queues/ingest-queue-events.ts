import type { KnowledgeBase } from "../../domain/kb/schema.js";
import { cityDate } from "../../domain/time/city-time.js";
import { decideTicket, type QueueEventType } from "../../domain/queues/tickets.js";
import { AppError } from "../errors.js";
import type { QueueStore } from "./ports.js";

/**
 * Applies a batch of ticketing-machine events for one hall, all or nothing: one bad event (an
 * impossible move, an item the hall does not serve) rejects the batch with its index and reason.
 * Events already applied (a machine re-sending its buffer) are skipped and reported; a batch made
 * only of those is refused as a replay.
 */

export interface QueueEventInput {
  eventId: string;
  type: QueueEventType;
  ticket: string;
  itemCode?: string;
  at: Date;
  counter?: string;
}

export interface QueueIngestDeps {
  tx: <T>(fn: (store: QueueStore) => Promise<T>) => Promise<T>;
  store: QueueStore;
  tz: string;
  now: () => Date;
}

const MAX_CLOCK_SKEW_MS = 5 * 60_000;

export const ingestQueueEvents = async (
  d: QueueIngestDeps,
  kb: KnowledgeBase,
  source: string,
  hallCode: string,
  events: QueueEventInput[],
) => {
  const hall = kb.halls.find((h) => h.code === hallCode);
  if (!hall) throw new AppError("not-found", `No hall "${hallCode}".`);
  const now = d.now();
  const problems: { index: number; eventId: string; message: string }[] = [];
  events.forEach((e, index) => {
    if (e.itemCode !== undefined && !hall.items.includes(e.itemCode))
      problems.push({ index, eventId: e.eventId, message: `${hallCode} does not serve "${e.itemCode}".` });
    if (e.type === "issued" && e.itemCode === undefined)
      problems.push({ index, eventId: e.eventId, message: "An issued ticket needs itemCode." });
    if (e.at.getTime() > now.getTime() + MAX_CLOCK_SKEW_MS)
      problems.push({ index, eventId: e.eventId, message: "The event time is in the future." });
  });
  const ids = events.map((e) => e.eventId);
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup)
    problems.push({ index: ids.lastIndexOf(dup), eventId: dup, message: "The same eventId twice in one batch." });
  if (problems.length)
    throw new AppError("unprocessable", "The batch was not applied: some events are not valid.", problems);

  const result = await d.tx(async (store) => {
    const applied: string[] = [];
    const duplicates: string[] = [];
    // in time order, so a batch written out of order by a buffering machine still applies
    const ordered = events.map((e, index) => ({ e, index })).sort((a, b) => a.e.at.getTime() - b.e.at.getTime());
    for (const { e, index } of ordered) {
      const fresh = await store.recordEvent({
        sourceSystem: source,
        eventId: e.eventId,
        hallCode,
        ticket: e.ticket,
        type: e.type,
        occurredAt: e.at,
        receivedAt: now,
      });
      if (!fresh) {
        duplicates.push(e.eventId);
        continue;
      }
      const date = cityDate(e.at, d.tz);
      const current = await store.lockTicket(hallCode, date, e.ticket);
      const decision = decideTicket(current?.status, e.type);
      if (!decision.ok)
        throw new AppError("unprocessable", "The batch was not applied: some events are not valid.", [
          { index, eventId: e.eventId, message: `Ticket ${e.ticket}: ${decision.message}` },
        ]);
      if (current && e.itemCode && e.itemCode !== current.itemCode)
        throw new AppError("unprocessable", "The batch was not applied: some events are not valid.", [
          { index, eventId: e.eventId, message: `Ticket ${e.ticket} is for ${current.itemCode}, not ${e.itemCode}.` },
        ]);
      await store.saveTicket(
        {
          hallCode,
          serviceDate: date,
          ticket: e.ticket,
          itemCode: current?.itemCode ?? e.itemCode!,
          status: decision.status,
          counter: e.counter ?? current?.counter ?? null,
          issuedAt: current?.issuedAt ?? e.at,
          calledAt: e.type === "called" ? e.at : (current?.calledAt ?? null),
          servedAt: e.type === "served" ? e.at : null,
        },
        e.at,
        e.type,
      );
      applied.push(e.eventId);
    }
    return { applied, duplicates };
  });
  if (result.applied.length === 0)
    throw new AppError("conflict", "Every event in this batch was applied before; nothing changed.", {
      duplicates: result.duplicates,
    });
  return { hallCode, applied: result.applied.length, duplicates: result.duplicates };
};
