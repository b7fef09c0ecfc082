import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openJourneyFixtures, stores, type Db } from "../../../test/support/journey-fixtures.js";
import { normalisePhone } from "../../domain/identity/phone.js";
import type { KnowledgeBase } from "../../domain/kb/schema.js";
import { fixedClock } from "../clock.js";
import { createLinks } from "../links/links.js";
import { createNotifier } from "../notifications/notifier.js";
import { ingestApplicationEvent, type ApplicationEventInput, type IngestDeps } from "./ingest-application-event.js";
import { createApplicationQueries } from "./queries.js";

// The application state machine as department systems drive it, over a real database.

const TZ = "Asia/Shanghai";
const MOTHER = "aa000000-0000-4000-8000-000000000001";
const BABY = "aa000000-0000-4000-8000-000000000002";
const NO_PHONE = "aa000000-0000-4000-8000-000000000003";
let db: Db;
let kb: KnowledgeBase;
const clock = fixedClock(new Date("2026-03-10T10:00:00+08:00"));

beforeAll(async () => {
  ({ db, kb } = await openJourneyFixtures());
  await db.query(
    `INSERT INTO citizens (id, name_zh, preferred_locale) VALUES ($1, '周晓红', 'zh'), ($2, '周小宝', 'zh'), ($3, '钱无机', 'en')`,
    [MOTHER, BABY, NO_PHONE],
  );
  await db.query(`INSERT INTO citizen_phones (phone, citizen_id, is_primary) VALUES ('+8613712345678', $1, true)`, [
    MOTHER,
  ]);
});
afterAll(async () => db.close());
beforeEach(() => clock.set(new Date("2026-03-10T10:00:00+08:00")));

const deps = (): IngestDeps & { woken: string[] } => {
  const woken: string[] = [];
  const recipients = stores.recipients(db);
  const notifier = createNotifier({
    kb: { current: async () => ({ version: 3, kb }) },
    clock,
    tz: TZ,
    outbox: stores.outbox(db),
    providers: {
      sms: { name: "t", send: async () => ({ ok: true, providerMessageId: "x" }) },
      voice: { name: "v", send: async () => ({ ok: true, providerMessageId: "y" }) },
    },
    jobs: { wake: async (ids) => void woken.push(...ids) },
    recipients,
    random: () => 0.5,
    normalisePhone,
  });
  return {
    woken,
    uow: (fn) =>
      db.tx((q) => fn({ applications: stores.applications(q), outbox: stores.outbox(q), links: stores.links(q) })),
    store: stores.applications(db),
    kb: { current: async () => ({ version: 3, kb }) },
    clock,
    tz: TZ,
    applicants: {
      exists: async (id) => (await recipients.byCitizen(id)) !== undefined,
      byIdNumber: async () => undefined,
      byPhone: async (p) => (await recipients.byPhone(normalisePhone(p) ?? p))?.citizenId,
    },
    recipients,
    notifier,
    links: createLinks({
      store: stores.links(db),
      clock,
      newToken: stores.newLinkToken,
      publicUrl: "http://127.0.0.1:3000",
    }),
    hallWaiting: async () => 7,
    names: () => undefined,
  };
};

let n = 0;
const ev = (ref: string, status: string, extra: Partial<ApplicationEventInput> = {}): ApplicationEventInput => {
  clock.advance(60_000);
  return { eventId: `e-${++n}`, occurredAt: clock.now(), applicationRef: ref, status, ...extra };
};
const first = (ref: string, extra: Partial<ApplicationEventInput> = {}) =>
  ev(ref, "accepted", {
    itemCode: "passport.apply",
    hallCode: "hall.exit-entry",
    citizen: { phone: "137 1234 5678" },
    ...extra,
  });

