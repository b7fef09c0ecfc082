import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { openDb, pgliteDir, pgliteExists } from "./database.js";
import { migrate } from "./migrate.js";

/**
 * Creates and migrates a PGlite data directory, then exits. Run in a child process: PGlite's
 * initdb grows the WebAssembly heap to ~750 MB and a heap never shrinks, while reopening an
 * existing directory needs well under half of that.
 *
 * `npm ci` runs it once (the `prepare` script) into TEMPLATE_DIR, so that `npm start` on a fresh
 * clone copies a ready directory instead of spending ~5 s in initdb.
 */
export const TEMPLATE_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../../node_modules/.cache/civicline/pg-template",
);

export const templateReady = () => existsSync(path.join(TEMPLATE_DIR, "PG_VERSION"));

/** Copies the template into dir; false when there is no template (then run this script). */
export const copyTemplate = (dir: string): boolean => {
  if (!templateReady()) return false;
  mkdirSync(path.dirname(dir), { recursive: true });
  cpSync(TEMPLATE_DIR, dir, { recursive: true, filter: (src) => !src.endsWith("civicline.lock") });
  return true;
};

/**
 * Makes sure DATA_DIR holds an embedded database: nothing to do with DATABASE_URL or an existing
 * directory; else a copy of the template, else initdb in a child process (see above). Returns
 * true when it had to create one.
 */
export const ensureEmbeddedDataDir = (
  dataDir: string,
  databaseUrl?: string,
  say: (line: string) => void = () => {},
): boolean => {
  const dir = pgliteDir(dataDir);
  if (databaseUrl || pgliteExists(dataDir)) return false;
  if (copyTemplate(dir)) return true;
  say(`Creating the embedded database in ${dir} …`);
  // Always load tsx explicitly: the CLI registers it in-process, so execArgv does not carry it.
  const r = spawnSync(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), dir], { stdio: "inherit" });
  if (r.status !== 0) throw new Error(`could not create the embedded database in ${dir}`);
  return true;
};

const init = async (dir: string) => {
  const db = await openDb({ dataDir: dir });
  await migrate(db);
  await db.close();
};

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const arg = process.argv[2];
  if (!arg) {
    process.stderr.write("usage: init-data-dir <dir> | --template\n");
    process.exit(2);
  }
  if (arg === "--template") {
    // Best effort: a failure here only costs the first start a few seconds.
    try {
      rmSync(TEMPLATE_DIR, { recursive: true, force: true });
      await init(TEMPLATE_DIR);
    } catch (e) {
      process.stderr.write(
        `civicline: could not prepare the embedded database template (${(e as Error).message}); npm start will create it.\n`,
      );
      rmSync(TEMPLATE_DIR, { recursive: true, force: true });
    }
  } else {
    await init(arg);
  }
}
