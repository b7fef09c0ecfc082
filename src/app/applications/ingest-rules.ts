import { createHash } from "node:crypto";
import type { KnowledgeBase } from "../../domain/kb/schema.js";
import { AppError } from "../errors.js";
import { isKnownItem, type CatalogueNames } from "./describe.js";
import type { ApplicationEventInput } from "./ingest-application-event.js";

/** The checks and refusals of application-event ingestion, each with the reason a department system is told. */

export const hashOf = (source: string, e: ApplicationEventInput) =>
  createHash("sha256")
    .update(
      JSON.stringify([
        source,
        e.eventId,
        e.occurredAt.toISOString(),
        e.applicationRef,
        e.status,
        e.itemCode ?? null,
        e.reason ?? null,
        e.hallCode ?? null,
        e.citizen ?? null,
        e.subjectCitizenId ?? null,
        e.notify ?? null,
        e.lifeEvent ?? null,
      ]),
    )
    .digest("hex");

export const refuse = (message: string, details?: unknown) => new AppError("unprocessable", message, details);

export const replayError = (hashMatches: boolean, eventId: string, applicationId: string) =>
  new AppError(
    "conflict",
    hashMatches
      ? `Event "${eventId}" was already applied; nothing changed and nothing was sent again.`
      : `Event id "${eventId}" was already used for a different change; use a new event id.`,
    { duplicate: true, applicationId },
  );

export const checkCodes = (kb: KnowledgeBase, names: CatalogueNames, e: ApplicationEventInput, itemCode: string) => {
  if (!isKnownItem(kb, names, itemCode)) throw refuse(`Unknown service item "${itemCode}".`);
  if (e.hallCode) {
    const hall = kb.halls.find((h) => h.code === e.hallCode);
    if (!hall) throw refuse(`Unknown hall "${e.hallCode}".`);
    if (!hall.items.includes(itemCode)) throw refuse(`${e.hallCode} does not hand out "${itemCode}".`);
  }
  if (e.lifeEvent) {
    const ev = kb.events.find((x) => x.code === e.lifeEvent!.code);
    if (!ev) throw refuse(`Unknown life event "${e.lifeEvent.code}".`);
    if (!ev.steps.some((s) => s.item === itemCode)) throw refuse(`"${itemCode}" is not a step of ${ev.code}.`);
  }
};

export const decisionError = (r: { code: string; message: string }) =>
  new AppError(r.code === "reason-required" ? "unprocessable" : "conflict", r.message, { rule: r.code });
