import type { Clock } from "../clock.js";
import { AppError } from "../errors.js";
import type { CurrentKb } from "../kb/kb-service.js";
import { mapReportedStatus, applyReport, KNOWN_PROVIDER_STATUSES } from "../../domain/notifications/status.js";
import type { Locale, TemplateVars } from "../../domain/notifications/render.js";
import { deliverRound, type RoundResult } from "./deliver.js";
import type {
  Channel,
  DeliveryJobs,
  MessageProvider,
  OutboxFilter,
  OutboxRow,
  OutboxStore,
  RecipientDirectory,
} from "./ports.js";
import { prepareNotification } from "./prepare-notification.js";

/**
 * The notification service other areas call: send a KB template to a citizen or a number with an
 * idempotency key, and everything else about the outbox (delivery rounds, receipts, opt-outs).
 */

export interface SendRequest {
  templateId: string;
  /** a citizen (their primary number and language) and/or an explicit number */
  to: { citizenId?: string; phone?: string };
  variables: TemplateVars;
  /** the same key never sends twice, e.g. `call:<id>:checklist:passport.apply` */
  idempotencyKey: string;
  locale?: Locale;
}

export interface Enqueued {
  id: string;
  channel: Channel;
  status: OutboxRow["status"];
  /** true when the key had been used before: nothing new was queued */
  duplicate: boolean;
  nextAttemptAt: Date;
  segments: number;
  kbVersion: number;
}

export interface NotifierDeps {
  kb: { current(): Promise<CurrentKb> };
  clock: Clock;
  tz: string;
  outbox: OutboxStore;
  providers: { sms: MessageProvider; voice: MessageProvider };
  jobs: DeliveryJobs;
  recipients: RecipientDirectory;
  random: () => number;
  normalisePhone: (raw: string) => string | undefined;
}

export interface ResolvedRecipient {
  phone: string;
  citizenId: string | null;
  locale: Locale;
}

const KEY = /^[\w.:@/+-]{1,200}$/;

export interface BulkItem {
  templateId: string;
  phone: string;
  citizenId?: string | null;
  locale?: Locale;
  variables: TemplateVars;
  idempotencyKey: string;
}

export const toEnqueued = (row: OutboxRow, duplicate: boolean): Enqueued => ({
  id: row.id,
  channel: row.channel,
  status: row.status,
  duplicate,
  nextAttemptAt: row.nextAttemptAt,
  segments: row.segments,
  kbVersion: row.kbVersion,
});

