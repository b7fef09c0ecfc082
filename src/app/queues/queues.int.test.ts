import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openJourneyFixtures, stores, type Db } from "../../../test/support/journey-fixtures.js";
import type { KnowledgeBase } from "../../domain/kb/schema.js";
import { hallQueue } from "./hall-queue.js";
import { ingestQueueEvents, type QueueEventInput } from "./ingest-queue-events.js";

// Live hall queues from ticketing-machine events, over a real database.

const TZ = "Asia/Shanghai";
const HALL = "hall.exit-entry";
let db: Db;
let kb: KnowledgeBase;
let now = new Date("2026-03-10T10:30:00+08:00"); // a Tuesday morning

beforeAll(async () => {
  ({ db, kb } = await openJourneyFixtures());
});
afterAll(async () => db.close());

const deps = () => ({
  tx: <T>(fn: (s: ReturnType<typeof stores.queues>) => Promise<T>) => db.tx((q) => fn(stores.queues(q))),
  store: stores.queues(db),
  tz: TZ,
  now: () => now,
});
const at = (hhmm: string) => new Date(`2026-03-10T${hhmm}:00+08:00`);
const ingest = (events: QueueEventInput[], hall = HALL) =>
  ingestQueueEvents(deps(), kb, "hall-ticketing", hall, events);
const snapshot = () => hallQueue({ store: stores.queues(db), tz: TZ }, kb, HALL, now);
const issued = (ticket: string, hhmm: string, itemCode = "passport.apply"): QueueEventInput => ({
  eventId: `${ticket}-i`,
  type: "issued",
  ticket,
  itemCode,
  at: at(hhmm),
});

describe("hall queues", () => {
  it("counts waiting tickets per item and estimates the wait from recent service times", async () => {
    const events: QueueEventInput[] = [];
    for (let i = 1; i <= 8; i++) events.push(issued(`A00${i}`, `09:${String(i * 5).padStart(2, "0")}`));
    events.push(issued("B001", "09:10", "passport.renew"));
    // three served in 6 minutes each by two windows, one at a window now
    for (const [t, c, s, w] of [
      ["A001", "10:01", "10:07", "1"],
      ["A002", "10:02", "10:08", "2"],
      ["A003", "10:10", "10:16", "1"],
    ] as const) {
      events.push(
        { eventId: `${t}-c`, type: "called", ticket: t, at: at(c), counter: w },
        { eventId: `${t}-s`, type: "served", ticket: t, at: at(s) },
      );
    }
    events.push({ eventId: "A004-c", type: "called", ticket: "A004", at: at("10:20"), counter: "2" });
    expect(await ingest(events)).toEqual({ hallCode: HALL, applied: events.length, duplicates: [] });
    const q = await snapshot();
    const apply = q.items.find((i) => i.itemCode === "passport.apply")!;
    expect(apply).toMatchObject({ waiting: 4, estimatedWaitMinutes: 12 }); // 4 × 6 min ÷ 2 windows
    expect(q.items.find((i) => i.itemCode === "passport.renew")).toMatchObject({ waiting: 1, estimatedWaitMinutes: 8 }); // no data: 8 min, one window
    expect(q).toMatchObject({ hallCode: HALL, waiting: 5, open: true, serviceDate: "2026-03-10" });
    expect(q.items.find((i) => i.itemCode === "exit-entry.record")).toMatchObject({
      waiting: 0,
      estimatedWaitMinutes: 0,
    });
  });

  it("skips a no-show and lets it be called again", async () => {
    await ingest([
      { eventId: "A005-c", type: "called", ticket: "A005", at: at("10:21"), counter: "1" },
      { eventId: "A005-k", type: "skipped", ticket: "A005", at: at("10:24") },
    ]);
    expect((await snapshot()).items.find((i) => i.itemCode === "passport.apply")?.waiting).toBe(3);
    await ingest([{ eventId: "A005-c2", type: "called", ticket: "A005", at: at("10:25"), counter: "1" }]);
    const row = await db.query(
      `SELECT status, skipped_at IS NOT NULL AS was_skipped FROM queue_tickets WHERE ticket = 'A005'`,
    );
    expect(row.rows[0]).toEqual({ status: "called", was_skipped: true });
  });

  it("applies a batch all or nothing: one impossible event rejects it with its index", async () => {
    const before = await db.query("SELECT count(*)::int AS n FROM queue_events");
    await expect(
      ingest([issued("C001", "10:26"), { eventId: "C999-s", type: "served", ticket: "C999", at: at("10:27") }]),
    ).rejects.toMatchObject({
      code: "unprocessable",
      details: [{ index: 1, eventId: "C999-s", message: expect.stringContaining("never issued") }],
    });
    await expect(ingest([issued("C002", "10:26", "driving-licence.renew")])).rejects.toMatchObject({
      code: "unprocessable",
      details: [{ index: 0, message: expect.stringContaining("does not serve") }],
    });
    await expect(
      ingest([{ eventId: "C003-i", type: "issued", ticket: "C003", at: at("10:26") }]),
    ).rejects.toMatchObject({ code: "unprocessable" });
    await expect(
      ingest([{ ...issued("C004", "10:26"), at: new Date(now.getTime() + 3_600_000) }]),
    ).rejects.toMatchObject({ code: "unprocessable" });
    await expect(
      ingest([issued("C005", "10:26"), { ...issued("C006", "10:27"), eventId: "C005-i" }]),
    ).rejects.toMatchObject({ code: "unprocessable" });
    await expect(ingest([{ ...issued("A001", "10:28"), eventId: "A001-again" }])).rejects.toMatchObject({
      details: [{ message: expect.stringContaining("already issued") }],
    });
    await expect(ingest([issued("X1", "10:28")], "hall.moon")).rejects.toMatchObject({ code: "not-found" });
    expect((await db.query("SELECT count(*)::int AS n FROM queue_events")).rows[0]!.n).toBe(before.rows[0]!.n);
    expect((await db.query("SELECT count(*)::int AS n FROM queue_tickets WHERE ticket LIKE 'C%'")).rows[0]!.n).toBe(0);
  });

  it("skips events it has seen, and refuses a batch made only of them", async () => {
    const r = await ingest([issued("A001", "09:05"), issued("D001", "10:29")]);
    expect(r).toEqual({ hallCode: HALL, applied: 1, duplicates: ["A001-i"] });
    await expect(ingest([issued("D001", "10:29")])).rejects.toMatchObject({ code: "conflict" });
  });

  it("starts a new count on a new day", async () => {
    now = new Date("2026-03-11T09:00:00+08:00");
    expect((await snapshot()).waiting).toBe(0);
  });
});
