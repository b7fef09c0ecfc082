import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openJourneyFixtures, stores, type Db } from "../../../test/support/journey-fixtures.js";
import { normalisePhone } from "../../domain/identity/phone.js";
import type { KnowledgeBase } from "../../domain/kb/schema.js";
import { fixedClock } from "../clock.js";
import { createNotifier } from "./notifier.js";
import type { MessageProvider, OutgoingMessage, ProviderResult } from "./ports.js";

// Use cases of the notification outbox over a real database, with a provider we control.

const TZ = "Asia/Shanghai";
const PHONE = "+8613700137000";
let db: Db;
let kb: KnowledgeBase;

beforeAll(async () => {
  ({ db, kb } = await openJourneyFixtures());
});
afterAll(async () => db.close());
beforeEach(async () => {
  await db.query("DELETE FROM notification_receipts");
  await db.query("DELETE FROM notifications");
  await db.query("DELETE FROM notification_opt_outs");
});

const fakeProvider = (name = "fake") => {
  const sent: OutgoingMessage[] = [];
  let next: ProviderResult[] = [];
  const p: MessageProvider & { sent: OutgoingMessage[]; fail(...r: ProviderResult[]): void } = {
    name,
    sent,
    fail: (...r) => {
      next = r;
    },
    async send(m) {
      sent.push(m);
      const r = next.shift();
      return r ?? { ok: true, providerMessageId: `${name}-${sent.length}` };
    },
  };
  return p;
};

// 2026-03-10 is a Tuesday; 10:00 in Shanghai is 02:00 UTC.
const cityAt = (hhmm: string, day = 10) => new Date(`2026-03-${String(day).padStart(2, "0")}T${hhmm}:00+08:00`);

const setup = (start = cityAt("10:00")) => {
  const clock = fixedClock(start);
  const sms = fakeProvider("sms");
  const voice = fakeProvider("voice");
  const wakes: { ids: string[]; delaySeconds: number }[] = [];
  const notifier = createNotifier({
    kb: { current: async () => ({ version: 42, kb }) },
    clock,
    tz: TZ,
    outbox: stores.outbox(db),
    providers: { sms, voice },
    jobs: { wake: async (ids, delaySeconds) => void wakes.push({ ids, delaySeconds }) },
    recipients: { byCitizen: async () => undefined, byPhone: async () => undefined },
    random: () => 0.5,
    normalisePhone,
  });
  return { clock, sms, voice, wakes, notifier };
};

const checklist = (key: string) => ({
  templateId: "sms.checklist",
  to: { phone: "137 0013 7000" },
  variables: { itemName: "普通护照首次申领", link: "http://127.0.0.1/s/abcdefghijklmnop" },
  idempotencyKey: key,
});

