import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

// `npm start` on a fresh data directory, as a newcomer runs it: healthy within 10 s, then a clean
// SIGTERM shutdown that releases the embedded database.
const dataDir = mkdtempSync(path.join(tmpdir(), "civicline-start-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const waitHealthy = async (url: string, deadline: number) => {
  while (Date.now() < deadline) {
    const ok = await fetch(url).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
};

describe("npm start", () => {
  it("answers /healthz within 10 s of a fresh start and shuts down cleanly on SIGTERM", async () => {
    const port = 39_000 + Math.floor(Math.random() * 500);
    // exactly what `npm start` runs (npm itself would turn SIGTERM into its own exit status)
    const started = Date.now();
    // npm start = prestart (compile src/ when stale) + start; run the same two steps
    const scripts = JSON.parse(readFileSync("package.json", "utf8")).scripts as Record<string, string>;
    expect(spawnSync("sh", ["-c", scripts.prestart!], { stdio: "inherit" }).status).toBe(0);
    const script = scripts.start!;
    const [node, ...args] = script.split(" ");
    expect(node).toBe("node");
    const child = spawn(process.execPath, args, {
      env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: "warn" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    const healthy = await waitHealthy(`http://127.0.0.1:${port}/healthz`, started + 10_000);
    const elapsed = Date.now() - started;
    expect(healthy, `not healthy after ${elapsed} ms:\n${out}`).toBe(true);
    expect(out).toContain(`http://127.0.0.1:${port}`);

    const ready = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.json());
    expect(ready).toMatchObject({ ok: true, kbVersion: 1 });

    const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(existsSync(path.join(dataDir, "pg", "civicline.lock"))).toBe(false);
  });
});
