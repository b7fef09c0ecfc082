import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, TEST_ADMIN_TOKEN } from "../../../test/support/test-context.js";
import { fixedClock } from "../../app/clock.js";
import { DEMO_CITIZENS } from "../../domain/identity/demo-citizens.js";
import { cityDate, cityInstant, localParts } from "../../domain/time/city-time.js";

// The journey APIs and citizen pages in the whole application (all areas, demo seed, pg-boss worker).

const TZ = "Asia/Shanghai";
const WANG_FANG = "+8613700137000";
const DEPT = { "x-api-key": "test-dept-key-0001" };
const HALL_KEY = { "x-api-key": "test-hall-key-0001" };
const ADMIN = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
// a weekday-independent daytime: 10:00 in the city today, so nothing waits for quiet hours
const clock = fixedClock(cityInstant(localParts(new Date(), TZ), "10:00", TZ));
let app: Awaited<ReturnType<typeof startTestApp>>;

beforeAll(async () => {
  app = await startTestApp({
    clock,
    env: {
      INTEGRATION_KEYS:
        "department-systems:test-dept-key-0001,hall-ticketing:test-hall-key-0001,sms-gateway:test-sms-key-0001",
    },
  });
});
afterAll(async () => app?.close());

const inject = (o: {
  method: "GET" | "POST" | "DELETE";
  url: string;
  headers?: Record<string, string>;
  payload?: unknown;
}) => app.server.inject(o as never);
const push = (payload: unknown, headers: Record<string, string> = DEPT) =>
  inject({ method: "POST", url: "/api/integrations/applications/events", headers, payload });
const outboxFor = async (phone: string) => {
  const r = await inject({ method: "POST", url: "/api/admin/outbox/search", headers: ADMIN, payload: { phone } });
  expect(r.statusCode).toBe(200);
  return r.json() as {
    count: number;
    messages: {
      id: string;
      body: string;
      status: string;
      templateId: string;
      kbVersion: number;
      providerMessageId: string | null;
    }[];
  };
};
let seq = 0;
const at = () => {
  clock.advance(1000);
  return clock.now().toISOString();
};
const event = (ref: string, status: string, extra: Record<string, unknown> = {}) => ({
  eventId: `it-${ref}-${++seq}`,
  occurredAt: at(),
  applicationRef: ref,
  status,
  ...extra,
});

describe("certificate-ready loop for 王芳 (demo caller +8613700137000)", () => {
  it("texts her exactly once with a working link showing the hall, its hours and the live queue", async () => {
    expect((await outboxFor(WANG_FANG)).count).toBe(0); // the seed is history: it texts nobody
    const first = await push(
      event("PP-IT-1", "受理", {
        itemCode: "passport.apply",
        hallCode: "hall.exit-entry",
        citizen: { phone: "137 0013 7000" },
      }),
    );
    expect(first.statusCode).toBe(201);
    for (const s of ["审核", "制证"]) expect((await push(event("PP-IT-1", s))).statusCode).toBe(200);
    const ready = event("PP-IT-1", "待领取");
    const r = await push(ready);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ from: "producing", status: "ready", notifications: [{ channel: "sms" }] });

    const box = await outboxFor(WANG_FANG);
    expect(box.count).toBe(1);
    const sms = box.messages[0]!;
    expect(sms.templateId).toBe("sms.certificate-ready");
    expect(sms.kbVersion).toBeGreaterThan(0);
    expect(sms.body).toContain("【示范市政务服务】王*您好，您的普通护照首次申领已办好");
    const link = /\/s\/([A-Za-z0-9_-]{16})/.exec(sms.body)!;
    expect(link).not.toBeNull();

    const queue = (await inject({ method: "GET", url: "/api/halls/hall.exit-entry/queue" })).json();
    expect(sms.body).toContain(`现场约${queue.waiting}人排队`);
    const page = await inject({ method: "GET", url: link[0] });
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-type"]).toContain("text/html");
    expect(page.headers["cache-control"]).toBe("no-store");
    expect(page.body).toContain('<html lang="zh-CN">');
    expect(page.body).toContain("待领取");
    expect(page.body).toContain("示范市公安局出入境接待大厅");
    expect(page.body).toContain("解放东路58号"); // address
    expect(page.body).toContain("周一至周五8:30–17:30"); // hours
    const item = queue.items.find((i: { itemCode: string }) => i.itemCode === "passport.apply");
    expect(page.body).toContain(`data-waiting="${item.waiting}"`); // live queue
    expect(page.body).toContain("openstreetmap.org/?mlat=30.25710");
    expect(page.body).not.toContain(WANG_FANG.slice(3));

    // the same event again: refused as a replay, nothing more sent
    const again = await push(ready);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: "conflict", details: { duplicate: true } });
    expect((await outboxFor(WANG_FANG)).count).toBe(1);

    // the pg-boss worker hands it to the outbox provider
    let status = "";
    for (let i = 0; i < 50 && status !== "sent"; i++) {
      status = (await outboxFor(WANG_FANG)).messages[0]!.status;
      if (status !== "sent") await new Promise((res) => setTimeout(res, 200));
    }
    expect(status).toBe("sent");
  });

  it("shows the seeded demo: 王芳's passport ready at hall.exit-entry, her newborn's next step hukou.birth", async () => {
    const r = await inject({
      method: "GET",
      url: `/api/admin/citizens/${DEMO_CITIZENS.wangFang.id}/journey`,
      headers: ADMIN,
    });
    const j = r.json();
    expect(j.applications).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ itemCode: "passport.apply", status: "ready", hallCode: "hall.exit-entry" }),
      ]),
    );
    const newborn = j.lifeEvents.find((e: { event: string }) => e.event === "event.newborn");
    expect(newborn).toMatchObject({ next: ["hukou.birth"], done: 1, subjectCitizenId: DEMO_CITIZENS.wangFangBaby.id });
    expect(newborn.steps[0]).toMatchObject({ item: "birth.medical-certificate", state: "done" });
  });
});

