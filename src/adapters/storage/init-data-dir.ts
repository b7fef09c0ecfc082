import { openDb } from "./database.js";
import { migrate } from "./migrate.js";

/**
 * Creates and migrates a PGlite data directory, then exits. Run in a child process at first start:
 * PGlite's initdb grows the WebAssembly heap to ~750 MB and a heap never shrinks, while reopening
 * an existing directory needs well under half of that.
 */
const dir = process.argv[2];
if (!dir) {
  process.stderr.write("usage: init-data-dir <dir>\n");
  process.exit(2);
}
const db = await openDb({ dataDir: dir });
await migrate(db);
await db.close();
