// Compiles src/ to dist/ (types are checked by `npm run check`, not here) when any source is newer
// than the last build. `npm start` runs the compiled JavaScript: the TypeScript loader alone would
// cost ~35 MB of resident memory and a slower start.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const STAMP = "dist/.build-stamp";
const newest = (dir) =>
  readdirSync(dir, { withFileTypes: true }).reduce((m, e) => {
    const p = path.join(dir, e.name);
    return Math.max(m, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }, 0);

const sources = Math.max(newest("src"), statSync("tsconfig.json").mtimeMs, statSync("tsconfig.build.json").mtimeMs);
if (existsSync(STAMP) && statSync(STAMP).mtimeMs >= sources) process.exit(0);

const tsc = path.join("node_modules", "typescript", "bin", "tsc");
const r = spawnSync(process.execPath, [tsc, "-p", "tsconfig.build.json", "--noCheck"], { stdio: "inherit" });
if (r.status !== 0) {
  console.error("civicline: compiling src/ failed (see above)");
  process.exit(r.status ?? 1);
}
writeFileSync(STAMP, new Date().toISOString());
