import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { AppError } from "../../app/errors.js";
import type { AppContext } from "../../compose.js";
import { CODE_PATTERN } from "../../domain/kb/schema.js";
import type { Principal } from "../auth.js";
import { route } from "../openapi.js";

/** Department systems push application status changes; admins read a citizen's applications and life events. */

const code = z.string().regex(CODE_PATTERN, "not a valid code");
const StatusEvent = z.strictObject({
  eventId: z.string().trim().min(1).max(100),
  occurredAt: z.iso
    .datetime({ offset: true, message: "must be an ISO 8601 date-time with offset" })
    .transform((s) => new Date(s)),
  applicationRef: z.string().trim().min(1).max(100),
  status: z.string().trim().min(1).max(20),
  itemCode: code.optional(),
  reason: z.string().trim().min(1).max(200).optional(),
  hallCode: code.optional(),
  citizen: z
    .strictObject({
      id: z.uuid().optional(),
      idNumber: z
        .string()
        .trim()
        .regex(/^\d{17}[\dXx]$/, "must be an 18-character ID number")
        .optional(),
      phone: z.string().trim().min(5).max(30).optional(),
    })
    .refine((c) => c.id || c.idNumber || c.phone, "give id, idNumber or phone")
    .optional(),
  subjectCitizenId: z.uuid().optional(),
  notify: z
    .array(z.enum(["sms", "voice"]))
    .min(1)
    .max(2)
    .optional(),
  lifeEvent: z.strictObject({ code, caseRef: z.string().trim().min(1).max(100) }).optional(),
});

/** Keys of the ticketing machines and the SMS gateway may not write applications. */
export const requireDepartment = (p: Principal | undefined): string => {
  if (!p || p.name === "hall-ticketing" || p.name === "sms-gateway")
    throw new AppError("forbidden", "This API key may not report application status.");
  return p.name;
};

export const applicationRoutes = async (app: FastifyInstance, ctx: AppContext) => {
  route(
    app,
    {
      method: "POST",
      url: "/api/integrations/applications/events",
      tags: ["integrations"],
      auth: "integration",
      summary: "A department system reports an application status change (idempotent by eventId)",
      body: StatusEvent,
      responses: {
        201: "Applied",
        401: "No API key",
        403: "Wrong API key",
        409: "Replayed event or impossible transition",
        422: "Unknown codes or citizen, missing reason",
      },
    },
    async ({ principal, body, reply }) => {
      const source = requireDepartment(principal);
      const r = await ctx.services.applications.ingest(source, body);
      return reply.status(r.from === null ? 201 : 200).send(r);
    },
  );

  const Id = z.object({ id: z.uuid() });
  route(
    app,
    {
      method: "GET",
      url: "/api/admin/applications/:id",
      summary: "An application with its status history",
      tags: ["admin"],
      auth: "admin",
      params: Id,
    },
    async ({ params }) => ctx.services.applications.get(params.id),
  );

  route(
    app,
    {
      method: "GET",
      url: "/api/admin/citizens/:id/journey",
      summary: "A citizen's applications and life-event progress",
      tags: ["admin"],
      auth: "admin",
      params: Id,
    },
    async ({ params }) => ({
      applications: await ctx.services.applications.listForCitizen(params.id),
      lifeEvents: await ctx.services.applications.lifeEvents(params.id),
    }),
  );
};
