import { noticesForStatus, type NotifyChannel } from "../../domain/applications/notify-rules.js";
import {
  decideTransition,
  parseStatus,
  STATUS_LABEL,
  type ApplicationStatus,
} from "../../domain/applications/states.js";
import type { Clock } from "../clock.js";
import { AppError } from "../errors.js";
import type { CurrentKb } from "../kb/kb-service.js";
import type { Links } from "../links/links.js";
import type { Notifier, Enqueued } from "../notifications/notifier.js";
import type { RecipientDirectory } from "../notifications/ports.js";
import type { CatalogueNames } from "./describe.js";
import { checkCodes, decisionError, hashOf, refuse, replayError } from "./ingest-rules.js";
import { variablesFor } from "./notice-variables.js";
import type { ApplicantLookup, ApplicationRow, ApplicationStore, ApplicationUnitOfWork } from "./ports.js";

/**
 * A department system reports a status change. Everything is checked before anything is written;
 * the application, its event, the domain event, the short link and the outbox rows are then
 * written in one transaction, so a refused or failed event leaves no trace, and the same event id
 * never applies (or notifies) twice.
 */

export interface ApplicationEventInput {
  eventId: string;
  occurredAt: Date;
  applicationRef: string;
  status: string;
  itemCode?: string;
  reason?: string;
  hallCode?: string;
  citizen?: { id?: string; idNumber?: string; phone?: string };
  subjectCitizenId?: string;
  notify?: NotifyChannel[];
  lifeEvent?: { code: string; caseRef: string };
  /** history being loaded (the demo seed): apply without notifying */
  silent?: boolean;
}

export interface IngestDeps {
  uow: ApplicationUnitOfWork;
  store: ApplicationStore;
  kb: { current(): Promise<CurrentKb> };
  clock: Clock;
  tz: string;
  applicants: ApplicantLookup;
  recipients: RecipientDirectory;
  notifier: Pick<Notifier, "enqueueWith" | "wake" | "resolve">;
  links: Pick<Links, "createWith">;
  /** people waiting in the hall now (for the certificate-ready message) */
  hallWaiting: (hallCode: string) => Promise<number>;
  names: CatalogueNames;
}

export interface IngestResult {
  applicationId: string;
  from: ApplicationStatus | null;
  status: ApplicationStatus;
  notifications: Pick<Enqueued, "id" | "channel" | "status">[];
  skippedNotices: { template: string; reason: string }[];
}

const resolveApplicant = async (d: IngestDeps, c: NonNullable<ApplicationEventInput["citizen"]>) => {
  if (c.id) return (await d.applicants.exists(c.id)) ? c.id : undefined;
  if (c.idNumber) return d.applicants.byIdNumber(c.idNumber);
  if (c.phone) return d.applicants.byPhone(c.phone);
  return undefined;
};

