import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { AppError } from "../../app/errors.js";
import type { AppContext } from "../../compose.js";
import { NOTIFICATION_STATUSES } from "../../domain/notifications/status.js";
import { maskPhone } from "../../domain/privacy/mask.js";
import type { OutboxRow } from "../../app/notifications/ports.js";
import { route } from "../openapi.js";

/** The outbox for admins, delivery reports and replies from the SMS gateway. */

const present = (r: OutboxRow) => ({
  id: r.id,
  channel: r.channel,
  phone: maskPhone(r.phone),
  citizenId: r.citizenId,
  templateId: r.templateId,
  locale: r.locale,
  body: r.body,
  characters: r.characters,
  segments: r.segments,
  kbVersion: r.kbVersion,
  urgent: r.urgent,
  status: r.status,
  attempts: r.attempts,
  nextAttemptAt: r.nextAttemptAt,
  provider: r.provider,
  providerMessageId: r.providerMessageId,
  lastError: r.lastError,
  createdAt: r.createdAt,
  sentAt: r.sentAt,
  deliveredAt: r.deliveredAt,
  idempotencyKey: r.idempotencyKey,
});

const requireGateway = (name: string | undefined) => {
  if (name !== "sms-gateway")
    throw new AppError("forbidden", "Only the SMS gateway's key may report deliveries or replies.");
};

// "TD" (退订) is how mainland users unsubscribe from texts; a few spellings are common.
const OPT_OUT_WORDS = /^\s*(td|t|退订|取消订阅|n|stop|unsubscribe)\s*$/i;

export const notificationRoutes = async (app: FastifyInstance, ctx: AppContext) => {
  const n = () => ctx.services.notifications;

  // Filters for the outbox. A phone number is personal data, so it is accepted only in a POST body,
  // never in the URL (URLs end up in proxies' and browsers' logs).
  const Filter = {
    citizenId: z.uuid().optional(),
    status: z.enum(NOTIFICATION_STATUSES).optional(),
    channel: z.enum(["sms", "voice"]).optional(),
    template: z.string().max(80).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
  };
  const list = async (f: {
    phone?: string;
    citizenId?: string;
    status?: (typeof NOTIFICATION_STATUSES)[number];
    channel?: "sms" | "voice";
    template?: string;
    limit: number;
  }) => {
    const rows = await n().listOutbox({
      ...(f.phone ? { phone: f.phone } : {}),
      ...(f.citizenId ? { citizenId: f.citizenId } : {}),
      ...(f.status ? { status: f.status } : {}),
      ...(f.channel ? { channel: f.channel } : {}),
      ...(f.template ? { templateId: f.template } : {}),
      limit: f.limit,
    });
    return { count: rows.length, messages: rows.map(present) };
  };

  route(
    app,
    {
      method: "GET",
      url: "/api/admin/outbox",
      summary:
        "Messages in the outbox, newest first (phone numbers shown masked); to filter by phone, POST /api/admin/outbox/search",
      tags: ["admin"],
      auth: "admin",
      query: z.strictObject(Filter),
    },
    async ({ query }) => list(query),
  );

  route(
    app,
    {
      method: "POST",
      url: "/api/admin/outbox/search",
      summary: "Messages in the outbox for a phone number (in the body, never in the URL), newest first",
      tags: ["admin"],
      auth: "admin",
      body: z.strictObject({ phone: z.string().trim().min(5).max(30), ...Filter }),
    },
    async ({ body }) => list(body),
  );

  route(
    app,
    {
      method: "POST",
      url: "/api/admin/notifications/send",
      summary: "Send a KB template to a citizen or number (idempotent by key)",
      tags: ["admin"],
      auth: "admin",
      body: z.strictObject({
        templateId: z
          .string()
          .regex(/^[a-z0-9.-]+$/)
          .max(80),
        to: z
          .strictObject({ citizenId: z.uuid().optional(), phone: z.string().trim().min(5).max(30).optional() })
          .refine((t) => t.citizenId || t.phone, "give citizenId or phone"),
        variables: z.record(z.string(), z.union([z.string().max(300), z.number()])).default({}),
        idempotencyKey: z.string().min(1).max(200),
        locale: z.enum(["zh", "en"]).optional(),
      }),
    },
    async ({ body, reply }) => {
      const r = await n().send(body);
      return reply.status(r.duplicate ? 200 : 201).send(r);
    },
  );

  route(
    app,
    {
      method: "POST",
      url: "/api/admin/notifications/drain",
      summary: "Deliver every due message now",
      tags: ["admin"],
      auth: "admin",
    },
    async () => ({ attempted: await n().drain() }),
  );

  const OptOut = z.strictObject({
    phone: z.string().trim().min(5).max(30),
    channel: z.enum(["sms", "voice", "all"]).default("all"),
  });
  route(
    app,
    {
      method: "POST",
      url: "/api/admin/notifications/opt-outs",
      summary: "Record that a number wants no messages",
      tags: ["admin"],
      auth: "admin",
      body: OptOut,
    },
    async ({ body }) => {
      const r = await n().optOut(body.phone, body.channel, "admin");
      return { phone: maskPhone(r.phone), channel: r.channel };
    },
  );
  route(
    app,
    {
      method: "DELETE",
      url: "/api/admin/notifications/opt-outs",
      summary: "Opt a number back in",
      tags: ["admin"],
      auth: "admin",
      body: OptOut,
    },
    async ({ body }) => n().optIn(body.phone, body.channel),
  );

  const Report = z.strictObject({
    messageId: z.string().trim().min(1).max(120),
    status: z.string().trim().min(1).max(40),
    errorCode: z.string().max(40).optional(),
  });
  route(
    app,
    {
      method: "POST",
      url: "/api/integrations/sms/delivery-reports",
      summary: "The SMS gateway reports delivery (one report or { reports: [...] })",
      tags: ["integrations"],
      auth: "integration",
      body: z.union([Report, z.strictObject({ reports: z.array(Report).min(1).max(500) })]),
      responses: { 403: "Not the gateway's key", 404: "Unknown message id", 422: "Unknown status word" },
    },
    async ({ principal, body }) => {
      requireGateway(principal?.name);
      const reports = "reports" in body ? body.reports : [body];
      return { results: await n().recordDeliveryReports(reports) };
    },
  );

  route(
    app,
    {
      method: "POST",
      url: "/api/integrations/sms/inbound",
      summary: "A citizen's reply by SMS; TD / 退订 opts the number out",
      tags: ["integrations"],
      auth: "integration",
      body: z.strictObject({ from: z.string().trim().min(5).max(30), text: z.string().max(500) }),
    },
    async ({ principal, body }) => {
      requireGateway(principal?.name);
      if (!OPT_OUT_WORDS.test(body.text)) return { action: "none" };
      await n().optOut(body.from, "sms", "sms-reply");
      return { action: "opted-out", channel: "sms" };
    },
  );
};
