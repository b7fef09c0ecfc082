import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { AppError } from "../../app/errors.js";
import type { AppContext } from "../../compose.js";
import { CODE_PATTERN } from "../../domain/kb/schema.js";
import { QUEUE_EVENT_TYPES } from "../../domain/queues/tickets.js";
import { route } from "../openapi.js";

/** Live hall queues: ticketing machines push events; anyone may read the waiting count. */

const HallCode = z.object({ code: z.string().regex(CODE_PATTERN, "not a valid hall code") });
const QueueEvent = z.strictObject({
  eventId: z.string().trim().min(1).max(100),
  type: z.enum(QUEUE_EVENT_TYPES),
  ticket: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{1,12}$/, "ticket numbers are letters and digits, e.g. A012"),
  itemCode: z.string().regex(CODE_PATTERN, "not a valid item code").optional(),
  at: z.iso
    .datetime({ offset: true, message: "must be an ISO 8601 date-time with offset" })
    .transform((s) => new Date(s)),
  counter: z.string().trim().min(1).max(20).optional(),
});

export const queueRoutes = async (app: FastifyInstance, ctx: AppContext) => {
  route(
    app,
    {
      method: "GET",
      url: "/api/halls/:code/queue",
      summary: "Waiting count and estimated wait per item at a hall, now",
      tags: ["halls"],
      params: HallCode,
      responses: { 404: "Unknown hall" },
    },
    async ({ params }) => ctx.services.queues.snapshot(params.code),
  );

  route(
    app,
    {
      method: "POST",
      url: "/api/integrations/halls/:code/queue-events",
      tags: ["integrations"],
      auth: "integration",
      summary: "A hall's ticketing machine reports tickets issued, called, served or skipped (all or nothing)",
      params: HallCode,
      body: z.strictObject({ events: z.array(QueueEvent).min(1).max(500) }),
      responses: {
        403: "Not a ticketing key",
        404: "Unknown hall",
        409: "Every event was applied before",
        422: "An event is not valid (index and reason)",
      },
    },
    async ({ principal, params, body }) => {
      if (!principal || !(principal.name === "hall-ticketing" || principal.name === params.code))
        throw new AppError("forbidden", "This API key may not report queue events.");
      return ctx.services.queues.ingest(principal.name, params.code, body.events);
    },
  );
};