export const ingestApplicationEvent = async (
  d: IngestDeps,
  source: string,
  e: ApplicationEventInput,
): Promise<IngestResult> => {
  const to = parseStatus(e.status);
  if (!to)
    throw new AppError("bad-request", `Unknown status "${e.status}".`, {
      allowed: Object.entries(STATUS_LABEL).map(([k, v]) => `${k} (${v.zh})`),
    });
  const hash = hashOf(source, e);
  const seen = await d.store.findEvent(source, e.eventId);
  if (seen) throw replayError(seen.payloadHash === hash, e.eventId, seen.applicationId);

  const kb = await d.kb.current();
  const now = d.clock.now();
  if (e.occurredAt.getTime() > now.getTime() + 5 * 60_000) throw refuse("occurredAt is in the future.");
  const existing = await d.store.findByRef(source, e.applicationRef);
  const itemCode = existing?.itemCode ?? e.itemCode;
  if (!itemCode) throw refuse("A new application needs itemCode.");
  if (existing && e.itemCode && e.itemCode !== existing.itemCode)
    throw refuse(`Application ${e.applicationRef} is for ${existing.itemCode}, not ${e.itemCode}.`);
  checkCodes(kb.kb, d.names, e, itemCode);

  let citizenId = existing?.citizenId;
  if (!existing) {
    if (!e.citizen) throw refuse("A new application needs citizen (id, idNumber or phone).");
    citizenId = await resolveApplicant(d, e.citizen);
    if (!citizenId) throw refuse("No citizen matches the given citizen details.");
  }
  if (e.subjectCitizenId && !(await d.applicants.exists(e.subjectCitizenId)))
    throw refuse("subjectCitizenId is not a known citizen.");

  // A decision on the current state now gives the reason early; it is taken again under lock.
  const early = decideTransition(existing, { to, reason: e.reason, occurredAt: e.occurredAt });
  if (!early.ok) throw decisionError(early);
  const hallCode = e.hallCode ?? existing?.hallCode ?? null;
  if (to === "ready" && !hallCode) throw refuse("A document ready for pickup needs hallCode (where to collect it).");

  const channels = e.notify ?? existing?.notifyChannels ?? ["sms"];
  const notices = e.silent ? [] : noticesForStatus(to, channels);
  const recipient = notices.length ? await d.recipients.byCitizen(citizenId!) : undefined;
  const who = recipient?.phone ? await d.notifier.resolve({ citizenId: citizenId! }) : undefined;
  const waiting = hallCode && notices.length ? await d.hallWaiting(hallCode) : 0;

  const outcome = await d.uow(async (s) => {
    const current = await s.applications.findByRef(source, e.applicationRef, true);
    const decision = decideTransition(current, { to, reason: e.reason, occurredAt: e.occurredAt });
    if (!decision.ok) throw decisionError(decision);
    let caseId = current?.lifeEventCaseId ?? null;
    if (e.lifeEvent && !caseId)
      caseId = (
        await s.applications.upsertCase(
          {
            citizenId: citizenId!,
            subjectCitizenId: e.subjectCitizenId ?? null,
            eventCode: e.lifeEvent.code,
            sourceSystem: source,
            externalRef: e.lifeEvent.caseRef,
          },
          now,
        )
      ).id;
    const app: ApplicationRow = current
      ? await s.applications.updateStatus(current.id, {
          status: to,
          reason: decision.reason,
          at: e.occurredAt,
          hallCode,
        })
      : await s.applications.insert(
          {
            citizenId: citizenId!,
            subjectCitizenId: e.subjectCitizenId ?? null,
            itemCode,
            hallCode,
            sourceSystem: source,
            externalRef: e.applicationRef,
            status: to,
            reason: decision.reason,
            notifyChannels: channels,
            lifeEventCaseId: caseId,
            statusChangedAt: e.occurredAt,
          },
          now,
        );
    const fresh = await s.applications.insertEvent({
      sourceSystem: source,
      eventId: e.eventId,
      applicationId: app.id,
      fromStatus: decision.from,
      toStatus: to,
      reason: decision.reason,
      occurredAt: e.occurredAt,
      receivedAt: now,
      payloadHash: hash,
      kbVersion: kb.version,
    });
    if (!fresh) throw replayError(true, e.eventId, app.id);
    await s.applications.appendDomainEvent({
      aggregate: "application",
      aggregateId: app.id,
      type: `application.${to}`,
      actor: source,
      kbVersion: kb.version,
      at: now,
      payload: { from: decision.from, to, reason: decision.reason, eventId: e.eventId, itemCode },
    });

    const enqueued: Enqueued[] = [];
    const skipped: IngestResult["skippedNotices"] = [];
    for (const n of notices) {
      if (!who || !recipient) {
        skipped.push({ template: n.template, reason: "the citizen has no phone number on file" });
        continue;
      }
      const link =
        n.channel === "sms"
          ? await d.links.createWith(s.links, "application", app.id, app.citizenId, { locale: who.locale })
          : undefined;
      enqueued.push(
        await d.notifier.enqueueWith(
          s.outbox,
          {
            templateId: n.template,
            to: { citizenId: app.citizenId },
            variables: variablesFor(n, kb.kb, d.names, app, who.locale, {
              name: recipient.name,
              waiting,
              link: link?.url,
              reason: decision.reason,
            }),
            idempotencyKey: `application-event:${source}:${e.eventId}:${n.channel}`,
          },
          who,
          kb,
        ),
      );
    }
    return { app, from: decision.from, enqueued, skipped };
  });
  await d.notifier.wake(outcome.enqueued);
  return {
    applicationId: outcome.app.id,
    from: outcome.from,
    status: to,
    notifications: outcome.enqueued.map((x) => ({ id: x.id, channel: x.channel, status: x.status })),
    skippedNotices: outcome.skipped,
  };
};
