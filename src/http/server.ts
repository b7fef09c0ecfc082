import formbody from "@fastify/formbody";
import Fastify, { type FastifyInstance } from "fastify";
import type { AppContext } from "../compose.js";
import { createAuthorizer, parseIntegrationKeys } from "./auth.js";
import { registerErrorHandler } from "./errors.js";
import { openApiDocument } from "./openapi.js";
import { kbRoutes } from "./routes/kb.js";

/**
 * The HTTP shell. Each area registers its routes as one plugin below; routes only parse, call a
 * use case and present the result.
 */
export const buildServer = async (ctx: AppContext): Promise<FastifyInstance> => {
  const app = Fastify({
    loggerInstance: ctx.log,
    trustProxy: false,
    bodyLimit: 1_000_000,
  }) as unknown as FastifyInstance; // pino's Logger type is wider than FastifyBaseLogger
  app.decorate("authorize", createAuthorizer(ctx.config.adminToken, parseIntegrationKeys(ctx.integrationKeys)));
  registerErrorHandler(app);
  await app.register(formbody);

  app.get("/healthz", async () => ({ status: "ok" }));
  app.get("/readyz", async (_req, reply) => {
    const checks = await ctx.readiness();
    return reply.status(checks.ok ? 200 : 503).send(checks);
  });
  app.get("/openapi.json", async () => openApiDocument("0.1.0"));

  // Area plugins: add one line per area.
  await app.register(async (a) => kbRoutes(a, ctx));
  for (const plugin of ctx.routePlugins) await app.register(async (a) => plugin(a, ctx));

  return app;
};
