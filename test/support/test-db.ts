import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { openDb, type Db } from "../../src/adapters/storage/database.js";
import { copyTemplate } from "../../src/adapters/storage/init-data-dir.js";
import { migrate } from "../../src/adapters/storage/migrate.js";

/**
 * A migrated, empty database for one test file. On PGlite (npm test) it is in memory; under
 * `npm run test:pg` it is a fresh schema in the PostgreSQL at DATABASE_URL, dropped on close, so
 * test files never see each other's rows.
 */
export const openTestDb = async (): Promise<Db> => {
  const url = process.env.DATABASE_URL;
  if (!url) {
    // Reopening a copy of the template npm ci prepared takes a fraction of initdb's time and memory.
    const dir = path.join(mkdtempSync(path.join(tmpdir(), "civicline-db-")), "pg");
    const db = await openDb({ dataDir: copyTemplate(dir) ? dir : "memory://" });
    await migrate(db);
    const close = db.close;
    return {
      ...db,
      async close() {
        await close();
        rmSync(path.dirname(dir), { recursive: true, force: true });
      },
    };
  }
  const schema = `t_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  // Extensions are per database; create it once in public so every schema can use it.
  await admin.query("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public").catch(() => undefined);
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const sep = url.includes("?") ? "&" : "?";
  const db = await openDb({
    databaseUrl: `${url}${sep}options=${encodeURIComponent(`-c search_path=${schema},public`)}`,
    poolSize: 10,
  });
  await migrate(db);
  const close = db.close;
  return {
    ...db,
    async close() {
      await close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    },
  };
};
