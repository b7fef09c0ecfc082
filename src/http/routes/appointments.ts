import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { AppError } from "../../app/errors.js";
import type { AppContext } from "../../compose.js";
import { CANCEL_REASONS } from "../../domain/appointments/states.js";
import type { Principal } from "../auth.js";
import { route } from "../openapi.js";
import { orThrow } from "./identity-errors.js";

/**
 * Appointment API. Slots are public; booking and changes take an integration key (x-api-key, e.g.
 * hall-ticketing, department-systems) or the admin token. Authentication runs before validation, so
 * a request without credentials is 401 whatever its body.
 */
export const appointmentRoutes = async (app: FastifyInstance, ctx: AppContext) => {
  const svc = () => ctx.services.appointments;
  const tags = ["appointments"];
  const actorOf = (p: Principal | undefined) => (p?.kind === "integration" ? `integration:${p.name}` : "admin");

  const Code = z
    .string()
    .regex(/^[a-z0-9]+(?:[.-][a-z0-9]+)*$/, "not a valid code")
    .max(80);
  const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be YYYY-MM-DD");
  const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be HH:MM");
  const IdParam = z.object({ id: z.uuid("must be a UUID") });
  const AUTH_NOTE = " (x-api-key or admin Bearer)";

  route(
    app,
    {
      method: "GET",
      url: "/api/halls/:code/slots",
      summary: "A day's appointment slots of an item at a hall, with places left",
      tags,
      params: z.object({ code: Code }),
      query: z.object({ item: Code, date: IsoDate }),
      responses: { 404: "Unknown hall", 422: "Unknown item, or not served/bookable here" },
    },
    async ({ params, query }) => {
      const r = await svc().availableSlots(params.code, query.item, query.date);
      if (!r.ok && r.reason === "unknown-hall") throw new AppError("not-found", r.message, { reason: r.reason });
      return orThrow(r);
    },
  );

  route(
    app,
    {
      method: "GET",
      url: "/api/appointments/suggestions",
      summary: "The earliest bookable slots for an item",
      tags,
      query: z.object({
        item: Code,
        hall: Code.optional(),
        from: IsoDate.optional(),
        limit: z.coerce.number().int().min(1).max(10).default(3),
      }),
    },
    async ({ query }) => ({ suggestions: await svc().suggestSlots(query) }),
  );

  route(
    app,
    {
      method: "POST",
      url: "/api/appointments",
      auth: "admin-or-integration",
      summary: `Book an appointment${AUTH_NOTE}`,
      tags,
      body: z.strictObject({
        citizenId: z.uuid("must be a UUID"),
        hall: Code,
        item: Code,
        date: IsoDate,
        time: Time,
        channel: z
          .string()
          .regex(/^[a-z0-9-]{2,30}$/, "a channel name like phone, web, counter")
          .optional(),
      }),
      responses: {
        201: "Booked",
        401: "No credentials",
        403: "Bad credentials",
        409: "Full, or already an open appointment for the item",
        422: "A booking rule refuses (reason given)",
      },
    },
    async ({ body, principal, reply }) => {
      const actor = actorOf(principal);
      const r = orThrow(
        await svc().book({ ...body, channel: body.channel ?? (actor === "admin" ? "agent" : "integration"), actor }),
      );
      reply.code(201);
      return { appointment: r.appointment };
    },
  );

  route(
    app,
    {
      method: "GET",
      url: "/api/appointments/:id",
      auth: "admin-or-integration",
      summary: `An appointment${AUTH_NOTE}`,
      tags,
      params: IdParam,
      responses: { 404: "Unknown appointment" },
    },
    async ({ params }) => {
      const a = await svc().get(params.id);
      if (!a) throw new AppError("not-found", "No such appointment.");
      return { appointment: a };
    },
  );

  route(
    app,
    {
      method: "POST",
      url: "/api/appointments/:id/reschedule",
      auth: "admin-or-integration",
      summary: `Move an appointment to another slot${AUTH_NOTE}`,
      tags,
      params: IdParam,
      body: z.strictObject({ date: IsoDate, time: Time, hall: Code.optional() }),
      responses: { 404: "Unknown appointment", 409: "Not open, or slot full", 422: "A booking rule refuses" },
    },
    async ({ params, body, principal }) =>
      orThrow(await svc().reschedule({ appointmentId: params.id, ...body, actor: actorOf(principal) })),
  );

  route(
    app,
    {
      method: "POST",
      url: "/api/appointments/:id/cancel",
      auth: "admin-or-integration",
      summary: `Cancel an appointment, with a reason${AUTH_NOTE}`,
      tags,
      params: IdParam,
      body: z.strictObject({ reason: z.enum(CANCEL_REASONS), note: z.string().max(500).optional() }),
      responses: { 404: "Unknown appointment", 409: "Not open or already started" },
    },
    async ({ params, body, principal }) =>
      orThrow(await svc().cancel({ appointmentId: params.id, ...body, actor: actorOf(principal) })),
  );

  route(
    app,
    {
      method: "POST",
      url: "/api/appointments/:id/no-show",
      auth: "admin-or-integration",
      summary: `Mark that the citizen did not come${AUTH_NOTE}`,
      tags,
      params: IdParam,
      responses: { 404: "Unknown appointment", 409: "Not open, or the slot has not ended" },
    },
    async ({ params, principal }) =>
      orThrow(await svc().markNoShow({ appointmentId: params.id, actor: actorOf(principal) })),
  );

  route(
    app,
    {
      method: "POST",
      url: "/api/appointments/:id/check-in",
      auth: "admin-or-integration",
      summary: `The citizen checked in at the hall${AUTH_NOTE}`,
      tags,
      params: IdParam,
      responses: { 404: "Unknown appointment", 409: "Not open, or more than an hour early" },
    },
    async ({ params, principal }) =>
      orThrow(await svc().complete({ appointmentId: params.id, actor: actorOf(principal) })),
  );

  route(
    app,
    {
      method: "GET",
      url: "/api/admin/citizens/:id/appointments",
      summary: "A citizen's appointments",
      tags: ["citizens"],
      auth: "admin",
      params: IdParam,
      query: z.object({ open: z.enum(["true", "false"]).optional() }),
      responses: { 404: "Unknown citizen" },
    },
    async ({ params, query }) => {
      const list = await svc().listAppointments(params.id, { openOnly: query.open === "true" });
      if (!list) throw new AppError("not-found", "No such citizen.");
      return { appointments: list };
    },
  );
};
