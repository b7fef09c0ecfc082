import { randomInt } from "node:crypto";
import type { AppContext } from "../compose.js";
import { loadCatalogue } from "../adapters/kb/load-kb-dir.js";
import { startJobs, type Jobs } from "../adapters/jobs/pg-boss.js";
import { createHttpSmsGateway } from "../adapters/sms/http-gateway.js";
import { createOutboxProvider, createVoiceRequestRecorder } from "../adapters/sms/outbox-provider.js";
import { createApplicationStore, createSqlRecipientDirectory } from "../adapters/storage/application-store.js";
import { createLinkStore, newLinkToken } from "../adapters/storage/link-store.js";
import { createOutboxStore } from "../adapters/storage/outbox-store.js";
import { createQueueStore } from "../adapters/storage/queue-store.js";
import { ingestApplicationEvent, type ApplicationEventInput } from "../app/applications/ingest-application-event.js";
import { createApplicationQueries } from "../app/applications/queries.js";
import type { ApplicantLookup } from "../app/applications/ports.js";
import { createLinks, type CreateLinkOptions } from "../app/links/links.js";
import type { LinkKind } from "../app/links/ports.js";
import { createNotifier } from "../app/notifications/notifier.js";
import type { DeliveryJobs, MessageProvider } from "../app/notifications/ports.js";
import { hallQueue } from "../app/queues/hall-queue.js";
import { ingestQueueEvents, type QueueEventInput } from "../app/queues/ingest-queue-events.js";
import { normalisePhone } from "../domain/identity/phone.js";
import { SMS_CODE_TTL_MINUTES } from "../domain/identity/verification.js";
import { applicationRoutes } from "../http/routes/applications.js";
import { citizenPageRoutes } from "../http/routes/citizen-pages.js";
import { notificationRoutes } from "../http/routes/notifications.js";
import { queueRoutes } from "../http/routes/queues.js";
import { seedJourney } from "../app/applications/seed-demo.js";

/**
 * The citizen's journey after the call: applications and life events, live hall queues, the
 * notification outbox with its pg-boss worker, and the short links to citizen pages.
 */

export const DELIVER_QUEUE = "notifications-deliver";

export type NotificationService = ReturnType<typeof buildJourney>["notifications"];
export type ApplicationService = ReturnType<typeof buildJourney>["applications"];
export type QueueService = ReturnType<typeof buildJourney>["queues"];
export type LinkService = ReturnType<typeof buildJourney>["links"];

declare module "../compose.js" {
  interface Services {
    notifications: NotificationService;
    applications: ApplicationService;
    queues: QueueService;
    links: LinkService;
  }
}

/** Builds the journey services over ctx's database; `jobs` wakes delivery (a no-op without a worker). */
export const buildJourney = (ctx: AppContext, jobs: DeliveryJobs) => {
  const { db, clock, config } = ctx;
  const tz = config.TZ_CITY;
  const catalogue = loadCatalogue();
  const names = (code: string) => {
    const c = catalogue.items.find((i) => i.code === code) ?? catalogue.events.find((e) => e.code === code);
    return c ? { zh: c.name_zh, en: c.name_en } : undefined;
  };
  const outbox = createOutboxStore(db);
  const recipients = createSqlRecipientDirectory(db);
  if (config.SMS_PROVIDER === "http" && !config.SMS_HTTP_URL)
    throw new Error("SMS_PROVIDER=http needs SMS_HTTP_URL (and usually SMS_HTTP_AUTH, SMS_HTTP_FORMAT=json|form)");
  const sms: MessageProvider =
    config.SMS_PROVIDER === "http" && config.SMS_HTTP_URL
      ? createHttpSmsGateway({
          url: config.SMS_HTTP_URL,
          format: config.SMS_HTTP_FORMAT,
          ...(config.SMS_HTTP_AUTH ? { auth: config.SMS_HTTP_AUTH } : {}),
        })
      : createOutboxProvider();
  const notifier = createNotifier({
    kb: ctx.kb,
    clock,
    tz,
    outbox,
    providers: { sms, voice: createVoiceRequestRecorder() },
    jobs,
    recipients,
    random: () => randomInt(0, 1_000_000) / 1_000_000,
    normalisePhone,
  });
  const links = createLinks({ store: createLinkStore(db), clock, newToken: newLinkToken, publicUrl: config.publicUrl });
  const queueStore = createQueueStore(db);

  const queues = {
    async snapshot(hallCode: string) {
      return hallQueue({ store: queueStore, tz }, (await ctx.kb.current()).kb, hallCode, clock.now());
    },
    async ingest(source: string, hallCode: string, events: QueueEventInput[]) {
      const { kb } = await ctx.kb.current();
      return ingestQueueEvents(
        { tx: (fn) => db.tx((q) => fn(createQueueStore(q))), store: queueStore, tz, now: () => clock.now() },
        kb,
        source,
        hallCode,
        events,
      );
    },
  };

  // Department systems name citizens by id, phone or ID number (resolved by the identity area).
  const applicants: ApplicantLookup = {
    exists: async (id) => (await recipients.byCitizen(id)) !== undefined,
    byPhone: async (raw) => {
      const phone = normalisePhone(raw);
      return phone ? (await recipients.byPhone(phone))?.citizenId : undefined;
    },
    // looked up at call time: the identity area owns the keyed hash of ID numbers
    byIdNumber: (idNumber) => ctx.services.identity.findIdByIdNumber(idNumber),
  };
  const appStore = createApplicationStore(db);
  const queries = createApplicationQueries({ store: appStore, kb: ctx.kb, names });
  const applications = {
    ...queries,
    ingest(source: string, input: ApplicationEventInput) {
      return ingestApplicationEvent(
        {
          uow: (fn) =>
            db.tx((q) =>
              fn({ applications: createApplicationStore(q), outbox: createOutboxStore(q), links: createLinkStore(q) }),
            ),
          store: appStore,
          kb: ctx.kb,
          clock,
          tz,
          applicants,
          recipients,
          notifier,
          links,
          hallWaiting: async (hall) => (await queues.snapshot(hall)).waiting,
          names,
        },
        source,
        input,
      );
    },
  };

  const notifications = {
    ...notifier,
    /** A short link (/s/<token>) to a citizen page: item or event checklist, hall, appointment, application. */
    createLink: (kind: LinkKind, target: string, citizenId?: string | null, opts?: CreateLinkOptions) =>
      links.create(kind, target, citizenId, opts),
    /** The identity area's SMS port: sends a one-time code, urgent, once per (phone, code). */
    async sendVerificationSms(phone: string, code: string, minutes = SMS_CODE_TTL_MINUTES) {
      const key = `verification:${phone.replace(/\D/g, "")}:${code}`;
      await notifier.sendVerificationCode({ phone, code, minutes, idempotencyKey: key });
    },
  };
  return { notifications, applications, queues, links, names, recipients };
};

