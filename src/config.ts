import { randomBytes } from "node:crypto";
import path from "node:path";
import { z } from "zod";

/**
 * The only reader of process.env. Every variable is optional for the demo; an invalid value
 * stops start-up with a message naming the variable. `FOO=` (empty) counts as unset.
 */

const bool = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");
const port = z.coerce.number().int().min(0).max(65535);

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: port.default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  PUBLIC_URL: z.url().optional(),
  DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  KB_DIR: z.string().min(1).default("./kb"),
  KB_AUTO_PUBLISH: bool.default(true),
  SEED_DEMO: bool.default(true),
  ADMIN_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  /** 32-byte key, hex or base64, for AES-256-GCM of ID numbers; the demo derives one in DATA_DIR. */
  PII_KEY: z.string().min(32).optional(),
  INTEGRATION_KEYS: z.string().optional(),
  SMS_PROVIDER: z.enum(["outbox", "http"]).default("outbox"),
  SMS_HTTP_URL: z.url().optional(),
  SMS_HTTP_AUTH: z.string().optional(),
  SMS_HTTP_FORMAT: z.enum(["json", "form"]).default("json"),
  TWILIO_AUTH_TOKEN: z.string().optional(),
  JAMBONZ_WEBHOOK_SECRET: z.string().optional(),
  LLM_BASE_URL: z.url().optional(),
  LLM_MODEL: z.string().optional(),
  LLM_API_KEY: z.string().optional(),
  LLM_TIMEOUT_MS: z.coerce.number().int().min(100).max(60000).default(1500),
  TZ_CITY: z.string().default("Asia/Shanghai"),
});

export type Env = z.infer<typeof EnvSchema>;

export interface Config extends Env {
  dataDir: string;
  kbDir: string;
  /** true when ADMIN_TOKEN was not given and one was generated for this run */
  adminTokenGenerated: boolean;
  adminToken: string;
  publicUrl: string;
}

export class ConfigError extends Error {}

export const loadConfig = (env: NodeJS.ProcessEnv = process.env): Config => {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const adminToken = e.ADMIN_TOKEN ?? randomBytes(24).toString("base64url");
  return Object.freeze({
    ...e,
    dataDir: path.resolve(e.DATA_DIR),
    kbDir: path.resolve(e.KB_DIR),
    adminToken,
    adminTokenGenerated: e.ADMIN_TOKEN === undefined,
    publicUrl: (e.PUBLIC_URL ?? `http://${e.HOST}:${e.PORT}`).replace(/\/$/, ""),
  });
};
