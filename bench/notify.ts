/**
 * npm run bench:notify — enqueue and drain 100,000 notifications through the outbox provider on
 * the embedded database (PGlite in a temporary data directory), and on DATABASE_URL when set (in a
 * throw-away schema). It runs the application's own path: KB template rendering and SMS length,
 * set-based outbox inserts with idempotency keys, one pg-boss job per 100 messages (sendBulk),
 * worker rounds that fetch jobs, claim their messages, "send" through the outbox provider and
 * record outcomes. Printed next to a baseline in the
 * same run: plain INSERTs of the same rows into an unindexed table with the same columns.
 * Options: --count N (default 100000), --batch N (default 1000).
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import pino from "pino";
import { startJobs } from "../src/adapters/jobs/pg-boss.js";
import { loadKbDir } from "../src/adapters/kb/load-kb-dir.js";
import { createOutboxProvider, createVoiceRequestRecorder } from "../src/adapters/sms/outbox-provider.js";
import { openDb, type Db } from "../src/adapters/storage/database.js";
import { migrate } from "../src/adapters/storage/migrate.js";
import { createOutboxStore } from "../src/adapters/storage/outbox-store.js";
import { fixedClock } from "../src/app/clock.js";
import { createNotifier, type BulkItem } from "../src/app/notifications/notifier.js";
import { prepareNotification } from "../src/app/notifications/prepare-notification.js";
import type { NewNotification } from "../src/app/notifications/ports.js";
import { normalisePhone } from "../src/domain/identity/phone.js";
import { cityInstant, localParts } from "../src/domain/time/city-time.js";

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const COUNT = arg("count", 100_000);
const BATCH = arg("batch", 1000);
const TZ = "Asia/Shanghai";
const QUEUE = "notifications-deliver";

const loaded = await loadKbDir("kb");
if (!loaded.ok) throw new Error("kb/ does not load; run civicline kb validate");
const kb = loaded.kb;
// Throughput is measured in the daytime: at night non-urgent texts would (correctly) wait for 08:00.
const clock = fixedClock(cityInstant(localParts(new Date(), TZ), "10:00", TZ));

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const rate = (n: number, ms: number) => `${Math.round(n / (ms / 1000)).toLocaleString("en-US")} msgs/s`;

const sizes = async (db: Db, bossSchema: string) => {
  const q = async (sql: string, args: unknown[] = []) => Number((await db.query(sql, args)).rows[0]!.n ?? 0);
  return {
    database: await q("SELECT pg_database_size(current_database()) AS n"),
    notifications: await q("SELECT pg_total_relation_size(to_regclass('notifications')) AS n"),
    plain: await q("SELECT COALESCE(pg_total_relation_size(to_regclass('bench_plain_notifications')), 0) AS n"),
    jobs: await q(
      `SELECT COALESCE(sum(pg_total_relation_size(c.oid)), 0) AS n FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
       WHERE s.nspname = $1 AND c.relkind IN ('r', 'm')`,
      [bossSchema],
    ),
  };
};

const item = (runId: string, i: number): BulkItem => ({
  templateId: i % 2 ? "sms.checklist" : "sms.hall-info",
  phone: `+86139${String(i).padStart(8, "0")}`,
  locale: i % 10 === 9 ? "en" : "zh",
  variables:
    i % 2
      ? { itemName: "普通护照首次申领", link: `https://civicline.example/s/${runId}${String(i).padStart(8, "0")}` }
      : {
          hallName: "示范市市民中心",
          address: "示范市中心区人民大道100号",
          hallHours: "周一至周五8:30–17:30",
          queueWaiting: i % 30,
          link: `https://civicline.example/s/${runId}${i}`,
        },
  idempotencyKey: `bench:${runId}:${i}`,
});

/** The rows the outbox would hold for these items, for the plain-INSERT baseline. */
const rows = (runId: string, from: number, n: number): NewNotification[] =>
  Array.from({ length: n }, (_, k) => {
    const it = item(runId, from + k);
    return prepareNotification({
      templateId: it.templateId,
      phone: it.phone,
      citizenId: null,
      locale: it.locale!,
      variables: it.variables,
      idempotencyKey: it.idempotencyKey,
      kb,
      kbVersion: 1,
      now: clock.now(),
      tz: TZ,
      optedOut: false,
    });
  });

