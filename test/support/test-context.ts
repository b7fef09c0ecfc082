import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Clock } from "../../src/app/clock.js";
import { buildContext, closeContext, ensureKbPublished, type AppContext } from "../../src/compose.js";
import { loadConfig } from "../../src/config.js";
import { buildServer } from "../../src/http/server.js";
import { startAreas } from "../../src/start-areas.js";
import { openTestDb } from "./test-db.js";

export const TEST_ADMIN_TOKEN = "test-admin-token-0123456789";
export const TEST_INTEGRATION_KEYS = "department-systems:test-dept-key-0001,hall-ticketing:test-hall-key-0001";

/**
 * The whole application over a fresh test database with the demo KB published: what `npm start`
 * builds, minus the listening socket (use server.inject or server.listen({ port: 0 })).
 */
export const startTestApp = async (opts: { clock?: Clock; env?: Record<string, string>; areas?: boolean } = {}) => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "civicline-test-"));
  const config = loadConfig({
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    DATA_DIR: dataDir,
    KB_DIR: path.resolve("kb"),
    ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    INTEGRATION_KEYS: TEST_INTEGRATION_KEYS,
    ...opts.env,
  });
  const db = await openTestDb();
  const ctx: AppContext = await buildContext(config, { db, clock: opts.clock });
  await ensureKbPublished(ctx);
  if (opts.areas !== false) await startAreas(ctx);
  const server = await buildServer(ctx);
  await server.ready();
  return {
    ctx,
    server,
    async close() {
      await server.close();
      await closeContext(ctx);
    },
  };
};
