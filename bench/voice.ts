/**
 * npm run bench:voice — many concurrent simulated phone calls through POST /voice/twilio over
 * real HTTP on 127.0.0.1, each call several turns (NLU, dialogue, database writes, SMS into the
 * outbox), on the embedded PGlite and on PostgreSQL, next to a bare Fastify route answering fixed
 * TwiML in the same run. Bounded: CALLS calls or SECONDS seconds per run, whichever comes first.
 *
 *   BENCH_CALLS=600 BENCH_CONCURRENCY=16 BENCH_SECONDS=30 npm run bench:voice
 *   DATABASE_URL=postgresql://… npm run bench:voice   (otherwise a throwaway database is created)
 */
import { randomBytes } from "node:crypto";
import { Agent, request } from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import formbody from "@fastify/formbody";
import Fastify, { type FastifyInstance } from "fastify";
import pg from "pg";
import { openDb, type Db } from "../src/adapters/storage/database.js";
import { migrate } from "../src/adapters/storage/migrate.js";
import { buildContext, closeContext, ensureKbPublished } from "../src/compose.js";
import { loadConfig } from "../src/config.js";
import { buildServer } from "../src/http/server.js";
import { startAreas } from "../src/start-areas.js";
import { findAll, parseXml } from "../test/scenarios/support/xml.js";

const CALLS = Number(process.env.BENCH_CALLS ?? 600);
// Requests in flight at once. A live call spends seconds speaking and listening per turn and
// milliseconds in a webhook, so 16 in flight stands for hundreds of simultaneous calls.
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
/** which hotline runs: "pglite", "postgres" or both (default); the bare route always runs */
const ONLY = process.env.BENCH_ONLY;
const PG_ADMIN = process.env.BENCH_PG_ADMIN ?? "postgresql://postgres@127.0.0.1:5432/postgres";

/** Caller scripts: typed like the scenario suite's, each turn is speech (text), keys (#digits) or silence (""). */
const SCRIPTS: { from: (i: number) => string; turns: string[] }[] = [
  { from: () => "+8613700137000", turns: ["我要给新生儿办医保", "#1", "没有别的了，谢谢"] },
  { from: (i) => unknown(i), turns: ["护照快过期了，换新的要带什么", "#1", "", "好的谢谢，再见"] },
  { from: (i) => unknown(i), turns: ["身份证丢了怎么补办", "要多久能拿到", "#1", "谢谢"] },
  { from: () => "+8613800138000", turns: ["明天的预约在哪里办", "驾驶证到期了怎么换", "#1", "没有了"] },
  { from: (i) => unknown(i), turns: ["公积金租房提取怎么弄", "", "社保卡密码忘了", "谢谢再见"] },
];
const unknown = (i: number) => `+86139${String(10_000_000 + ((i * 7919) % 89_999_999)).padStart(8, "0")}`;

interface RunResult {
  label: string;
  /** this process's CPU (user + system) per turn: server and client together */
  cpuMsPerTurn: number;
  turns: number;
  calls: number;
  errors: number;
  seconds: number;
  latencies: number[];
  firstError?: string;
}

const pct = (xs: number[], p: number) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

