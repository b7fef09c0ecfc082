import PgBoss from "pg-boss";
import type { Logger } from "pino";
import type { Db } from "../storage/database.js";

/**
 * Background jobs on pg-boss over the application's own database and connection pool (on PGlite
 * the pool has one connection, so pg-boss must share it through `db.executeSql`). pg-boss keeps
 * its tables in its own schema: "pgboss" beside public, or "<schema>_pgboss" when the app runs in
 * another schema (each test database is one), so two apps sharing a server never take each
 * other's jobs.
 */

export interface Jobs {
  boss: PgBoss;
  send(queue: string, data: object, delaySeconds?: number): Promise<void>;
  sendMany(queue: string, items: { data: object; delaySeconds?: number }[]): Promise<void>;
  /** handler gets a batch; returns the worker id */
  work<T extends object>(
    queue: string,
    opts: { batchSize: number; pollingIntervalSeconds?: number },
    handler: (data: T[]) => Promise<void>,
  ): Promise<string>;
  notify(workerId: string): void;
  stop(): Promise<void>;
}

export const startJobs = async (db: Db, log: Logger, queues: string[]): Promise<Jobs> => {
  const current = (await db.query<{ s: string }>("SELECT current_schema() AS s")).rows[0]?.s ?? "public";
  const schema = current === "public" ? "pgboss" : `${current}_pgboss`;
  // After stop() the pool may be ended while pg-boss still records a job's outcome (it does not
  // await complete()/fail()); that bookkeeping is dropped then. A job left active is retried by
  // pg-boss later, and the outbox's idempotency keys keep a retry from sending twice.
  let closed = false;
  let inFlight = 0;
  const boss = new PgBoss({
    db: {
      executeSql: (text: string, values: unknown[]) =>
        closed ? Promise.resolve({ rows: [], rowCount: 0 }) : db.query(text, values),
    },
    schema,
    // cron schedules are not used; the notification sweeper is a plain timer
    schedule: false,
    supervise: true,
    maintenanceIntervalSeconds: 300,
    monitorStateIntervalSeconds: 60,
  });
  boss.on("error", (err: Error) => log.error({ err: { message: err.message } }, "job queue error"));
  await boss.start();
  for (const q of queues) if (!(await boss.getQueue(q))) await boss.createQueue(q);

  const workers: string[] = [];
  return {
    boss,
    async send(queue, data, delaySeconds = 0) {
      await boss.send(queue, data, delaySeconds > 0 ? { startAfter: Math.ceil(delaySeconds) } : {});
    },
    async sendMany(queue, items) {
      // insert() takes absolute start times
      const now = Date.now();
      await boss.insert(
        items.map((i) => ({
          name: queue,
          data: i.data,
          ...(i.delaySeconds ? { startAfter: new Date(now + i.delaySeconds * 1000) } : {}),
        })),
      );
    },
    async work(queue, opts, handler) {
      const id = await boss.work(
        queue,
        { batchSize: opts.batchSize, pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 2 },
        async (jobs) => {
          inFlight++;
          try {
            await handler(jobs.map((j) => j.data as never));
          } finally {
            inFlight--;
          }
        },
      );
      workers.push(id);
      return id;
    },
    notify(workerId) {
      boss.notifyWorker(workerId);
    },
    async stop() {
      await boss.stop({ graceful: true, wait: true, close: false, timeout: 5000 });
      // Let running handlers and the outcome writes pg-boss fires without awaiting settle.
      const deadline = Date.now() + 5000;
      while (inFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 50));
      closed = true;
    },
  };
};
