import { timingSafeEqual } from "node:crypto";
import type { FastifyRequest } from "fastify";
import { AppError } from "../app/errors.js";

/**
 * Admin endpoints: `Authorization: Bearer <ADMIN_TOKEN>`. Integration endpoints: `x-api-key`, one
 * key per external system (INTEGRATION_KEYS="exit-entry:key1,hall-ticketing:key2"). Roles for
 * agents and supervisors will hang off the same hook.
 */

export interface Principal {
  kind: "admin" | "integration";
  /** the integration system's name, or "admin" */
  name: string;
}

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

export const parseIntegrationKeys = (spec: string | undefined): Map<string, string> => {
  const keys = new Map<string, string>();
  for (const pair of (spec ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const i = pair.indexOf(":");
    if (i <= 0 || i === pair.length - 1)
      throw new Error(`INTEGRATION_KEYS entry "${pair.split(":")[0]}" must be name:key`);
    keys.set(pair.slice(0, i), pair.slice(i + 1));
  }
  return keys;
};

export const createAuthorizer =
  (adminToken: string, integrationKeys: Map<string, string>) =>
  (kind: "admin" | "integration", req: FastifyRequest): Principal => {
    if (kind === "admin") {
      const header = req.headers.authorization ?? "";
      const m = /^Bearer\s+(.+)$/i.exec(header);
      if (!m) throw new AppError("unauthorized", "Missing Authorization: Bearer <admin token>.");
      if (!same(m[1]!.trim(), adminToken)) throw new AppError("forbidden", "The admin token is not valid.");
      return { kind, name: "admin" };
    }
    const key = req.headers["x-api-key"];
    if (typeof key !== "string" || !key) throw new AppError("unauthorized", "Missing x-api-key header.");
    for (const [name, k] of integrationKeys) if (same(key, k)) return { kind, name };
    throw new AppError("forbidden", "The API key is not valid.");
  };

export type Authorizer = ReturnType<typeof createAuthorizer>;
