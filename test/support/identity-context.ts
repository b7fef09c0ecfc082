import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Clock } from "../../src/app/clock.js";
import { startIdentityArea } from "../../src/areas/identity.js";
import { buildContext, closeContext, ensureKbPublished } from "../../src/compose.js";
import { loadConfig } from "../../src/config.js";
import { openTestDb } from "./test-db.js";

/**
 * The identity area alone (citizens, verification, appointments) over a fresh test database with
 * the demo KB (kb/, including kb/calendar) published: for use-case tests that should not depend on
 * other areas starting.
 */
export const startIdentityContext = async (opts: { clock?: Clock; seed?: boolean } = {}) => {
  const config = loadConfig({
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    DATA_DIR: mkdtempSync(path.join(tmpdir(), "civicline-identity-")),
    KB_DIR: path.resolve("kb"),
    SEED_DEMO: opts.seed ? "true" : "false",
  });
  const ctx = await buildContext(config, { db: await openTestDb(), clock: opts.clock });
  await ensureKbPublished(ctx);
  await startIdentityArea(ctx);
  return { ctx, close: () => closeContext(ctx) };
};
