/**
 * npm run bench:kb — knowledge-base load time, search latency over 1,000 queries (against a
 * LIKE-scan baseline on the same rows in the same run) and the server's idle RSS on the embedded
 * database, fresh and reopened (against a bare PGlite process as baseline).
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { loadKbDir } from "../src/adapters/kb/load-kb-dir.js";
import { openDb } from "../src/adapters/storage/database.js";
import { migrate } from "../src/adapters/storage/migrate.js";
import { createKbStore } from "../src/adapters/storage/kb-store.js";
import { createSearchSegmenter } from "../src/adapters/text/segmenter.js";
import { createKbService } from "../src/app/kb/kb-service.js";
import { createLocalNlu } from "../src/adapters/nlu/create-local-nlu.js";

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const ms = (x: number) => `${x.toFixed(2)} ms`;

// 1. Load + validate kb/ (median of 5)
const loads: number[] = [];
let kb;
for (let i = 0; i < 5; i++) {
  const t = performance.now();
  const r = await loadKbDir("kb");
  loads.push(performance.now() - t);
  if (!r.ok) throw new Error("kb/ does not load; run civicline kb validate");
  kb = r.kb;
}
console.log(`KB: ${kb!.items.length} items, ${kb!.events.length} events, ${kb!.halls.length} halls`);
console.log(`KB load + validate: median ${ms(pct(loads, 50))} (first ${ms(loads[0]!)})`);

// 2. Search on the embedded database
const db = await openDb({ dataDir: "memory://" });
await migrate(db);
const service = createKbService({
  store: createKbStore(db),
  segmenterFor: (v) => {
    const s = createSearchSegmenter(v);
    return (t) => s.cutForSearch(t);
  },
  now: () => Date.now(),
  refreshMs: 60_000,
});
await service.saveDraft(kb!, "bench", "bench");
const tPub = performance.now();
await service.publish("bench", "bench");
console.log(
  `Publish (index ${kb!.items.length + kb!.events.length + kb!.halls.length}+ docs): ${ms(performance.now() - tPub)}`,
);

const everyday = [
  "身份证丢了怎么补办",
  "护照过期了怎么换",
  "驾照到期换证",
  "新生儿怎么上户口",
  "社保卡丢了",
  "公积金提取",
  "结婚登记要带什么",
  "港澳通行证签注",
  "异地就医备案",
  "养老金资格认证",
  "户口迁移",
  "无犯罪记录证明",
];
const queries = Array.from({ length: 1000 }, (_, i) => {
  const item = kb!.items[i % kb!.items.length]!;
  return i % 3 === 0 ? everyday[i % everyday.length]! : item.phrasings[i % item.phrasings.length]!;
});
const time = async (fn: (q: string) => Promise<unknown>) => {
  for (const q of queries.slice(0, 50)) await fn(q); // warm-up
  const lat: number[] = [];
  const t0 = performance.now();
  for (const q of queries) {
    const t = performance.now();
    await fn(q);
    lat.push(performance.now() - t);
  }
  return { lat, qps: queries.length / ((performance.now() - t0) / 1000) };
};
// As GET /api/kb/search does: the NLU's reading of the query lifts the codes it is about.
const nlu = createLocalNlu(kb!);
const prior = async (q: string) => {
  const r = await nlu.interpret(q, { today: "2026-11-25" });
  return new Map([
    [r.intent, r.confidence],
    ...r.alternatives.slice(0, 2).map((a) => [a.intent, a.confidence] as const),
  ]);
};
const ours = await time(async (q) => service.search(q, 10, await prior(q)));
// Baseline: what a naive implementation does — substring match of the whole query over titles and bodies.
const like = await time((q) =>
  db.query("SELECT code FROM kb_search_docs WHERE title LIKE $1 OR body LIKE $1 LIMIT 10", [`%${q}%`]),
);
let top1 = 0;
const checks: [string, string][] = [
  ["身份证丢了怎么补办", "id-card.replace"],
  ["护照过期了怎么换", "passport.renew"],
  ["驾照到期换证", "driving-licence.renew"],
  ["新生儿怎么上户口", "hukou.birth"],
  ["社保卡丢了挂失", "ssc.replace"],
  ["公积金怎么提取", "housing-fund.withdraw"],
];
for (const [q, code] of checks) if ((await service.search(q, 3, await prior(q))).hits[0]?.code === code) top1++;
console.log(
  `Search over 1,000 queries (NLU prior + jieba tsvector + pg_trgm): p50 ${ms(pct(ours.lat, 50))}, p99 ${ms(pct(ours.lat, 99))}, ${ours.qps.toFixed(0)} q/s; everyday top-1 ${top1}/${checks.length}`,
);
console.log(
  `Baseline LIKE scan, same rows:                          p50 ${ms(pct(like.lat, 50))}, p99 ${ms(pct(like.lat, 99))}, ${like.qps.toFixed(0)} q/s (finds ranked answers for almost nothing)`,
);
await db.close();

// 3. Idle RSS of the server (npm start), fresh data dir and reopened, vs a bare PGlite process.
const rssOf = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))![1]) / 1024;
const waitFor = async (url: string, timeoutMs: number) => {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer`);
};
const serverRss = async (dataDir: string, port: number) => {
  const t0 = performance.now();
  // exactly what `npm start` runs (prestart compiles src/ when stale)
  spawnSync("node", ["scripts/build-if-stale.mjs"], { stdio: "inherit" });
  const startArgs = (JSON.parse(readFileSync("package.json", "utf8")).scripts.start as string).split(" ").slice(1);
  const child = spawn(process.execPath, startArgs, {
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: "warn", NODE_ENV: "production" },
    stdio: "ignore",
  });
  await waitFor(`http://127.0.0.1:${port}/healthz`, 60_000);
  const ready = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 3000)); // idle
  const rss = rssOf(child.pid!);
  child.kill("SIGTERM");
  await new Promise((r) => child.on("exit", r));
  return { rss, ready };
};
const dir = mkdtempSync(path.join(tmpdir(), "bench-kb-"));
try {
  const fresh = await serverRss(dir, 39_301);
  const again = await serverRss(dir, 39_302);
  const bare = spawn(
    process.execPath,
    [
      "--input-type=module",
      "-e",
      `const {PGlite}=await import("@electric-sql/pglite");const db=await PGlite.create(${JSON.stringify(path.join(dir, "bare"))});await db.query("select 1");setInterval(()=>{},1000);`,
    ],
    { stdio: "ignore" },
  );
  await new Promise((r) => setTimeout(r, 8000));
  const bareRss = rssOf(bare.pid!);
  bare.kill();
  console.log(
    `Server idle RSS, first start (fresh data dir):       ${fresh.rss.toFixed(0)} MB, /healthz after ${(fresh.ready / 1000).toFixed(1)} s`,
  );
  console.log(
    `Server idle RSS, restart on existing data:           ${again.rss.toFixed(0)} MB, /healthz after ${(again.ready / 1000).toFixed(1)} s`,
  );
  console.log(
    `Baseline: bare PGlite process that ran initdb in-process:          ${bareRss.toFixed(0)} MB  (ratio server/bare ${(again.rss / bareRss).toFixed(2)})`,
  );
  console.log(`Target idle RSS ≤ 400 MB: ${Math.max(fresh.rss, again.rss) <= 400 ? "met" : "NOT met"}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
