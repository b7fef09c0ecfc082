import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { systemClock, type Clock } from "./app/clock.js";
import { AppError } from "./app/errors.js";
import { createKbService, type KbService } from "./app/kb/kb-service.js";
import type { Config } from "./config.js";
import { formatProblems, loadKbDir } from "./adapters/kb/load-kb-dir.js";
import { createLogger, type Logger } from "./adapters/logging/logger.js";
import { openDb, pgliteDir, type Db } from "./adapters/storage/database.js";
import { createKbStore } from "./adapters/storage/kb-store.js";
import { migrate } from "./adapters/storage/migrate.js";
import { createSearchSegmenter } from "./adapters/text/segmenter.js";

/**
 * Composition root: config → adapters → use cases. Everything an HTTP route, a worker or the CLI
 * needs hangs off AppContext; tests build one with an in-memory database.
 */

export type RoutePlugin = (app: FastifyInstance, ctx: AppContext) => Promise<void>;

/**
 * Services areas expose to each other. Each area adds its own field by module augmentation:
 *   declare module "../compose.js" { interface Services { identity: IdentityService } }
 * and sets it in its start function (src/areas/<area>.ts, called from src/start-areas.ts).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Services {}

export interface AppContext {
  config: Config;
  log: Logger;
  db: Db;
  clock: Clock;
  kb: KbService;
  services: Services;
  /** name:key pairs for integration systems (config, or generated for the demo) */
  integrationKeys: string;
  routePlugins: RoutePlugin[];
  readiness(): Promise<{ ok: boolean; database: boolean; kbVersion: number | null }>;
  /** Loads kb/ from disk, saves it as the draft and publishes it. */
  publishKbFromDisk(by: string, note: string): Promise<{ version: number; changed: boolean }>;
  /** Run on shutdown, in reverse order of registration. */
  onClose: (() => Promise<void>)[];
}

export interface BuildOptions {
  clock?: Clock;
  /** override the database (tests) */
  db?: Db;
  logDestination?: Parameters<typeof createLogger>[1];
}

export const buildContext = async (config: Config, opts: BuildOptions = {}): Promise<AppContext> => {
  const log = createLogger(config.LOG_LEVEL, opts.logDestination);
  const db =
    opts.db ??
    (await openDb({
      databaseUrl: config.DATABASE_URL,
      dataDir: pgliteDir(config.dataDir),
      poolSize: config.DATABASE_POOL_SIZE,
    }));
  const applied = await migrate(db);
  if (applied.length) log.info({ applied }, "database migrated");

  const clock = opts.clock ?? systemClock;
  const kb = createKbService({
    store: createKbStore(db),
    segmenterFor: (vocab) => {
      const s = createSearchSegmenter(vocab);
      return (text) => s.cutForSearch(text);
    },
    now: () => clock.now().getTime(),
  });

  const ctx: AppContext = {
    config,
    log,
    db,
    clock,
    kb,
    integrationKeys: config.INTEGRATION_KEYS ?? demoIntegrationKeys(config),
    routePlugins: [],
    onClose: [],
    services: {} as Services,
    async readiness() {
      const database = await db.query("SELECT 1").then(
        () => true,
        () => false,
      );
      const kbVersion = database
        ? await kb.current().then(
            (c) => c.version,
            () => null,
          )
        : null;
      return { ok: database && kbVersion !== null, database, kbVersion };
    },
    async publishKbFromDisk(by, note) {
      const loaded = await loadKbDir(config.kbDir);
      if (!loaded.ok) {
        throw new AppError(
          "unprocessable",
          `The knowledge base in ${config.kbDir} has errors; the current version keeps serving.`,
          loaded.errors,
        );
      }
      const changed = await kb.saveDraft(loaded.kb, by, note);
      if (!changed) {
        const current = await kb.current();
        return { version: current.version, changed: false };
      }
      const info = await kb.publish(by, note);
      return { version: info.number, changed: true };
    },
  };
  return ctx;
};

/** At start: make sure some KB version is published; with KB_AUTO_PUBLISH, publish kb/ when it changed. */
export const ensureKbPublished = async (ctx: AppContext): Promise<number> => {
  const latest = await ctx.kb.current().then(
    (c) => c.version,
    () => undefined,
  );
  if (latest !== undefined && !ctx.config.KB_AUTO_PUBLISH) return latest;
  try {
    const r = await ctx.publishKbFromDisk(
      "system",
      latest === undefined ? "initial load of kb/" : "auto-published at start: kb/ changed",
    );
    if (r.changed) ctx.log.info({ kbVersion: r.version }, "knowledge base published");
    return r.version;
  } catch (err) {
    if (err instanceof AppError && latest !== undefined) {
      ctx.log.error(`kb/ has errors, still serving version ${latest}:\n${formatProblems(err.details as never)}`);
      return latest;
    }
    throw err;
  }
};

// The demo needs integration keys that survive restarts; they live beside the data, never in git.
const demoIntegrationKeys = (config: Config): string => {
  if (config.DATABASE_URL && config.NODE_ENV === "production") return "";
  const file = path.join(config.dataDir, "integration-keys.txt");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const rand = () => randomBytes(18).toString("base64url");
  const keys = `department-systems:${rand()},hall-ticketing:${rand()},sms-gateway:${rand()}`;
  mkdirSync(config.dataDir, { recursive: true });
  writeFileSync(file, keys, { mode: 0o600 });
  return keys;
};

export const closeContext = async (ctx: AppContext) => {
  for (const fn of [...ctx.onClose].reverse()) await fn().catch((e) => ctx.log.error({ err: e }, "close failed"));
  await ctx.db.close();
};