const counts = async () => {
  const r =
    await db.query(`SELECT (SELECT count(*) FROM applications)::int AS apps, (SELECT count(*) FROM application_events)::int AS events,
    (SELECT count(*) FROM notifications)::int AS msgs, (SELECT count(*) FROM short_links)::int AS links,
    (SELECT count(*) FROM domain_events WHERE aggregate = 'application')::int AS domain`);
  return r.rows[0] as Record<string, number>;
};
const messagesFor = async (appRef: string) =>
  (
    await db.query(
      `SELECT n.template_id, n.body, n.kb_version, n.channel FROM notifications n
     JOIN application_events ae ON n.idempotency_key LIKE 'application-event:' || ae.source_system || ':' || ae.event_id || ':%'
     JOIN applications a ON a.id = ae.application_id WHERE a.external_ref = $1 ORDER BY n.created_at`,
      [appRef],
    )
  ).rows;

describe("application status events", () => {
  it("walks 受理 → 审核 → 制证 → 待领取 → 已领取, texting only when the document is ready", async () => {
    const d = deps();
    const r1 = await ingestApplicationEvent(d, "exit-entry", first("PP-1"));
    expect(r1).toMatchObject({ from: null, status: "accepted", notifications: [] });
    for (const s of ["reviewing", "producing"])
      expect((await ingestApplicationEvent(d, "exit-entry", ev("PP-1", s))).notifications).toEqual([]);
    const ready = await ingestApplicationEvent(d, "exit-entry", ev("PP-1", "待领取"));
    expect(ready).toMatchObject({
      from: "producing",
      status: "ready",
      notifications: [{ channel: "sms", status: "queued" }],
    });
    expect(d.woken).toEqual([ready.notifications[0]!.id]);
    const sms = await db
      .query(`SELECT body, kb_version, template_id FROM notifications WHERE id = $1`, [ready.notifications[0]!.id])
      .then((r) => r.rows[0]!);
    expect(sms.template_id).toBe("sms.certificate-ready");
    expect(sms.kb_version).toBe(3);
    expect(sms.body).toMatch(
      /^【示范市政务服务】周\*红您好，您的普通护照首次申领已办好，请本人带受理回执到示范市公安局出入境接待大厅领取（周一至周五8:30–17:30，周六9:00–16:30），现场约7人排队。地址与材料：http:\/\/127\.0\.0\.1:3000\/s\/[A-Za-z0-9_-]{16}$/,
    );
    const collected = await ingestApplicationEvent(d, "exit-entry", ev("PP-1", "collected"));
    expect(collected).toMatchObject({ from: "ready", status: "collected", notifications: [] });
    const q = createApplicationQueries({
      store: stores.applications(db),
      kb: { current: async () => ({ version: 3, kb }) },
      names: () => undefined,
    });
    const app = await q.get(r1.applicationId);
    expect(app.history.map((h) => `${h.fromStatus}→${h.toStatus}`)).toEqual([
      "null→accepted",
      "accepted→reviewing",
      "reviewing→producing",
      "producing→ready",
      "ready→collected",
    ]);
  });

  it("tells the citizen what to correct, and review resumes after the correction", async () => {
    const d = deps();
    await ingestApplicationEvent(d, "exit-entry", first("PP-2"));
    const r = await ingestApplicationEvent(
      d,
      "exit-entry",
      ev("PP-2", "returned", { reason: "照片背景不符合要求，请重新拍摄" }),
    );
    expect(r.notifications).toHaveLength(1);
    const m = (await messagesFor("PP-2"))[0]!;
    expect(m.template_id).toBe("sms.returned-for-correction");
    expect(m.body).toContain("需要补正：照片背景不符合要求，请重新拍摄。");
    expect((await ingestApplicationEvent(d, "exit-entry", ev("PP-2", "reviewing"))).status).toBe("reviewing");
  });

  it("tells the citizen when an application is not accepted, with the reason", async () => {
    const d = deps();
    await ingestApplicationEvent(d, "exit-entry", first("PP-3"));
    await ingestApplicationEvent(d, "exit-entry", ev("PP-3", "不予受理", { reason: "申请人不符合办理条件" }));
    const m = (await messagesFor("PP-3"))[0]!;
    expect(m).toMatchObject({ template_id: "sms.application-status" });
    expect(m.body).toContain("当前状态：不予受理（申请人不符合办理条件）");
  });

  it("also requests a call when the citizen chose voice", async () => {
    const d = deps();
    await ingestApplicationEvent(d, "exit-entry", first("PP-4", { notify: ["sms", "voice"] }));
    for (const s of ["reviewing", "producing"]) await ingestApplicationEvent(d, "exit-entry", ev("PP-4", s));
    const r = await ingestApplicationEvent(d, "exit-entry", ev("PP-4", "ready"));
    expect(r.notifications.map((x) => x.channel)).toEqual(["sms", "voice"]);
    const calls = await db.query(`SELECT template_id, script FROM outbound_calls WHERE id = $1`, [
      r.notifications[1]!.id,
    ]);
    expect(calls.rows[0]!.template_id).toBe("voice.certificate-ready");
    expect(calls.rows[0]!.script).toContain("到示范市公安局出入境接待大厅领取");
  });

  it("applies an application for someone without a phone, and says why nothing was sent", async () => {
    const d = deps();
    await ingestApplicationEvent(d, "exit-entry", first("PP-5", { citizen: { id: NO_PHONE } }));
    await ingestApplicationEvent(d, "exit-entry", ev("PP-5", "reviewing"));
    await ingestApplicationEvent(d, "exit-entry", ev("PP-5", "producing"));
    const r = await ingestApplicationEvent(d, "exit-entry", ev("PP-5", "ready"));
    expect(r).toMatchObject({
      status: "ready",
      notifications: [],
      skippedNotices: [{ template: "sms.certificate-ready", reason: "the citizen has no phone number on file" }],
    });
  });
});