export const startJourneyArea = async (
  ctx: AppContext,
  opts: { worker?: boolean; seed?: boolean } = {},
): Promise<void> => {
  let jobs: Jobs | undefined;
  let workerId: string | undefined;
  const wake: DeliveryJobs = {
    async wake(ids, delaySeconds) {
      if (!jobs) return;
      await jobs.send(DELIVER_QUEUE, { ids }, delaySeconds);
      if (delaySeconds <= 0 && workerId) jobs.notify(workerId);
    },
  };
  const j = buildJourney(ctx, wake);
  ctx.services.notifications = j.notifications;
  ctx.services.applications = j.applications;
  ctx.services.queues = j.queues;
  ctx.services.links = j.links;
  ctx.routePlugins.push(applicationRoutes, queueRoutes, notificationRoutes, citizenPageRoutes);
  // The identity area sends its one-time codes through our outbox (urgent: night and opt-out do not hold them).
  ctx.services.identity?.setVerificationSmsSender((phone, code) => j.notifications.sendVerificationSms(phone, code));

  if (opts.worker !== false) {
    jobs = await startJobs(ctx.db, ctx.log, [DELIVER_QUEUE]);
    workerId = await jobs.work<{ ids: string[] }>(
      DELIVER_QUEUE,
      { batchSize: 200, pollingIntervalSeconds: 2 },
      async (batch) => {
        const ids = [...new Set(batch.flatMap((b) => b.ids))];
        await j.notifications.deliver({ ids, limit: ids.length });
      },
    );
    // The safety net: anything due whose wake-up was lost (a crash between commit and send) goes out here.
    const sweep = setInterval(() => {
      j.notifications
        .drain()
        .catch((err: Error) => ctx.log.error({ err: { message: err.message } }, "notification sweep failed"));
    }, 30_000);
    sweep.unref();
    ctx.onClose.push(async () => {
      clearInterval(sweep);
      await jobs?.stop();
      jobs = undefined;
    });
  }
  if (opts.seed ?? ctx.config.SEED_DEMO) {
    const store = createApplicationStore(ctx.db);
    const queueStore = createQueueStore(ctx.db);
    const r = await seedJourney({
      clock: ctx.clock,
      tz: ctx.config.TZ_CITY,
      kb: async () => (await ctx.kb.current()).kb,
      citizenExists: async (id) => (await j.recipients.byCitizen(id)) !== undefined,
      applicationExists: async (source, ref) => (await store.findByRef(source, ref)) !== undefined,
      ingest: (source, e) => j.applications.ingest(source, e),
      ticketsToday: (hall, date) => queueStore.countToday(hall, date),
      ingestQueue: (source, hall, events) => j.queues.ingest(source, hall, events),
      log: (msg) => ctx.log.info(msg),
    });
    if (r.applications || r.halls) ctx.log.info(r, "journey demo seeded");
  }
};