describe("bad input gets a 4xx with a reason and writes nothing", () => {
  const count = async () =>
    (await inject({ method: "GET", url: "/api/admin/outbox?limit=500", headers: ADMIN })).json().count as number;

  it("application events", async () => {
    const before = await count();
    const ok = event("PP-BAD", "accepted", { itemCode: "passport.apply", citizen: { phone: WANG_FANG } });
    expect((await push(ok, {})).statusCode).toBe(401);
    expect((await push(ok, { "x-api-key": "nope" })).statusCode).toBe(403);
    expect((await push(ok, HALL_KEY)).json()).toMatchObject({ error: "forbidden" });
    const missing = await push({ eventId: "x" });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().details.map((d: { path: string }) => d.path)).toEqual(
      expect.arrayContaining(["occurredAt", "applicationRef", "status"]),
    );
    expect((await push({ ...ok, status: 5, occurredAt: "yesterday" })).json().details).toHaveLength(2);
    expect((await push({ ...ok, colour: "red" })).statusCode).toBe(400);
    expect((await push({ ...ok, citizen: {} })).statusCode).toBe(400);
    expect((await push({ ...ok, itemCode: "passport.teleport" })).json()).toMatchObject({
      error: "unprocessable",
      message: expect.stringContaining("Unknown service item"),
    });
    expect((await push({ ...ok, hallCode: "hall.moon" })).statusCode).toBe(422);
    expect((await push({ ...ok, status: "shipped" })).statusCode).toBe(400);
    expect((await push({ ...ok, status: "ready" })).statusCode).toBe(409);
    expect((await push({ ...ok, citizen: { idNumber: "110105199204209940" } })).statusCode).toBe(422);
    const j = (
      await inject({ method: "GET", url: `/api/admin/citizens/${DEMO_CITIZENS.wangFang.id}/journey`, headers: ADMIN })
    ).json();
    expect(j.applications.some((a: { itemCode: string; status: string }) => a.status === "accepted")).toBe(false);
    expect(await count()).toBe(before);
  });

  it("finds a citizen by ID number the way department systems name them", async () => {
    const r = await push(
      event("ID-IT-1", "accepted", {
        itemCode: "id-card.renew",
        hallCode: "hall.civic-center",
        citizen: { idNumber: DEMO_CITIZENS.zhangWei.idNumber },
      }),
    );
    expect(r.statusCode).toBe(201);
    const j = (
      await inject({ method: "GET", url: `/api/admin/applications/${r.json().applicationId}`, headers: ADMIN })
    ).json();
    expect(j.citizenId).toBe(DEMO_CITIZENS.zhangWei.id);
  });

  it("queue events and the queue", async () => {
    const url = "/api/integrations/halls/hall.exit-entry/queue-events";
    const ev = { eventId: "q-it-1", type: "issued", ticket: "Z001", itemCode: "passport.renew", at: at() };
    const before = (await inject({ method: "GET", url: "/api/halls/hall.exit-entry/queue" })).json().waiting;
    expect((await inject({ method: "POST", url, payload: { events: [ev] } })).statusCode).toBe(401);
    expect((await inject({ method: "POST", url, headers: DEPT, payload: { events: [ev] } })).statusCode).toBe(403);
    expect((await inject({ method: "POST", url, headers: HALL_KEY, payload: { events: [] } })).statusCode).toBe(400);
    expect(
      (await inject({ method: "POST", url, headers: HALL_KEY, payload: { events: [{ ...ev, type: "teleported" }] } }))
        .statusCode,
    ).toBe(400);
    expect(
      (
        await inject({
          method: "POST",
          url: "/api/integrations/halls/hall.moon/queue-events",
          headers: HALL_KEY,
          payload: { events: [ev] },
        })
      ).statusCode,
    ).toBe(404);
    const bad = await inject({
      method: "POST",
      url,
      headers: HALL_KEY,
      payload: { events: [ev, { eventId: "q-it-2", type: "served", ticket: "Z999", at: at() }] },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().details[0]).toMatchObject({ index: 1, eventId: "q-it-2" });
    expect((await inject({ method: "GET", url: "/api/halls/hall.exit-entry/queue" })).json().waiting).toBe(before);
    expect((await inject({ method: "POST", url, headers: HALL_KEY, payload: { events: [ev] } })).json()).toMatchObject({
      applied: 1,
    });
    expect((await inject({ method: "GET", url: "/api/halls/hall.exit-entry/queue" })).json().waiting).toBe(before + 1);
    expect((await inject({ method: "POST", url, headers: HALL_KEY, payload: { events: [ev] } })).statusCode).toBe(409);
    expect((await inject({ method: "GET", url: "/api/halls/hall.moon/queue" })).statusCode).toBe(404);
    expect((await inject({ method: "GET", url: "/api/halls/HALL!/queue" })).statusCode).toBe(400);
  });

  it("outbox, sending, delivery reports and replies", async () => {
    expect((await inject({ method: "GET", url: "/api/admin/outbox" })).statusCode).toBe(401);
    expect((await inject({ method: "GET", url: "/api/admin/outbox?limit=0", headers: ADMIN })).statusCode).toBe(400);
    // a phone number never goes in a URL: the GET refuses it, the POST search takes it in the body
    expect(
      (await inject({ method: "GET", url: "/api/admin/outbox?phone=13700137000", headers: ADMIN })).statusCode,
    ).toBe(400);
    expect(
      (await inject({ method: "POST", url: "/api/admin/outbox/search", headers: ADMIN, payload: { phone: "abc12" } }))
        .statusCode,
    ).toBe(400);
    const send = (payload: unknown) =>
      inject({ method: "POST", url: "/api/admin/notifications/send", headers: ADMIN, payload });
    expect((await send({ templateId: "sms.checklist", to: { phone: WANG_FANG }, variables: {} })).statusCode).toBe(400);
    expect(
      (
        await send({
          templateId: "sms.checklist",
          to: { phone: WANG_FANG },
          variables: { itemName: "x" },
          idempotencyKey: "k1",
        })
      ).statusCode,
    ).toBe(422);
    expect(
      (await send({ templateId: "sms.nope", to: { phone: WANG_FANG }, variables: {}, idempotencyKey: "k2" }))
        .statusCode,
    ).toBe(422);

    const sent = await outboxFor(WANG_FANG);
    await inject({ method: "POST", url: "/api/admin/notifications/drain", headers: ADMIN });
    const pmid = (await outboxFor(WANG_FANG)).messages[0]!.providerMessageId!;
    expect(pmid).toMatch(/^outbox:/);
    const report = (payload: unknown, key = "test-sms-key-0001") =>
      inject({ method: "POST", url: "/api/integrations/sms/delivery-reports", headers: { "x-api-key": key }, payload });
    expect((await report({ messageId: pmid, status: "DELIVRD" }, "test-dept-key-0001")).statusCode).toBe(403);
    expect((await report({ messageId: pmid, status: "MAYBE" })).statusCode).toBe(422);
    expect((await report({ messageId: "unknown-id", status: "DELIVRD" })).statusCode).toBe(404);
    expect((await report({ messageId: pmid })).statusCode).toBe(400);
    expect((await outboxFor(WANG_FANG)).messages[0]!.status).toBe(
      sent.messages[0]!.status === "queued" ? "sent" : sent.messages[0]!.status,
    );
    expect((await report({ reports: [{ messageId: pmid, status: "DELIVRD" }] })).json()).toMatchObject({
      results: [{ status: "delivered", changed: true }],
    });
    expect((await outboxFor(WANG_FANG)).messages[0]!.status).toBe("delivered");

    // TD opts the number out; the next notification is suppressed
    const reply = await inject({
      method: "POST",
      url: "/api/integrations/sms/inbound",
      headers: { "x-api-key": "test-sms-key-0001" },
      payload: { from: "13700137000", text: " TD " },
    });
    expect(reply.json()).toEqual({ action: "opted-out", channel: "sms" });
    const after = await send({
      templateId: "sms.checklist",
      to: { phone: WANG_FANG },
      variables: { itemName: "护照", link: "L" },
      idempotencyKey: "after-td",
    });
    expect(after.json()).toMatchObject({ status: "suppressed" });
    await inject({
      method: "DELETE",
      url: "/api/admin/notifications/opt-outs",
      headers: ADMIN,
      payload: { phone: WANG_FANG, channel: "sms" },
    });
  });
});