describe("sending through the outbox", () => {
  it("renders the KB template with the signature, records the KB version and sends once", async () => {
    const { notifier, sms, wakes } = setup();
    const e = await notifier.send(checklist("t1"));
    expect(e).toMatchObject({ status: "queued", duplicate: false, kbVersion: 42, channel: "sms" });
    expect(wakes).toEqual([{ ids: [e.id], delaySeconds: 0 }]);
    await notifier.drain();
    expect(sms.sent).toHaveLength(1);
    expect(sms.sent[0]!.to).toBe(PHONE);
    expect(sms.sent[0]!.body.startsWith("【示范市政务服务】您咨询的普通护照首次申领")).toBe(true);
    const [row] = await notifier.listOutbox({ phone: PHONE, limit: 10 });
    expect(row).toMatchObject({
      status: "sent",
      attempts: 1,
      kbVersion: 42,
      provider: "sms",
      providerMessageId: "sms-1",
    });
    // length-aware: counted in characters with the signature, 67 per part once over 70
    expect(row!.characters).toBe([...row!.body].length);
    expect(row!.segments).toBe(row!.characters <= 70 ? 1 : Math.ceil(row!.characters / 67));
    expect(e.segments).toBe(row!.segments);
  });

  it("never sends twice for the same idempotency key, even when the cause is retried", async () => {
    const { notifier, sms } = setup();
    const a = await notifier.send(checklist("retry-me"));
    await notifier.drain();
    const b = await notifier.send(checklist("retry-me"));
    expect(b).toMatchObject({ id: a.id, duplicate: true });
    await notifier.drain();
    expect(sms.sent).toHaveLength(1);
    expect(await notifier.listOutbox({ phone: PHONE, limit: 10 })).toHaveLength(1);
  });

  it("lets concurrent delivery rounds claim each message only once", async () => {
    const { notifier, sms } = setup();
    for (let i = 0; i < 20; i++) await notifier.send(checklist(`c${i}`));
    await Promise.all([notifier.drain(5), notifier.drain(5), notifier.deliver({ limit: 7 })]);
    await notifier.drain();
    expect(sms.sent).toHaveLength(20);
    expect(new Set(sms.sent.map((m) => m.id)).size).toBe(20);
  });

  it("refuses an unknown template or missing variables and writes nothing", async () => {
    const { notifier } = setup();
    await expect(notifier.send({ ...checklist("x1"), templateId: "sms.nope" })).rejects.toMatchObject({
      code: "unprocessable",
    });
    await expect(notifier.send({ ...checklist("x2"), variables: { itemName: "护照" } })).rejects.toMatchObject({
      code: "unprocessable",
      details: { missing: ["link"] },
    });
    await expect(notifier.send({ ...checklist("x3"), to: { phone: "12" } })).rejects.toMatchObject({
      code: "bad-request",
    });
    expect(await notifier.listOutbox({ limit: 10 })).toHaveLength(0);
  });
});

describe("bulk sending", () => {
  it("queues many at once, skips keys already used, suppresses opted-out numbers, wakes one job per 100", async () => {
    const { notifier, sms, wakes } = setup();
    await notifier.optOut("+8613900000007", "sms", "admin");
    const items = Array.from({ length: 250 }, (_, i) => ({
      templateId: "sms.checklist",
      phone: `139${String(i).padStart(8, "0")}`,
      variables: { itemName: "护照", link: "L" },
      idempotencyKey: `bulk:${i}`,
    }));
    expect(await notifier.sendBulk(items, 100)).toEqual({ created: 250, duplicates: 0, suppressed: 1 });
    expect(wakes.map((w) => w.ids.length)).toEqual([99, 100, 50]);
    expect(await notifier.sendBulk(items.slice(0, 10), 100)).toEqual({ created: 0, duplicates: 10, suppressed: 0 });
    await notifier.drain(100);
    expect(sms.sent).toHaveLength(249);
  });

  it("checks every number before writing anything", async () => {
    const { notifier } = setup();
    await expect(
      notifier.sendBulk([
        {
          templateId: "sms.checklist",
          phone: "13900000001",
          variables: { itemName: "x", link: "L" },
          idempotencyKey: "b1",
        },
        {
          templateId: "sms.checklist",
          phone: "not a phone",
          variables: { itemName: "x", link: "L" },
          idempotencyKey: "b2",
        },
      ]),
    ).rejects.toMatchObject({ code: "bad-request" });
    expect(await notifier.listOutbox({ limit: 10 })).toHaveLength(0);
  });
});

