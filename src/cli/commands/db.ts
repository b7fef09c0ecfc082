import { openDb, pgliteDir } from "../../adapters/storage/database.js";
import { migrate } from "../../adapters/storage/migrate.js";
import { loadConfig } from "../../config.js";
import type { CliIo } from "../main.js";

export const run = async (args: string[], io: CliIo): Promise<number> => {
  if (args[0] !== "migrate") {
    io.stdout.write("civicline db migrate    apply migrations to DATABASE_URL or the embedded database in DATA_DIR\n");
    return args[0] === "--help" ? 0 : 2;
  }
  const config = loadConfig();
  const db = await openDb({ databaseUrl: config.DATABASE_URL, dataDir: pgliteDir(config.dataDir) });
  try {
    const applied = await migrate(db);
    io.stdout.write(applied.length ? `applied: ${applied.join(", ")}\n` : "database is up to date\n");
    return 0;
  } finally {
    await db.close();
  }
};