describe("refusals leave nothing behind", () => {
  const refused = async (e: ApplicationEventInput, code: string, message: RegExp) => {
    const d = deps();
    const before = await counts();
    await expect(ingestApplicationEvent(d, "exit-entry", e)).rejects.toMatchObject({
      code,
      message: expect.stringMatching(message),
    });
    expect(await counts()).toEqual(before);
  };

  it("refuses moves the state machine does not allow", async () => {
    const d = deps();
    await ingestApplicationEvent(d, "exit-entry", first("R-1"));
    await refused(ev("R-1", "ready"), "conflict", /cannot move to 待领取/);
    await refused(ev("R-1", "collected"), "conflict", /cannot move/);
    await refused(
      ev("R-2", "reviewing", { itemCode: "passport.apply", citizen: { id: MOTHER } }),
      "conflict",
      /must start as 受理/,
    );
  });

  it("needs a reason for returned and rejected", async () => {
    const d = deps();
    await ingestApplicationEvent(d, "exit-entry", first("R-3"));
    await refused(ev("R-3", "returned"), "unprocessable", /reason/);
  });

  it("refuses unknown codes, unknown citizens and a first event without the citizen", async () => {
    await refused(first("R-4", { itemCode: "passport.teleport" }), "unprocessable", /Unknown service item/);
    await refused(first("R-4", { hallCode: "hall.moon" }), "unprocessable", /Unknown hall/);
    await refused(first("R-4", { hallCode: "hall.vehicle-admin" }), "unprocessable", /does not hand out/);
    await refused(first("R-4", { citizen: { phone: "+8613000000000" } }), "unprocessable", /No citizen/);
    await refused(first("R-4", { citizen: undefined }), "unprocessable", /needs citizen/);
    await refused(first("R-4", { itemCode: undefined }), "unprocessable", /needs itemCode/);
    await refused(
      first("R-4", { lifeEvent: { code: "event.newborn", caseRef: "C-1" } }),
      "unprocessable",
      /not a step of event.newborn/,
    );
    await refused(ev("R-4", "ready-ish", { itemCode: "passport.apply" }), "bad-request", /Unknown status/);
  });

  it("refuses an event older than the current status, and one from the future", async () => {
    const d = deps();
    await ingestApplicationEvent(d, "exit-entry", first("R-5"));
    const old = ev("R-5", "reviewing");
    await refused(
      { ...old, occurredAt: new Date(old.occurredAt.getTime() - 3_600_000) },
      "conflict",
      /before the current status/,
    );
    await refused(
      { ...ev("R-5", "reviewing"), occurredAt: new Date(clock.now().getTime() + 3_600_000) },
      "unprocessable",
      /future/,
    );
  });

  it("recognises a replayed event id: same content sends nothing more, other content is refused", async () => {
    const d = deps();
    await ingestApplicationEvent(d, "exit-entry", first("R-6"));
    await ingestApplicationEvent(d, "exit-entry", ev("R-6", "reviewing"));
    await ingestApplicationEvent(d, "exit-entry", ev("R-6", "producing"));
    const ready = ev("R-6", "ready");
    await ingestApplicationEvent(d, "exit-entry", ready);
    await refused(ready, "conflict", /already applied; nothing changed/);
    await refused({ ...ready, status: "collected" }, "conflict", /already used for a different change/);
    expect(await messagesFor("R-6")).toHaveLength(1);
    // the same event id from another system is another event
    await expect(
      ingestApplicationEvent(d, "other-system", { ...first("R-6"), eventId: ready.eventId }),
    ).resolves.toMatchObject({ status: "accepted" });
  });

  it("treats two copies of one event arriving together as one", async () => {
    const d = deps();
    await ingestApplicationEvent(d, "exit-entry", first("R-7"));
    await ingestApplicationEvent(d, "exit-entry", ev("R-7", "reviewing"));
    await ingestApplicationEvent(d, "exit-entry", ev("R-7", "producing"));
    const ready = ev("R-7", "ready");
    const results = await Promise.allSettled([
      ingestApplicationEvent(d, "exit-entry", ready),
      ingestApplicationEvent(d, "exit-entry", ready),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "conflict" } });
    expect(await messagesFor("R-7")).toHaveLength(1);
  });
});

