import { fileURLToPath } from "node:url";
import { ensureEmbeddedDataDir } from "./adapters/storage/init-data-dir.js";
import { buildContext, closeContext, ensureKbPublished } from "./compose.js";
import { ConfigError, loadConfig, type Config } from "./config.js";
import { buildServer } from "./http/server.js";
import { startAreas } from "./start-areas.js";

/** `npm start`: the hotline on the embedded database (or DATABASE_URL), seeded with the demo city. */

export const start = async (config: Config) => {
  const t0 = Date.now();
  const phases: Record<string, number> = {};
  const lap = (name: string) => (phases[name] = Date.now() - t0);
  if (ensureEmbeddedDataDir(config.dataDir, config.DATABASE_URL, (l) => process.stdout.write(`${l}\n`))) lap("initdb");
  const ctx = await buildContext(config);
  lap("database");
  const kbVersion = await ensureKbPublished(ctx);
  lap("kb");
  await startAreas(ctx);
  lap("areas");
  const server = await buildServer(ctx);
  await server.listen({ port: config.PORT, host: config.HOST });
  lap("listening");
  ctx.log.info({ phases }, "started");
  const address = server.server.address();
  const port = typeof address === "object" && address ? address.port : config.PORT;
  const url = `http://${config.HOST === "0.0.0.0" ? "127.0.0.1" : config.HOST}:${port}`;
  process.stdout.write(
    [
      "",
      `CivicLine hotline is running at ${url}  (knowledge base v${kbVersion}, ${ctx.db.kind})`,
      `  health: ${url}/healthz   API: ${url}/openapi.json`,
      config.adminTokenGenerated
        ? `  admin token (generated for this run; set ADMIN_TOKEN to fix it): ${config.adminToken}`
        : "",
      "",
    ]
      .filter((l) => l !== "")
      .join("\n") + "\n",
  );

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    ctx.log.info({ signal }, "shutting down");
    const timer = setTimeout(() => process.exit(1), 10_000);
    timer.unref();
    await server.close();
    await closeContext(ctx);
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
  return { ctx, server, url };
};

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    await start(loadConfig());
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(78);
    }
    process.stderr.write(`CivicLine could not start: ${(err as Error).stack ?? err}\n`);
    process.exit(1);
  }
}
