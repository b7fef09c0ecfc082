import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { Authorizer, Principal } from "./auth.js";

declare module "fastify" {
  interface FastifyInstance {
    authorize: Authorizer;
  }
}

/**
 * Routes declared with zod schemas: the same schemas validate requests (400 with the reason) and
 * describe the route in the OpenAPI document served at /openapi.json.
 */

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface RouteSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  method: Method;
  url: string;
  summary: string;
  tags?: string[];
  params?: P;
  query?: Q;
  body?: B;
  /**
   * "admin" (Bearer ADMIN_TOKEN), "integration" (x-api-key), "admin-or-integration" (whichever the
   * request carries: a Bearer token is checked as admin, else the API key) or none. Checked before
   * the request is parsed, so a request without credentials is 401 whatever its body.
   */
  auth?: "admin" | "integration" | "admin-or-integration";
  responses?: Record<number, string>;
}

export interface Parsed<P, Q, B> {
  /** set when spec.auth is given and the caller passed it */
  principal?: Principal;
  params: P;
  query: Q;
  body: B;
  req: FastifyRequest;
  reply: FastifyReply;
}

const registry: { spec: RouteSpec<z.ZodType, z.ZodType, z.ZodType> }[] = [];

export const route = <
  P extends z.ZodType = z.ZodUnknown,
  Q extends z.ZodType = z.ZodUnknown,
  B extends z.ZodType = z.ZodUnknown,
>(
  app: FastifyInstance,
  spec: RouteSpec<P, Q, B>,
  handler: (input: Parsed<z.infer<P>, z.infer<Q>, z.infer<B>>) => Promise<unknown>,
): void => {
  if (!registry.some((r) => r.spec.method === spec.method && r.spec.url === spec.url)) registry.push({ spec });
  app.route({
    method: spec.method,
    url: spec.url,
    handler: async (req, reply) => {
      const kind =
        spec.auth === "admin-or-integration" ? (req.headers.authorization ? "admin" : "integration") : spec.auth;
      const principal = kind ? app.authorize(kind, req) : undefined;
      const params = spec.params ? spec.params.parse(req.params) : req.params;
      const query = spec.query ? spec.query.parse(req.query ?? {}) : req.query;
      const body = spec.body ? spec.body.parse(req.body ?? {}) : req.body;
      return handler({ principal, params, query, body, req, reply } as Parsed<z.infer<P>, z.infer<Q>, z.infer<B>>);
    },
  });
};

const SECURITY = {
  admin: [{ bearer: [] }],
  integration: [{ apiKey: [] }],
  "admin-or-integration": [{ bearer: [] }, { apiKey: [] }],
};

const toOpenApiPath = (url: string) => url.replace(/:([A-Za-z_]+)/g, "{$1}");

const jsonSchema = (s: z.ZodType) => {
  try {
    return z.toJSONSchema(s, { io: "input", unrepresentable: "any" });
  } catch {
    return {};
  }
};

export const openApiDocument = (version: string) => {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const { spec } of registry) {
    const p = (paths[toOpenApiPath(spec.url)] ??= {});
    const parameters: unknown[] = [];
    for (const [where, schema] of [
      ["path", spec.params],
      ["query", spec.query],
    ] as const) {
      if (!schema) continue;
      const js = jsonSchema(schema) as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, s] of Object.entries(js.properties ?? {}))
        parameters.push({ name, in: where, required: where === "path" || !!js.required?.includes(name), schema: s });
    }
    p[spec.method.toLowerCase()] = {
      summary: spec.summary,
      tags: spec.tags,
      parameters,
      ...(spec.body
        ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchema(spec.body) } } } }
        : {}),
      ...(spec.auth ? { security: SECURITY[spec.auth] } : {}),
      responses: Object.fromEntries(
        Object.entries({ 200: "OK", 400: "Invalid request, with the reason", ...spec.responses }).map(([k, d]) => [
          k,
          { description: d },
        ]),
      ),
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "CivicLine API",
      version,
      description: "Citizen-service hotline: knowledge base, journeys, voice webhooks.",
    },
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer" },
        apiKey: { type: "apiKey", in: "header", name: "x-api-key" },
      },
    },
    paths,
  };
};