describe("citizen pages", () => {
  it("answers unknown and expired links with a page in the right language", async () => {
    expect((await inject({ method: "GET", url: "/s/AAAAAAAAAAAAAAAA" })).statusCode).toBe(404);
    expect((await inject({ method: "GET", url: "/s/x" })).statusCode).toBe(400);
    const l = await app.ctx.services.links.create("hall", "hall.civic-center", null, { ttlDays: 1 });
    expect((await inject({ method: "GET", url: `/s/${l.token}` })).statusCode).toBe(200);
    clock.advance(2 * 86_400_000);
    const gone = await inject({ method: "GET", url: `/s/${l.token}?lang=en` });
    expect(gone.statusCode).toBe(410);
    expect(gone.body).toContain('<html lang="en">');
    clock.advance(-2 * 86_400_000);
  });

  it("tailors a checklist to the citizen (a newborn applying for a passport needs the guardian's papers)", async () => {
    const baby = await app.ctx.services.notifications.createLink(
      "item",
      "passport.apply",
      DEMO_CITIZENS.wangFangBaby.id,
    );
    const page = (await inject({ method: "GET", url: `/s/${baby.token}` })).body;
    expect(page).toContain("已按您的情况筛选");
    expect(page).toContain("监护关系证明");
    const adult = await app.ctx.services.notifications.createLink("item", "passport.apply", DEMO_CITIZENS.zhangWei.id, {
      facts: { notFlags: ["state-employee"] },
    });
    const adultPage = (await inject({ method: "GET", url: `/s/${adult.token}?lang=en&size=large` })).body;
    expect(adultPage).toContain('<html lang="en" class="large">');
    const checklist = /<section aria-labelledby="checklist">[\s\S]*?<\/section>/.exec(adultPage)![0];
    expect(checklist).toContain("Tailored to what you told us");
    expect(checklist).not.toMatch(/guardian/i);
  });

  it("shows 张伟's appointment with reschedule and cancel that call the appointment service", async () => {
    const [appt] = (await app.ctx.services.appointments.listAppointments(DEMO_CITIZENS.zhangWei.id, {
      openOnly: true,
    }))!;
    expect(appt).toBeDefined();
    // another citizen's link never shows it
    const foreign = await app.ctx.services.links.create("appointment", appt!.id, DEMO_CITIZENS.wangFang.id);
    expect((await inject({ method: "GET", url: `/s/${foreign.token}` })).statusCode).toBe(404);
    const l = await app.ctx.services.links.create("appointment", appt!.id, DEMO_CITIZENS.zhangWei.id);
    const page = (await inject({ method: "GET", url: `/s/${l.token}` })).body;
    expect(page).toContain(appt!.reference);
    const slot = /name="slot" value="([^"]+)"/.exec(page);
    if (slot) {
      const moved = await inject({
        method: "POST",
        url: `/s/${l.token}/reschedule`,
        payload: `slot=${encodeURIComponent(slot[1]!)}`,
        headers: { "content-type": "application/x-www-form-urlencoded" },
      });
      expect(moved.statusCode).toBe(303);
      const [date, time] = slot[1]!.split(" ");
      expect(await app.ctx.services.appointments.get(appt!.id)).toMatchObject({ date, time });
    }
    const cancelled = await inject({
      method: "POST",
      url: `/s/${l.token}/cancel`,
      payload: "reason=plans-changed",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(cancelled.statusCode).toBe(303);
    expect(cancelled.headers.location).toContain("done=cancelled");
    expect((await app.ctx.services.appointments.get(appt!.id))!.status).toBe("cancelled");
    expect((await inject({ method: "GET", url: cancelled.headers.location as string })).body).toContain("预约已取消");
    const texts = (await outboxFor(DEMO_CITIZENS.zhangWei.phone)).messages.map((m) => m.templateId);
    expect(texts).toContain("sms.appointment-cancelled");
    expect(
      (
        await inject({
          method: "POST",
          url: `/s/${l.token}/cancel`,
          payload: "reason=teleported",
          headers: { "content-type": "application/x-www-form-urlencoded" },
        })
      ).statusCode,
    ).toBe(400);
  });

  it("shows a life event's steps and the next one for the citizen", async () => {
    const l = await app.ctx.services.notifications.createLink("event", "event.newborn", DEMO_CITIZENS.wangFang.id);
    const page = (await inject({ method: "GET", url: `/s/${l.token}` })).body;
    expect(page).toContain('data-state="done"');
    expect(page).toMatch(/下一步：[^<]*出生登记/);
    expect(cityDate(clock.now(), TZ)).toMatch(/^\d{4}-/);
  });
});
