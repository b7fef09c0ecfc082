import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";

/**
 * One SQL code path over node-postgres. The embedded default is PGlite (PostgreSQL compiled to
 * WebAssembly) in-process through its node-postgres adapter; with DATABASE_URL it is a real
 * PostgreSQL. Stores only ever see `Db`.
 */

export type Queryable = Pick<pg.PoolClient, "query">;

export interface Db {
  readonly kind: "pglite" | "postgres";
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
  /** Runs fn in one transaction; rolls back if it throws. */
  tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** the underlying pool, for libraries that take one (pg-boss) */
  readonly pool: pg.Pool;
}

export interface OpenDbOptions {
  databaseUrl?: string;
  /** PGlite data directory; "memory://" for a throw-away database */
  dataDir?: string;
  poolSize?: number;
}

// PGlite's WASM heap is sized at first open; keeping extensions to the ones we use keeps it small.
const openPglite = async (dataDir: string) => {
  const { PGlite } = await import("@electric-sql/pglite");
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  if (!dataDir.startsWith("memory://")) mkdirSync(dataDir, { recursive: true });
  // Extensions must be passed on every open: an index using gin_trgm_ops fails otherwise.
  return PGlite.create(dataDir.startsWith("memory://") ? undefined : dataDir, {
    extensions: { pg_trgm },
    // PostgreSQL's default 128 MB of shared buffers lives inside the WASM heap and is never given
    // back; the demo city's data fits in a few MB, so 16 MB saves ~110 MB of resident memory.
    startParams: [...PGlite.defaultStartParams, "-c", "shared_buffers=16MB", "-c", "work_mem=4MB"],
  });
};

export const openDb = async (opts: OpenDbOptions): Promise<Db> => {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    pool.on("error", () => undefined); // idle-client errors surface on the next query instead
    return wrap("postgres", pool, async () => pool.end());
  }
  const dataDir = opts.dataDir ?? "memory://";
  const unlock = dataDir.startsWith("memory://") ? () => undefined : lockDataDir(dataDir);
  const pglite = await openPglite(dataDir).catch((e) => {
    unlock();
    throw e;
  });
  const { createPgConfig } = await import("@electric-sql/pglite/node-postgres");
  // poolSize is 1: PGlite is a single session, so the pool serialises every client.
  const pool = new pg.Pool(createPgConfig(pglite) as unknown as pg.PoolConfig);
  return wrap("pglite", pool, async () => {
    await pool.end();
    await pglite.close();
    unlock();
  });
};

const wrap = (kind: Db["kind"], pool: pg.Pool, close: () => Promise<void>): Db => ({
  kind,
  pool,
  query: (text, values) => pool.query(text, values as unknown[]),
  async tx(fn) {
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      const result = await fn(client);
      await client.query("COMMIT");
      return result;
    } catch (err) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  },
  close,
});

export const pgliteDir = (dataDir: string) => path.join(dataDir, "pg");
export const pgliteExists = (dataDir: string) => existsSync(path.join(pgliteDir(dataDir), "PG_VERSION"));

/**
 * PGlite is one process's database: a second process opening the same directory would corrupt it.
 * A lock file with our pid keeps the CLI from opening it while `npm start` runs.
 */
const lockDataDir = (dataDir: string): (() => void) => {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, "civicline.lock");
  if (existsSync(file)) {
    const pid = Number(readFileSync(file, "utf8"));
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new Error(
        `The embedded database in ${dataDir} is in use by process ${pid} (is "npm start" running?). ` +
          "Stop it first, or use the running server's admin API.",
      );
    }
  }
  writeFileSync(file, String(process.pid));
  return () => rmSync(file, { force: true });
};

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
};