describe("quiet hours (21:00–08:00 city time)", () => {
  it("holds a non-urgent SMS written at 22:30 until 08:00 and then sends it", async () => {
    const { notifier, sms, clock, wakes } = setup(cityAt("22:30"));
    const e = await notifier.send(checklist("night"));
    expect(e.status).toBe("deferred");
    expect(e.nextAttemptAt.toISOString()).toBe(cityAt("08:00", 11).toISOString());
    expect(wakes[0]!.delaySeconds).toBe(9.5 * 3600);
    clock.set(cityAt("07:59", 11));
    expect(await notifier.drain()).toBe(0);
    clock.set(cityAt("08:00", 11));
    expect(await notifier.drain()).toBe(1);
    expect(sms.sent).toHaveLength(1);
  });

  it("sends a verification code at night (urgent)", async () => {
    const { notifier, sms } = setup(cityAt("23:40"));
    const e = await notifier.sendVerificationCode({ phone: PHONE, code: "123456", minutes: 5, idempotencyKey: "v1" });
    expect(e.status).toBe("queued");
    await notifier.drain();
    expect(sms.sent[0]!.body).toContain("验证码123456，5分钟内有效");
  });

  it("does not let a retry fall into the night: it waits for the morning", async () => {
    const { notifier, sms, clock } = setup(new Date("2026-03-10T20:59:45+08:00"));
    sms.fail({ ok: false, retryable: true, error: "gateway busy" });
    await notifier.send(checklist("edge"));
    await notifier.drain();
    const [row] = await notifier.listOutbox({ limit: 1 });
    expect(row).toMatchObject({ status: "retrying", lastError: "gateway busy" });
    expect(row!.nextAttemptAt.toISOString()).toBe(cityAt("08:00", 11).toISOString());
    clock.set(cityAt("08:00", 11));
    await notifier.drain();
    expect(sms.sent).toHaveLength(2);
  });
});

describe("opt-out", () => {
  it("suppresses notifications to a number that opted out, at writing and at sending", async () => {
    const { notifier, sms } = setup();
    const before = await notifier.send(checklist("o1"));
    await notifier.optOut("13700137000", "sms", "sms-reply");
    const after = await notifier.send(checklist("o2"));
    expect(after.status).toBe("suppressed");
    await notifier.drain();
    expect(sms.sent).toHaveLength(0);
    const rows = await notifier.listOutbox({ phone: PHONE, limit: 10 });
    expect(rows.map((r) => [r.id === before.id, r.status])).toEqual(
      expect.arrayContaining([
        [true, "suppressed"],
        [false, "suppressed"],
      ]),
    );
  });

  it("still sends a verification code the citizen just asked for, and honours opting back in", async () => {
    const { notifier, sms } = setup();
    await notifier.optOut(PHONE, "all", "admin");
    await notifier.sendVerificationCode({ phone: PHONE, code: "654321", minutes: 5, idempotencyKey: "v2" });
    await notifier.drain();
    expect(sms.sent).toHaveLength(1);
    expect(await notifier.optIn(PHONE, "all")).toEqual({ removed: 1 });
    expect((await notifier.send(checklist("o3"))).status).toBe("queued");
  });
});

describe("retries with backoff", () => {
  it("retries a temporary failure after 30 s, 2, 10, 30 and 120 min, then gives up", async () => {
    const { notifier, sms, clock, wakes } = setup();
    const fail = { ok: false as const, retryable: true, error: "503 from gateway" };
    sms.fail(fail, fail, fail, fail, fail, fail);
    await notifier.send(checklist("b1"));
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 6; attempt++) {
      await notifier.drain();
      const [row] = await notifier.listOutbox({ limit: 1 });
      expect(row!.attempts).toBe(attempt);
      if (attempt < 6) {
        expect(row!.status).toBe("retrying");
        delays.push((row!.nextAttemptAt.getTime() - clock.now().getTime()) / 1000);
        clock.set(row!.nextAttemptAt);
      } else expect(row).toMatchObject({ status: "failed", lastError: "503 from gateway (gave up after 6 attempts)" });
    }
    expect(delays).toEqual([30, 120, 600, 1800, 7200]);
    expect(sms.sent).toHaveLength(6);
    // each retry was handed to the job queue with its delay
    expect(wakes.slice(1).map((w) => w.delaySeconds)).toEqual([30, 120, 600, 1800, 7200]);
  });

  it("does not retry a permanent failure", async () => {
    const { notifier, sms } = setup();
    sms.fail({ ok: false, retryable: false, error: "400 invalid number" });
    await notifier.send(checklist("p1"));
    await notifier.drain();
    const [row] = await notifier.listOutbox({ limit: 1 });
    expect(row).toMatchObject({ status: "failed", attempts: 1 });
  });

  it("treats a provider that throws as a temporary failure", async () => {
    const { notifier, sms } = setup();
    sms.send = async () => {
      throw new Error("socket hang up");
    };
    await notifier.send(checklist("t2"));
    await notifier.drain();
    const [row] = await notifier.listOutbox({ limit: 1 });
    expect(row).toMatchObject({ status: "retrying", lastError: "socket hang up" });
  });

  it("puts a message left in sending by a crashed worker back in line", async () => {
    const { notifier, clock } = setup();
    const e = await notifier.send(checklist("stuck"));
    await db.query("UPDATE notifications SET status = 'sending', attempts = 1 WHERE id = $1", [e.id]);
    clock.advance(6 * 60_000);
    expect(await notifier.drain()).toBe(1);
    const [row] = await notifier.listOutbox({ limit: 1 });
    expect(row).toMatchObject({ status: "sent", attempts: 2 });
  });
});

