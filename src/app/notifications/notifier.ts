import { AppError } from "../errors.js";
import type { CurrentKb } from "../kb/kb-service.js";
import type { Locale } from "../../domain/notifications/render.js";
import { deliverRound, type RoundResult } from "./deliver.js";
import { recordDeliveryReport, recordDeliveryReports } from "./delivery-reports.js";
import type { Channel, MessageProvider, OutboxFilter, OutboxStore } from "./ports.js";
import { prepareNotification } from "./prepare-notification.js";
import {
  channelOf,
  delayFrom,
  KEY,
  toEnqueued,
  type BulkItem,
  type Enqueued,
  type NotifierDeps,
  type ResolvedRecipient,
  type SendRequest,
} from "./requests.js";
import { sendBulk } from "./send-bulk.js";

export type { BulkItem, Enqueued, NotifierDeps, ResolvedRecipient, SendRequest } from "./requests.js";

/**
 * The notification service other areas call: send a KB template to a citizen or a number with an
 * idempotency key, and everything else about the outbox (delivery rounds, receipts, opt-outs).
 */

export const createNotifier = (deps: NotifierDeps) => {
  const providers = { ...deps.providers };
  const delaySeconds = delayFrom(deps.clock);

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
     * Many messages at once (reminders, a policy change to everyone affected); see send-bulk.ts.
     */
    sendBulk(items: BulkItem[], chunk = 1000) {
      return sendBulk(deps, items, chunk);
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
    recordDeliveryReport(input: { providerMessageId: string; status: string; errorCode?: string }) {
      return recordDeliveryReport(deps, input);
    },

    /** Several reports at once: all are checked before any is recorded. */
    recordDeliveryReports(reports: { messageId: string; status: string; errorCode?: string }[]) {
      return recordDeliveryReports(deps, reports);
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

export type Notifier = ReturnType<typeof createNotifier>;