describe("life events as the set of their items' applications", () => {
  it("knows the birth certificate is collected and household registration comes next", async () => {
    const d = deps();
    const lifeEvent = { code: "event.newborn", caseRef: "NB-1" };
    await ingestApplicationEvent(
      d,
      "maternal-child",
      ev("BMC-1", "accepted", {
        itemCode: "birth.medical-certificate",
        hallCode: "hall.maternal-child",
        citizen: { id: MOTHER },
        subjectCitizenId: BABY,
        lifeEvent,
      }),
    );
    for (const s of ["reviewing", "producing", "ready", "collected"])
      await ingestApplicationEvent(d, "maternal-child", ev("BMC-1", s));
    const q = createApplicationQueries({
      store: stores.applications(db),
      kb: { current: async () => ({ version: 3, kb }) },
      names: () => undefined,
    });
    const [progress] = await q.lifeEvents(MOTHER);
    expect(progress).toMatchObject({
      event: "event.newborn",
      done: 1,
      total: 4,
      next: ["hukou.birth"],
      complete: false,
      subjectCitizenId: BABY,
    });
    expect(progress!.steps.map((s) => s.state)).toEqual(["done", "available", "blocked", "blocked"]);
    // the baby's own view finds the same case
    expect((await q.lifeEvents(BABY))[0]!.caseId).toBe(progress!.caseId);
    // hukou.birth started in the same case moves it on
    await ingestApplicationEvent(
      d,
      "police",
      ev("HK-1", "accepted", {
        itemCode: "hukou.birth",
        hallCode: "hall.civic-center",
        citizen: { id: MOTHER },
        subjectCitizenId: BABY,
        lifeEvent,
      }),
    );
    const after = await q.lifeEvent(MOTHER, "event.newborn");
    expect(after.steps.map((s) => s.state)).toEqual(["done", "in-progress", "blocked", "blocked"]);
    expect(after.next).toEqual([]);
  });
});