const post = (agent: Agent, port: number, url: string, body: string) =>
  new Promise<{ status: number; body: string; fallback: boolean }>((resolve, reject) => {
    const req = request(
      {
        agent,
        host: "127.0.0.1",
        port,
        method: "POST",
        path: url,
        headers: { "content-type": "application/x-www-form-urlencoded", "content-length": Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString("utf8"),
            fallback: res.headers["x-civicline-fallback"] === "1",
          }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });

/** Where the TwiML says the next input goes: the Gather's action (path and query only). */
const nextPath = (twiml: string): string | undefined => {
  const gather = findAll(parseXml(twiml), "Gather")[0];
  if (!gather?.attrs.action) return undefined;
  const u = new URL(gather.attrs.action, "http://x.invalid");
  return `${u.pathname}${u.search}`;
};

let runNo = 0;

const drive = async (label: string, port: number, opts: { follow: boolean; calls?: number }): Promise<RunResult> => {
  const run = ++runNo;
  const total = opts.calls ?? CALLS;
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const latencies: number[] = [];
  let errors = 0;
  let turns = 0;
  let calls = 0;
  let next = 0;
  let firstError: string | undefined;
  const deadline = performance.now() + SECONDS * 1000;
  const fail = (why: string) => {
    errors++;
    firstError ??= why;
  };

  const oneCall = async (i: number) => {
    const script = SCRIPTS[i % SCRIPTS.length]!;
    // unique per run: the same CallSid again would be answered as a provider's retry
    const sid = `CA${i.toString(16).padStart(8, "0")}${process.pid.toString(16).padStart(8, "0")}${run.toString(16).padStart(8, "0")}${Date.now().toString(16).slice(-8).padStart(8, "0")}`;
    const base = {
      CallSid: sid,
      AccountSid: `AC${"0".repeat(32)}`,
      From: script.from(i),
      To: "+12025550123",
      CallStatus: "in-progress",
      Direction: "inbound",
    };
    let url: string | undefined = "/voice/twilio";
    for (let t = 0; t <= script.turns.length && url; t++) {
      const input = t === 0 ? undefined : script.turns[t - 1]!;
      const fields: Record<string, string> = { ...base };
      if (input?.startsWith("#")) fields.Digits = input.slice(1);
      else if (input) Object.assign(fields, { SpeechResult: input, Confidence: "0.9" });
      const started = performance.now();
      try {
        const res = await post(agent, port, url, new URLSearchParams(fields).toString());
        latencies.push(performance.now() - started);
        turns++;
        if (res.status !== 200 || res.fallback) {
          fail(`${url} → ${res.status}${res.fallback ? " (fallback)" : ""} ${res.body.slice(0, 160)}`);
          return;
        }
        url = opts.follow ? nextPath(res.body) : url;
      } catch (err) {
        fail(`${url}: ${(err as Error).message}`);
        return;
      }
    }
    calls++;
  };

  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < total && performance.now() < deadline) await oneCall(next++);
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  agent.destroy();
  return {
    label,
    cpuMsPerTurn: (cpu.user + cpu.system) / 1000 / Math.max(1, turns),
    turns,
    calls,
    errors,
    seconds,
    latencies,
    ...(firstError ? { firstError } : {}),
  };
};

const report = (r: RunResult) => {
  const line = [
    r.label.padEnd(34),
    `${(r.turns / r.seconds).toFixed(0).padStart(6)} turns/s`,
    `p50 ${pct(r.latencies, 50).toFixed(1).padStart(6)} ms`,
    `p99 ${pct(r.latencies, 99).toFixed(1).padStart(6)} ms`,
    `${String(r.turns).padStart(6)} turns`,
    `${String(r.calls).padStart(5)} calls`,
    `errors ${r.errors}`,
    `cpu ${r.cpuMsPerTurn.toFixed(2)} ms/turn`,
  ].join("  ");
  console.log(line);
  if (r.firstError) console.log(`  first error: ${r.firstError}`);
};

const listen = async (app: FastifyInstance) => {
  await app.listen({ host: "127.0.0.1", port: 0 });
  const addr = app.server.address();
  if (!addr || typeof addr === "string") throw new Error("no port");
  return addr.port;
};

const FIXED_TWIML =
  '<?xml version="1.0" encoding="UTF-8"?><Response><Gather input="dtmf speech" action="/voice/twilio" method="POST" language="cmn-Hans-CN" timeout="6"><Say language="cmn-CN">您好，这里是市民服务热线，请直接说出您要办理的业务，转人工请按0。</Say></Gather></Response>';

const bare = async (): Promise<RunResult> => {
  const app = Fastify({ logger: false });
  await app.register(formbody);
  app.post("/voice/twilio", async (_req, reply) =>
    reply.header("content-type", "text/xml; charset=utf-8").send(FIXED_TWIML),
  );
  const port = await listen(app);
  try {
    await drive("bare Fastify, fixed TwiML (warm-up)", port, { follow: true, calls: 100 });
    return await drive("bare Fastify, fixed TwiML", port, { follow: true });
  } finally {
    await app.close();
  }
};

const hotline = async (label: string, db: Db, databaseUrl?: string): Promise<RunResult> => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "civicline-bench-"));
  const config = loadConfig({
    NODE_ENV: "production",
    LOG_LEVEL: process.env.LOG_LEVEL ?? "silent",
    DATA_DIR: dataDir,
    KB_DIR: path.resolve("kb"),
    ADMIN_TOKEN: "bench-admin-token-0123456789",
    // production refuses the demo key file; a throwaway key for this run
    PII_KEY: randomBytes(32).toString("hex"),
    INTEGRATION_KEYS: "department-systems:bench-key-0001",
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  });
  const ctx = await buildContext(config, { db });
  await ensureKbPublished(ctx);
  await startAreas(ctx);
  const server = await buildServer(ctx);
  const port = await listen(server);
  try {
    const warm = await drive(`${label} (warm-up)`, port, { follow: true, calls: Math.min(CALLS, 100) });
    if (warm.errors) report(warm);
    return await drive(label, port, { follow: true });
  } finally {
    await server.close();
    await closeContext(ctx);
    rmSync(dataDir, { recursive: true, force: true });
  }
};

const withPostgres = async <T>(fn: (url: string) => Promise<T>): Promise<T> => {
  if (process.env.DATABASE_URL) return fn(process.env.DATABASE_URL);
  const name = `civicline_bench_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  try {
    return await fn(PG_ADMIN.replace(/\/[^/]*$/, `/${name}`));
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
};

// pg-boss (the journey area's job queue) can reject after the pool has closed at shutdown; that is
// not a turn error, so note it instead of letting it end the run before the summary.
process.on("unhandledRejection", (err) =>
  console.log(`note: rejection after shutdown: ${(err as Error)?.message ?? err}`),
);

console.log(
  `bench:voice — ${CALLS} calls per run (≤ ${SECONDS} s), ${CONCURRENCY} at a time, ${SCRIPTS.length} caller scripts of 3–5 turns`,
);
// Other work on the machine skews every figure; the bare route in the same run shows by how much.
console.log(
  `machine: ${cpus().length} CPUs, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}`,
);
const results: RunResult[] = [];
results.push(await bare());
report(results.at(-1)!);

if (ONLY !== "postgres") {
  const lite = await openDb({ dataDir: "memory://" });
  await migrate(lite);
  results.push(await hotline("hotline on PGlite (in-process)", lite));
  report(results.at(-1)!);
}

if (ONLY !== "pglite")
  try {
    const r = await withPostgres(async (url) => {
      const db = await openDb({ databaseUrl: url, poolSize: Number(process.env.DATABASE_POOL_SIZE ?? 20) });
      await migrate(db);
      return hotline("hotline on PostgreSQL", db, url);
    });
    results.push(r);
    report(r);
    const ok = r.turns / r.seconds >= 500 && pct(r.latencies, 99) <= 100 && r.errors === 0;
    console.log(`target on PostgreSQL (≥ 500 turns/s, p99 ≤ 100 ms, no errors): ${ok ? "met" : "MISSED"}`);
  } catch (err) {
    console.log(`PostgreSQL run skipped: ${(err as Error).message}`);
  }
process.exit(results.some((r) => r.errors) ? 1 : 0);