const run = async (label: string, db: Db) => {
  await migrate(db);
  const log = pino({ level: "silent" });
  const jobs = await startJobs(db, log, [QUEUE]);
  const bossSchema =
    (await db.query("SELECT current_schema() AS s")).rows[0]!.s === "public"
      ? "pgboss"
      : `${(await db.query("SELECT current_schema() AS s")).rows[0]!.s}_pgboss`;
  const outbox = createOutboxStore(db);
  const notifier = createNotifier({
    kb: { current: async () => ({ version: 1, kb }) },
    clock,
    tz: TZ,
    outbox,
    providers: { sms: createOutboxProvider(), voice: createVoiceRequestRecorder() },
    jobs: { wake: (ids, delaySeconds) => jobs.send(QUEUE, { ids }, delaySeconds) },
    recipients: { byCitizen: async () => undefined, byPhone: async () => undefined },
    random: Math.random,
    normalisePhone,
  });
  const runId = randomBytes(3).toString("hex");

  // Baseline: the same rows, plain INSERTs (one multi-row statement per batch), no indexes, no jobs.
  await db.query("CREATE TABLE IF NOT EXISTS bench_plain_notifications (LIKE notifications INCLUDING DEFAULTS)");
  const s0 = await sizes(db, bossSchema);
  let t = performance.now();
  for (let i = 0; i < COUNT; i += BATCH) {
    const batch = rows(`p${runId}`, i, Math.min(BATCH, COUNT - i));
    await db.query(
      `INSERT INTO bench_plain_notifications (idempotency_key, channel, phone, template_id, locale, variables, body, characters, segments, kb_version, urgent, status, next_attempt_at, created_at, updated_at)
       SELECT * , t.created FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[], $7::text[], $8::int[], $9::int[], $10::int[], $11::bool[], $12::text[], $13::timestamptz[], $14::timestamptz[])
         AS t(k, ch, ph, tid, loc, vars, body, chars, segs, kbv, urg, st, due, created)`,
      [
        batch.map((r) => r.idempotencyKey),
        batch.map((r) => r.channel),
        batch.map((r) => r.phone),
        batch.map((r) => r.templateId),
        batch.map((r) => r.locale),
        batch.map((r) => JSON.stringify(r.variables)),
        batch.map((r) => r.body),
        batch.map((r) => r.characters),
        batch.map((r) => r.segments),
        batch.map((r) => r.kbVersion),
        batch.map((r) => r.urgent),
        batch.map((r) => r.status),
        batch.map((r) => r.nextAttemptAt),
        batch.map((r) => r.createdAt),
      ],
    );
  }
  const plainMs = performance.now() - t;
  const s1 = await sizes(db, bossSchema);

  // Enqueue: the bulk send path — render, check opt-outs, insert (idempotency key unique), and
  // one pg-boss job per 100 messages to wake the worker.
  t = performance.now();
  const items = Array.from({ length: COUNT }, (_, i) => item(runId, i));
  const queued = await notifier.sendBulk(items, BATCH);
  const enqueueMs = performance.now() - t;
  const s2 = await sizes(db, bossSchema);

  // Drain: a worker fetches a batch of jobs, delivers those messages, completes the jobs.
  t = performance.now();
  let delivered = 0;
  for (;;) {
    const batch = await jobs.boss.fetch<{ ids: string[] }>(QUEUE, { batchSize: Math.max(1, Math.floor(BATCH / 100)) });
    if (!batch || batch.length === 0) break;
    const ids = batch.flatMap((j) => j.data.ids);
    delivered += (await notifier.deliver({ ids, limit: ids.length })).claimed;
    await jobs.boss.complete(
      QUEUE,
      batch.map((j) => j.id),
    );
  }
  const drainMs = performance.now() - t;
  const s3 = await sizes(db, bossSchema);
  const sent = Number(
    (
      await db.query("SELECT count(*) AS n FROM notifications WHERE status = 'sent' AND idempotency_key LIKE $1", [
        `bench:${runId}:%`,
      ])
    ).rows[0]!.n,
  );
  await jobs.stop();

  console.log(`\n== ${label}: ${COUNT.toLocaleString("en-US")} notifications, batches of ${BATCH}`);
  console.log(
    `baseline  plain INSERTs (no indexes, no jobs):  ${(plainMs / 1000).toFixed(1)} s  ${rate(COUNT, plainMs)}   table +${mb(s1.plain - s0.plain)}, database +${mb(s1.database - s0.database)}`,
  );
  console.log(
    `enqueue   outbox rows + 1 job per 100:          ${(enqueueMs / 1000).toFixed(1)} s  ${rate(COUNT, enqueueMs)}   outbox +${mb(s2.notifications - s1.notifications)}, jobs +${mb(s2.jobs - s1.jobs)}, database +${mb(s2.database - s1.database)}`,
  );
  console.log(
    `drain     fetch jobs, claim, send, record:      ${(drainMs / 1000).toFixed(1)} s  ${rate(COUNT, drainMs)}   outbox +${mb(s3.notifications - s2.notifications)}, jobs +${mb(s3.jobs - s2.jobs)}, database +${mb(s3.database - s2.database)}`,
  );
  console.log(
    `end to end (enqueue + drain):                   ${((enqueueMs + drainMs) / 1000).toFixed(1)} s  ${rate(COUNT, enqueueMs + drainMs)}   sent ${sent.toLocaleString("en-US")}/${COUNT.toLocaleString("en-US")} (queued ${queued.created.toLocaleString("en-US")}, claimed ${delivered.toLocaleString("en-US")})`,
  );
  console.log(
    `sizes     before ${mb(s0.database)} → after ${mb(s3.database)} (outbox ${mb(s3.notifications)}, pg-boss ${mb(s3.jobs)}, baseline table ${mb(s3.plain)}); overhead vs baseline ×${((s3.notifications + s3.jobs) / Math.max(1, s3.plain)).toFixed(1)} bytes, ×${((enqueueMs + drainMs) / plainMs).toFixed(1)} time`,
  );
  if (sent !== COUNT) throw new Error(`only ${sent} of ${COUNT} were sent`);
};

const dir = mkdtempSync(path.join(tmpdir(), "civicline-bench-notify-"));
try {
  const db = await openDb({ dataDir: path.join(dir, "pg") });
  try {
    await run("embedded PGlite (temporary data directory)", db);
  } finally {
    await db.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const url = process.env.DATABASE_URL;
if (url) {
  const schema = `bench_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public").catch(() => undefined);
  await admin.query(`CREATE SCHEMA ${schema}`);
  try {
    const sep = url.includes("?") ? "&" : "?";
    const db = await openDb({
      databaseUrl: `${url}${sep}options=${encodeURIComponent(`-c search_path=${schema},public`)}`,
      poolSize: 10,
    });
    try {
      await run(`PostgreSQL at DATABASE_URL (schema ${schema}, dropped afterwards)`, db);
    } finally {
      await db.close();
    }
  } finally {
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.query(`DROP SCHEMA IF EXISTS ${schema}_pgboss CASCADE`);
    await admin.end();
  }
} else {
  console.log("\n(DATABASE_URL not set: PostgreSQL pass skipped)");
}