export const createNotifier = (deps: NotifierDeps) => {
  const providers = { ...deps.providers };
  const delaySeconds = (at: Date) => Math.max(0, (at.getTime() - deps.clock.now().getTime()) / 1000);

  const resolve = async (to: SendRequest["to"], locale?: Locale): Promise<ResolvedRecipient> => {
    const citizen = to.citizenId ? await deps.recipients.byCitizen(to.citizenId) : undefined;
    if (to.citizenId && !citizen) throw new AppError("not-found", "No such citizen.");
    const raw = to.phone ?? citizen?.phone;
    if (!raw) throw new AppError("unprocessable", "The citizen has no phone number on file.");
    const phone = deps.normalisePhone(raw);
    if (!phone) throw new AppError("bad-request", "Not a phone number we can send to.");
    const known = citizen ?? (await deps.recipients.byPhone(phone));
    return { phone, citizenId: known?.citizenId ?? null, locale: locale ?? known?.locale ?? "zh" };
  };

  const service = {
    resolve,

    /**
     * Writes the notification through `store` (a transaction's store when the cause is being
     * saved in the same transaction); the caller wakes delivery after commit with `wake`.
     */
    async enqueueWith(store: OutboxStore, req: SendRequest, who: ResolvedRecipient, kb: CurrentKb): Promise<Enqueued> {
      if (!KEY.test(req.idempotencyKey))
        throw new AppError(
          "bad-request",
          "idempotencyKey must be 1–200 characters of letters, digits and . : _ - @ / +",
        );
      const optedOut = (await store.optedOut([who.phone], channelOf(kb, req.templateId))).size > 0;
      const n = prepareNotification({
        templateId: req.templateId,
        phone: who.phone,
        citizenId: who.citizenId,
        locale: who.locale,
        variables: req.variables,
        idempotencyKey: req.idempotencyKey,
        kb: kb.kb,
        kbVersion: kb.version,
        now: deps.clock.now(),
        tz: deps.tz,
        optedOut,
      });
      const { row, created } = await store.insert(n);
      return toEnqueued(row, !created);
    },

    /** Schedules delivery of freshly queued notifications (after their transaction committed). */
    async wake(items: Enqueued[]): Promise<void> {
      for (const e of items)
        if (!e.duplicate && (e.status === "queued" || e.status === "deferred"))
          await deps.jobs.wake([e.id], delaySeconds(e.nextAttemptAt));
    },

    /** Send a KB template now (or at 08:00 when it is quiet), at most once per idempotency key. */
    async send(req: SendRequest): Promise<Enqueued> {
      const kb = await deps.kb.current();
      const who = await resolve(req.to, req.locale);
      const e = await service.enqueueWith(deps.outbox, req, who, kb);
      await service.wake([e]);
      return e;
    },

    /**
     * Many messages at once (reminders, a policy change to everyone affected): one KB read, one
     * opt-out query and one set-based insert per chunk, and one wake-up job per 100 messages.
     * Every number is checked before anything is written.
     */
    async sendBulk(
      items: BulkItem[],
      chunk = 1000,
    ): Promise<{ created: number; duplicates: number; suppressed: number }> {
      const kb = await deps.kb.current();
      const phones = items.map((i) => deps.normalisePhone(i.phone));
      const bad = phones.findIndex((p) => !p);
      if (bad >= 0)
        throw new AppError("bad-request", `Item ${bad} has no phone number we can send to; nothing was queued.`);
      const out = { created: 0, duplicates: 0, suppressed: 0 };
      for (let i = 0; i < items.length; i += chunk) {
        const part = items.slice(i, i + chunk);
        const channel = channelOf(kb, part[0]!.templateId);
        const optedOut = await deps.outbox.optedOut(phones.slice(i, i + chunk) as string[], channel);
        const now = deps.clock.now();
        const rows = part.map((it, k) => {
          if (!KEY.test(it.idempotencyKey))
            throw new AppError("bad-request", `Item ${i + k} has an invalid idempotencyKey; nothing more was queued.`);
          return prepareNotification({
            templateId: it.templateId,
            phone: phones[i + k]!,
            citizenId: it.citizenId ?? null,
            locale: it.locale ?? "zh",
            variables: it.variables,
            idempotencyKey: it.idempotencyKey,
            kb: kb.kb,
            kbVersion: kb.version,
            now,
            tz: deps.tz,
            optedOut: optedOut.has(phones[i + k]!),
          });
        });
        const created = await deps.outbox.insertMany(rows);
        const due = new Map(created.map((c) => [c.id, c.nextAttemptAt]));
        out.created += created.length;
        out.duplicates += part.length - created.length;
        out.suppressed += created.filter((c) => c.status === "suppressed").length;
        // one job per 100 messages due at the same time (a chunk is written at one instant)
        const toWake = created.filter((c) => c.status !== "suppressed").map((c) => c.id);
        for (let w = 0; w < toWake.length; w += 100) {
          const ids = toWake.slice(w, w + 100);
          await deps.jobs.wake(ids, delaySeconds(due.get(ids[0]!)!));
        }
      }
      return out;
    },

    /** The one-time code for identity verification: urgent, so night and opt-out do not hold it. */
    sendVerificationCode(input: {
      phone: string;
      code: string;
      minutes: number;
      idempotencyKey: string;
      citizenId?: string;
      locale?: Locale;
    }) {
      return service.send({
        templateId: "sms.verification-code",
        to: { phone: input.phone, ...(input.citizenId ? { citizenId: input.citizenId } : {}) },
        variables: { code: input.code, minutes: input.minutes },
        idempotencyKey: input.idempotencyKey,
        ...(input.locale ? { locale: input.locale } : {}),
      });
    },

    /** One delivery round over due notifications (optionally only these ids). */
    async deliver(opts: { ids?: string[]; limit?: number } = {}): Promise<RoundResult> {
      const r = await deliverRound(
        { outbox: deps.outbox, providers, tz: deps.tz, now: () => deps.clock.now(), random: deps.random },
        { ...(opts.ids ? { ids: opts.ids } : {}), limit: opts.limit ?? 500 },
      );
      const later = r.outcomes.filter((o) => (o.status === "retrying" || o.status === "deferred") && o.nextAttemptAt);
      for (const o of later) await deps.jobs.wake([o.id], delaySeconds(o.nextAttemptAt!));
      return r;
    },

    /** Delivers everything due now, round after round; returns how many were attempted. */
    async drain(limitPerRound = 500): Promise<number> {
      await deps.outbox.releaseStuck(new Date(deps.clock.now().getTime() - 5 * 60_000), deps.clock.now());
      let total = 0;
      for (;;) {
        const r = await service.deliver({ limit: limitPerRound });
        total += r.claimed;
        if (r.claimed < limitPerRound) return total;
      }
    },

    /** A provider's delivery report, mapped to our status; never moves a message backwards. */
    async recordDeliveryReport(input: { providerMessageId: string; status: string; errorCode?: string }) {
      const reported = mapReportedStatus(input.status);
      if (!reported)
        throw new AppError("unprocessable", `Unknown delivery status "${input.status}".`, {
          known: KNOWN_PROVIDER_STATUSES,
        });
      const row = await deps.outbox.findByProviderMessage(input.providerMessageId);
      if (!row) throw new AppError("not-found", `No message with provider id "${input.providerMessageId}".`);
      const next = applyReport(row.status, reported);
      await deps.outbox.recordReceipt({
        notificationId: row.id,
        providerStatus: input.status,
        newStatus: next ?? null,
        ...(input.errorCode ? { errorCode: input.errorCode } : {}),
        at: deps.clock.now(),
      });
      return { id: row.id, status: next ?? row.status, changed: next !== undefined };
    },

    /** Several reports at once: all are checked before any is recorded. */
    async recordDeliveryReports(reports: { messageId: string; status: string; errorCode?: string }[]) {
      const unknown = reports.filter((r) => !mapReportedStatus(r.status)).map((r) => r.status);
      if (unknown.length)
        throw new AppError("unprocessable", `Unknown delivery status "${unknown[0]}"; nothing was recorded.`, {
          known: KNOWN_PROVIDER_STATUSES,
        });
      for (const r of reports)
        if (!(await deps.outbox.findByProviderMessage(r.messageId)))
          throw new AppError("not-found", `No message with provider id "${r.messageId}"; nothing was recorded.`);
      const out = [];
      for (const r of reports)
        out.push(
          await service.recordDeliveryReport({
            providerMessageId: r.messageId,
            status: r.status,
            ...(r.errorCode ? { errorCode: r.errorCode } : {}),
          }),
        );
      return out;
    },

    async optOut(phoneRaw: string, channel: Channel | "all", source: string) {
      const phone = deps.normalisePhone(phoneRaw);
      if (!phone) throw new AppError("bad-request", "Not a phone number.");
      await deps.outbox.optOut(phone, channel, source, deps.clock.now());
      return { phone, channel };
    },

    async optIn(phoneRaw: string, channel: Channel | "all") {
      const phone = deps.normalisePhone(phoneRaw);
      if (!phone) throw new AppError("bad-request", "Not a phone number.");
      return { removed: await deps.outbox.optIn(phone, channel) };
    },

    /** The outbox, newest first; `phone` is normalised first so any spelling finds the number. */
    listOutbox(f: OutboxFilter) {
      if (f.phone) {
        const phone = deps.normalisePhone(f.phone);
        if (!phone) throw new AppError("bad-request", "phone is not a phone number.");
        return deps.outbox.list({ ...f, phone });
      }
      return deps.outbox.list(f);
    },

    /** The voice area plugs its dialer in here; until then call requests stay in the outbox. */
    useVoiceDialer(dialer: MessageProvider) {
      providers.voice = dialer;
    },
  };
  return service;
};

const channelOf = (kb: CurrentKb, templateId: string): Channel =>
  kb.kb.templates.find((t) => t.id === templateId)?.channel ?? "sms";

export type Notifier = ReturnType<typeof createNotifier>;
