import type { FastifyInstance, FastifyReply } from "fastify";
import { z } from "zod";
import { buildPage, type PageDeps } from "../../app/links/page-model.js";
import type { AppContext } from "../../compose.js";
import { CANCEL_REASONS } from "../../domain/appointments/states.js";
import { renderPage } from "../../web/pages/pages.js";
import { route } from "../openapi.js";

/**
 * /s/<token>: the citizen pages behind the links in our messages. Server-rendered HTML, no
 * script; the token is the only thing in the URL. Pages are personal: never cached, never sent as
 * a referrer, never indexed.
 */

const Token = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{12,64}$/, "not a link token") });
const View = z.object({
  lang: z.enum(["zh", "en"]).optional(),
  size: z.enum(["large", "normal"]).optional(),
  done: z.string().max(20).optional(),
});

const HEADERS = {
  "content-type": "text/html; charset=utf-8",
  "cache-control": "no-store",
  "referrer-policy": "no-referrer",
  "x-robots-tag": "noindex, nofollow",
  "x-content-type-options": "nosniff",
  "content-security-policy":
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
};

export const citizenPageRoutes = async (app: FastifyInstance, ctx: AppContext) => {
  const deps = (): PageDeps => ({
    links: ctx.services.links,
    kb: ctx.kb,
    applications: ctx.services.applications,
    ...(ctx.services.appointments ? { appointments: ctx.services.appointments } : {}),
    queue: (hall) => ctx.services.queues.snapshot(hall),
    citizen: async (id) => {
      const c = await ctx.services.identity?.get(id);
      return c ? { ...(c.age !== undefined ? { age: c.age } : {}), locale: c.locale } : undefined;
    },
    tz: ctx.config.TZ_CITY,
  });

  const show = async (
    reply: FastifyReply,
    token: string,
    q: z.infer<typeof View>,
    notice?: string,
    status?: number,
  ) => {
    const { kb } = await ctx.kb.current();
    const r = await buildPage(deps(), token, q.lang);
    const out = renderPage(r, {
      token,
      large: q.size === "large",
      cityName: kb.city.name,
      ...((notice ?? q.done) ? { notice: notice ?? q.done } : {}),
    });
    return reply
      .status(out.status === 200 && status ? status : out.status)
      .headers(HEADERS)
      .send(out.html);
  };

  route(
    app,
    {
      method: "GET",
      url: "/s/:token",
      summary: "A citizen page behind a short link (HTML)",
      tags: ["citizen pages"],
      params: Token,
      query: View,
      responses: { 404: "Unknown link", 410: "Expired link" },
    },
    async ({ params, query, reply }) => show(reply, params.token, query),
  );

  // Form posts from the appointment page; the answer is the page again (303 to it), so a reload never repeats the action.
  const appointmentOf = async (token: string) => {
    const r = await buildPage(deps(), token);
    return r.ok && r.model.kind === "appointment" ? r : undefined;
  };
  const back = (reply: FastifyReply, token: string, q: z.infer<typeof View>, done: string) =>
    reply
      .status(303)
      .header(
        "location",
        `/s/${token}?${new URLSearchParams({ ...(q.lang ? { lang: q.lang } : {}), ...(q.size ? { size: q.size } : {}), done }).toString()}`,
      )
      .send();

  route(
    app,
    {
      method: "POST",
      url: "/s/:token/cancel",
      summary: "Cancel the appointment of this link (HTML form)",
      tags: ["citizen pages"],
      params: Token,
      query: View,
      body: z.object({ reason: z.enum(CANCEL_REASONS) }),
    },
    async ({ params, query, body, reply }) => {
      const page = await appointmentOf(params.token);
      if (!page || page.model.kind !== "appointment" || !ctx.services.appointments)
        return show(reply, params.token, query);
      const r = await ctx.services.appointments.cancel({
        appointmentId: page.model.appt.id,
        reason: body.reason,
        actor: "citizen-web",
      });
      if (!r.ok) return back(reply, params.token, query, "not-open");
      const a = r.appointment;
      await ctx.services.notifications
        .send({
          templateId: "sms.appointment-cancelled",
          to: { citizenId: a.citizenId },
          variables: { itemName: a.itemName?.[page.lang] ?? a.item, date: a.date, time: a.time },
          idempotencyKey: `appointment:${a.id}:cancelled`,
          locale: page.lang,
        })
        .catch((err: Error) => ctx.log.warn({ err: { message: err.message } }, "cancellation SMS not queued"));
      return back(reply, params.token, query, "cancelled");
    },
  );

  route(
    app,
    {
      method: "POST",
      url: "/s/:token/reschedule",
      summary: "Move the appointment of this link (HTML form)",
      tags: ["citizen pages"],
      params: Token,
      query: View,
      body: z.object({ slot: z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/, "choose a time") }),
    },
    async ({ params, query, body, reply }) => {
      const page = await appointmentOf(params.token);
      if (!page || page.model.kind !== "appointment" || !ctx.services.appointments)
        return show(reply, params.token, query);
      const [date, time] = body.slot.split(" ") as [string, string];
      const r = await ctx.services.appointments.reschedule({
        appointmentId: page.model.appt.id,
        date,
        time,
        actor: "citizen-web",
      });
      if (!r.ok) return show(reply, params.token, query, r.message, 409);
      const a = r.appointment;
      await ctx.services.notifications
        .send({
          templateId: "sms.appointment-rescheduled",
          to: { citizenId: a.citizenId },
          variables: {
            itemName: a.itemName?.[page.lang] ?? a.item,
            hallName: a.hallName?.[page.lang] ?? a.hall,
            date: a.date,
            time: a.time,
            link: `${ctx.config.publicUrl}/s/${params.token}`,
          },
          idempotencyKey: `appointment:${a.id}:rescheduled:${a.rescheduleCount}`,
          locale: page.lang,
        })
        .catch((err: Error) => ctx.log.warn({ err: { message: err.message } }, "reschedule SMS not queued"));
      return back(reply, params.token, query, "rescheduled");
    },
  );
};