describe("delivery reports", () => {
  it("maps provider words to our status and never goes backwards", async () => {
    const { notifier } = setup();
    await notifier.send(checklist("d1"));
    await notifier.drain();
    expect(await notifier.recordDeliveryReport({ providerMessageId: "sms-1", status: "DELIVRD" })).toMatchObject({
      status: "delivered",
      changed: true,
    });
    expect(await notifier.recordDeliveryReport({ providerMessageId: "sms-1", status: "ENROUTE" })).toMatchObject({
      status: "delivered",
      changed: false,
    });
    const [row] = await notifier.listOutbox({ limit: 1 });
    expect(row!.deliveredAt).not.toBeNull();
    const receipts = await db.query("SELECT provider_status, status FROM notification_receipts ORDER BY id");
    expect(receipts.rows).toEqual([
      { provider_status: "DELIVRD", status: "delivered" },
      { provider_status: "ENROUTE", status: "unchanged" },
    ]);
  });

  it("records a failed delivery with its error code", async () => {
    const { notifier } = setup();
    await notifier.send(checklist("d2"));
    await notifier.drain();
    await notifier.recordDeliveryReport({ providerMessageId: "sms-1", status: "UNDELIV", errorCode: "MK:0001" });
    const [row] = await notifier.listOutbox({ limit: 1 });
    expect(row).toMatchObject({ status: "failed", lastError: "delivery report: MK:0001" });
  });

  it("refuses unknown words and unknown messages; a batch with one bad report records nothing", async () => {
    const { notifier } = setup();
    await notifier.send(checklist("d3"));
    await notifier.drain();
    await expect(
      notifier.recordDeliveryReport({ providerMessageId: "sms-1", status: "PERHAPS" }),
    ).rejects.toMatchObject({ code: "unprocessable" });
    await expect(notifier.recordDeliveryReport({ providerMessageId: "nope", status: "DELIVRD" })).rejects.toMatchObject(
      { code: "not-found" },
    );
    await expect(
      notifier.recordDeliveryReports([
        { messageId: "sms-1", status: "DELIVRD" },
        { messageId: "nope", status: "DELIVRD" },
      ]),
    ).rejects.toMatchObject({ code: "not-found" });
    expect((await notifier.listOutbox({ limit: 1 }))[0]!.status).toBe("sent");
  });
});

describe("voice requests", () => {
  it("puts a call request for the voice channel in the same outbox, readable as outbound_calls", async () => {
    const { notifier, voice } = setup();
    await notifier.send({
      templateId: "voice.certificate-ready",
      to: { phone: PHONE },
      variables: { documentName: "普通护照", hallName: "出入境接待大厅", hallHours: "周一至周五8:30–17:30" },
      idempotencyKey: "call-1",
    });
    const calls = await db.query("SELECT phone, template_id, script, status FROM outbound_calls");
    expect(calls.rows).toEqual([
      expect.objectContaining({ phone: PHONE, template_id: "voice.certificate-ready", status: "queued" }),
    ]);
    expect(calls.rows[0]!.script).toContain("您申请的普通护照已经办好了");
    await notifier.drain();
    expect(voice.sent).toHaveLength(1);
  });
});
