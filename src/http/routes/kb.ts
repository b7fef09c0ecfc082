import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { AppError } from "../../app/errors.js";
import type { AppContext } from "../../compose.js";
import { route } from "../openapi.js";
import { cityDate } from "../../domain/time/city-time.js";

/** Read API over the current published KB, plus admin publish/history/diff. */
export const kbRoutes = async (app: FastifyInstance, ctx: AppContext) => {
  const Code = z.object({ code: z.string().regex(/^[a-z0-9.-]{2,80}$/, "not a valid code") });

  route(
    app,
    {
      method: "GET",
      url: "/api/kb/items/:code",
      summary: "A service item (事项) of the current KB",
      tags: ["kb"],
      params: Code,
      responses: { 404: "Unknown code" },
    },
    async ({ params }) => {
      const { version, kb } = await ctx.kb.current();
      const item = kb.items.find((i) => i.code === params.code);
      if (!item) throw new AppError("not-found", `No service item "${params.code}".`);
      return { kbVersion: version, item };
    },
  );

  route(
    app,
    {
      method: "GET",
      url: "/api/kb/events/:code",
      summary: "A life event (一件事) with its steps",
      tags: ["kb"],
      params: Code,
      responses: { 404: "Unknown code" },
    },
    async ({ params }) => {
      const { version, kb } = await ctx.kb.current();
      const event = kb.events.find((e) => e.code === params.code);
      if (!event) throw new AppError("not-found", `No life event "${params.code}".`);
      const steps = event.steps.map((s) => ({ ...s, name: kb.items.find((i) => i.code === s.item)?.name }));
      return { kbVersion: version, event: { ...event, steps } };
    },
  );

  route(
    app,
    {
      method: "GET",
      url: "/api/kb/halls",
      summary: "Service halls, optionally those serving an item or in a district",
      tags: ["kb"],
      query: z.object({ item: z.string().max(80).optional(), district: z.string().max(40).optional() }),
    },
    async ({ query }) => {
      const { version, kb } = await ctx.kb.current();
      const halls = kb.halls.filter(
        (h) =>
          (!query.item || h.items.includes(query.item)) &&
          (!query.district ||
            h.district.zh.includes(query.district) ||
            h.district.en.toLowerCase() === query.district.toLowerCase()),
      );
      return { kbVersion: version, halls };
    },
  );

  route(
    app,
    {
      method: "GET",
      url: "/api/kb/search",
      summary: "Ranked Chinese search over items, life events, halls and FAQ",
      tags: ["kb"],
      query: z.object({
        q: z.string().trim().min(1, "q must not be empty").max(200),
        limit: z.coerce.number().int().min(1).max(50).default(10),
      }),
    },
    async ({ query }) => {
      const prior = await searchPrior(ctx, query.q);
      const { version, hits } = await ctx.kb.search(query.q, query.limit, prior);
      return { kbVersion: version, query: query.q, hits };
    },
  );

  route(
    app,
    {
      method: "GET",
      url: "/api/admin/kb/versions",
      summary: "Published KB versions, newest first",
      tags: ["admin"],
      auth: "admin",
    },
    async () => ({ versions: await ctx.kb.history() }),
  );

  route(
    app,
    {
      method: "GET",
      url: "/api/admin/kb/diff",
      summary: "Field-level diff between two published versions",
      tags: ["admin"],
      auth: "admin",
      query: z.object({ a: z.coerce.number().int().positive(), b: z.coerce.number().int().positive() }),
    },
    async ({ query }) => ({ a: query.a, b: query.b, changes: await ctx.kb.diff(query.a, query.b) }),
  );

  route(
    app,
    {
      method: "POST",
      url: "/api/admin/kb/publish",
      summary: "Load kb/ from disk as a draft and publish it",
      tags: ["admin"],
      auth: "admin",
      body: z.object({
        note: z.string().trim().min(1, "say why you publish").max(500),
        by: z.string().trim().min(1).max(80).default("admin"),
      }),
      responses: { 409: "Nothing changed", 422: "The KB files have errors (listed)" },
    },
    async ({ body }) => ctx.publishKbFromDisk(body.by, body.note),
  );
};

// The NLU's top readings of the query, when the NLU area runs (it always does in the app).
const searchPrior = async (ctx: AppContext, q: string): Promise<Map<string, number> | undefined> => {
  const nlu = ctx.services.nlu;
  if (!nlu) return undefined;
  const today = cityDate(ctx.clock.now(), ctx.config.TZ_CITY);
  const r = await nlu.interpret(q, { today });
  return new Map([
    [r.intent, r.confidence],
    ...r.alternatives.slice(0, 2).map((a) => [a.intent, a.confidence] as const),
  ]);
};
