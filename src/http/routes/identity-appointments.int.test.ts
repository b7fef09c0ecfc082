import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, TEST_ADMIN_TOKEN } from "../../../test/support/test-context.js";
import { fixedClock } from "../../app/clock.js";
import { DEMO_CITIZENS } from "../../domain/identity/demo-citizens.js";

// Tuesday 29 September 2026, 09:00 in the city; the demo seed books 张伟 for tomorrow 10:00.
const clock = fixedClock(new Date("2026-09-29T01:00:00Z"));
let app: Awaited<ReturnType<typeof startTestApp>>;
const admin = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
const hallKey = { "x-api-key": "test-hall-key-0001" };

beforeAll(async () => {
  app = await startTestApp({ clock });
});
afterAll(async () => app.close());

const inject = (method: "GET" | "POST", url: string, opts: { headers?: Record<string, string>; body?: unknown } = {}) =>
  app.server.inject({
    method,
    url,
    headers: opts.headers,
    ...(opts.body !== undefined ? { payload: opts.body as object } : {}),
  });
const totals = async () => {
  const q = async (sql: string) => (await app.ctx.db.query(sql)).rows[0]!.n as number;
  return {
    appointments: await q("SELECT count(*)::int AS n FROM appointments"),
    events: await q("SELECT count(*)::int AS n FROM domain_events WHERE aggregate IN ('appointment', 'citizen')"),
    places: await q("SELECT coalesce(sum(booked), 0)::int AS n FROM appointment_slots"),
    citizens: await q("SELECT count(*)::int AS n FROM citizens"),
    merges: await q("SELECT count(*)::int AS n FROM citizen_merges"),
  };
};
const zhang = DEMO_CITIZENS.zhangWei;
const other = "de000000-0000-4000-8000-000000000105";
const booking = {
  citizenId: other,
  hall: "hall.exit-entry",
  item: "hk-macao-permit.apply",
  date: "2026-09-30",
  time: "14:00",
};

describe("citizens API (admin)", () => {
  it("looks up a caller by number, masked", async () => {
    for (const phone of ["13800138000", "+8613800138000", "138 0013 8000"]) {
      const r = await inject("POST", "/api/admin/citizens/lookup", { headers: admin, body: { phone } });
      expect(r.statusCode, phone).toBe(200);
      expect(r.json().citizens[0]).toMatchObject({
        id: zhang.id,
        name: "张伟",
        maskedId: `110***********${zhang.idNumber.slice(-4)}`,
        maskedPhones: ["138****8000"],
      });
      expect(r.body).not.toContain(zhang.idNumber);
      expect(r.body).not.toContain("13800138000");
    }
    // a phone number is personal data: there is no route that takes it in the URL
    expect((await inject("GET", "/api/admin/citizens/by-phone/13800138000", { headers: admin })).statusCode).toBe(404);
  });
  it("refuses missing or wrong credentials and unknown numbers", async () => {
    const lookup = (headers?: Record<string, string>, phone = "13800138000") =>
      inject("POST", "/api/admin/citizens/lookup", { ...(headers ? { headers } : {}), body: { phone } });
    expect((await lookup()).statusCode).toBe(401);
    expect((await lookup({ authorization: "Bearer wrong-token-000000000" })).statusCode).toBe(403);
    expect((await lookup(hallKey)).statusCode).toBe(401);
    const unknown = await lookup(admin, "13812345678");
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().message).toMatch(/No citizen/);
    expect((await inject("GET", "/api/admin/citizens/not-a-uuid", { headers: admin })).statusCode).toBe(400);
  });
  it("shows the newborn's guardian", async () => {
    const r = await inject("GET", `/api/admin/citizens/${DEMO_CITIZENS.wangFangBaby.id}`, { headers: admin });
    expect(r.json().citizen).toMatchObject({
      name: "陈小满",
      age: 0,
      minor: true,
      delegations: [{ otherName: "王芳", kind: "guardian", proofKind: "birth-medical-certificate" }],
    });
    expect(r.body).not.toContain("Q990000001");
  });
  it("registers a citizen and refuses bad input with reasons, writing nothing", async () => {
    const before = await totals();
    const bad = [
      [{}, 400],
      [{ nameZh: "甲", idNumber: "110105198801019999" }, 400],
      [{ nameZh: "甲", phones: ["123"] }, 400],
      [{ nameZh: "甲", phones: "13800000000" }, 400],
      [{ nameZh: "甲", shoeSize: 42 }, 400],
      [{ nameZh: "甲", idNumber: zhang.idNumber }, 409],
    ] as const;
    for (const [body, status] of bad) {
      const r = await inject("POST", "/api/admin/citizens", { headers: admin, body });
      expect(r.statusCode, JSON.stringify(body)).toBe(status);
      expect(r.json().message).toBeTruthy();
    }
    expect(
      (
        await inject("POST", "/api/admin/citizens", {
          headers: admin,
          body: { nameZh: "甲", idNumber: "110105198801019999" },
        })
      ).json().details.reason,
    ).toBe("invalid-id-number");
    expect(await totals()).toEqual(before);
    const ok = await inject("POST", "/api/admin/citizens", {
      headers: admin,
      body: { nameZh: "接口测试", phones: ["13611112222"], tags: ["elderly"] },
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().citizen).toMatchObject({ name: "接口测试", maskedPhones: ["136****2222"], elderly: true });
  });
  it("merges and unmerges with reasons; refuses bad requests", async () => {
    const a = (
      await inject("POST", "/api/admin/citizens", {
        headers: admin,
        body: { nameZh: "合并测试", phones: ["13622223333"] },
      })
    ).json().citizen.id;
    const b = (
      await inject("POST", "/api/admin/citizens", {
        headers: admin,
        body: { nameZh: "合并测试", phones: ["13622224444"] },
      })
    ).json().citizen.id;
    const before = await totals();
    expect(
      (await inject("POST", "/api/admin/citizens/merge", { headers: admin, body: { sourceId: a, targetId: b } }))
        .statusCode,
    ).toBe(400);
    expect(
      (await inject("POST", "/api/admin/citizens/merge", { body: { sourceId: a, targetId: b, reason: "x" } }))
        .statusCode,
    ).toBe(401);
    const unknown = await inject("POST", "/api/admin/citizens/merge", {
      headers: admin,
      body: { sourceId: a, targetId: "00000000-0000-4000-8000-00000000dead", reason: "x" },
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().details.reason).toBe("unknown-citizen");
    const different = await inject("POST", "/api/admin/citizens/merge", {
      headers: admin,
      body: { sourceId: zhang.id, targetId: DEMO_CITIZENS.wangFang.id, reason: "x" },
    });
    expect(different.statusCode).toBe(422);
    expect(await totals()).toEqual(before);

    const m = await inject("POST", "/api/admin/citizens/merge", {
      headers: admin,
      body: { sourceId: a, targetId: b, reason: "same person, two numbers" },
    });
    expect(m.statusCode).toBe(200);
    expect(
      (await inject("POST", "/api/admin/citizens/lookup", { headers: admin, body: { phone: "13622223333" } })).json()
        .citizens[0].id,
    ).toBe(b);
    const again = await inject("POST", "/api/admin/citizens/merge", {
      headers: admin,
      body: { sourceId: a, targetId: b, reason: "x" },
    });
    expect(again.statusCode).toBe(409);
    const u = await inject("POST", "/api/admin/citizens/unmerge", {
      headers: admin,
      body: { mergeId: m.json().mergeId, reason: "two people" },
    });
    expect(u.statusCode).toBe(200);
    expect(
      (await inject("POST", "/api/admin/citizens/lookup", { headers: admin, body: { phone: "13622223333" } })).json()
        .citizens[0].id,
    ).toBe(a);
    expect(
      (
        await inject("POST", "/api/admin/citizens/unmerge", {
          headers: admin,
          body: { mergeId: m.json().mergeId, reason: "again" },
        })
      ).statusCode,
    ).toBe(409);
    expect(
      (await inject("POST", "/api/admin/citizens/unmerge", { headers: admin, body: { mergeId: "nope", reason: "x" } }))
        .statusCode,
    ).toBe(400);
  });
  it("verifies the last four for an agent", async () => {
    const ok = await inject("POST", `/api/admin/citizens/${zhang.id}/verify-last4`, {
      headers: admin,
      body: { last4: zhang.idNumber.slice(-4) },
    });
    expect(ok.json()).toMatchObject({ ok: true, level: "id-last4" });
    const wrong = await inject("POST", `/api/admin/citizens/${zhang.id}/verify-last4`, {
      headers: admin,
      body: { last4: zhang.idNumber.slice(-4) === "0000" ? "1111" : "0000" },
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().details).toMatchObject({ reason: "mismatch", attemptsLeft: 4 });
  });
});

describe("appointments API", () => {
  it("shows 张伟's demo appointment tomorrow 10:00", async () => {
    const r = await inject("GET", `/api/admin/citizens/${zhang.id}/appointments`, { headers: admin });
    expect(r.statusCode).toBe(200);
    expect(r.json().appointments[0]).toMatchObject({
      item: "passport.renew",
      hall: "hall.exit-entry",
      date: "2026-09-30",
      time: "10:00",
      status: "booked",
    });
    expect(
      (await inject("GET", "/api/admin/citizens/00000000-0000-4000-8000-00000000dead/appointments", { headers: admin }))
        .statusCode,
    ).toBe(404);
  });
  it("lists slots publicly, with places left and closed days", async () => {
    const r = await inject("GET", "/api/halls/hall.exit-entry/slots?item=passport.renew&date=2026-09-30");
    expect(r.statusCode).toBe(200);
    expect(r.json().slots.find((s: { start: string }) => s.start === "10:00")).toMatchObject({ capacity: 10, left: 9 });
    const holiday = await inject("GET", "/api/halls/hall.exit-entry/slots?item=passport.renew&date=2026-10-01");
    expect(holiday.json()).toMatchObject({ closed: "closed-day", slots: [], day: { holidayName: { zh: "国庆节" } } });
    expect((await inject("GET", "/api/halls/hall.exit-entry/slots?item=passport.renew")).statusCode).toBe(400);
    expect((await inject("GET", "/api/halls/hall.exit-entry/slots?item=passport.renew&date=tomorrow")).statusCode).toBe(
      400,
    );
    expect((await inject("GET", "/api/halls/hall.nowhere/slots?item=passport.renew&date=2026-09-30")).statusCode).toBe(
      404,
    );
    const unknownItem = await inject("GET", "/api/halls/hall.exit-entry/slots?item=no.such&date=2026-09-30");
    expect(unknownItem.statusCode).toBe(422);
    expect(unknownItem.json().details.reason).toBe("unknown-item");
  });
  it("refuses bookings without valid credentials before looking at the body", async () => {
    expect((await inject("POST", "/api/appointments", { body: booking })).statusCode).toBe(401);
    expect((await inject("POST", "/api/appointments", { body: {} })).statusCode).toBe(401);
    expect(
      (await inject("POST", "/api/appointments", { headers: { "x-api-key": "wrong" }, body: booking })).statusCode,
    ).toBe(403);
    expect(
      (
        await inject("POST", "/api/appointments", {
          headers: { authorization: "Bearer wrong-token-000000000" },
          body: booking,
        })
      ).statusCode,
    ).toBe(403);
  });
  it("refuses bad bookings with a reason and writes nothing", async () => {
    const before = await totals();
    const cases: [Record<string, unknown>, number, string?][] = [
      [{}, 400],
      [{ ...booking, time: undefined }, 400],
      [{ ...booking, time: 1400 }, 400],
      [{ ...booking, date: "30-09-2026" }, 400],
      [{ ...booking, citizenId: "zhang" }, 400],
      [{ ...booking, extra: true }, 400],
      [{ ...booking, hall: "hall.nowhere" }, 422, "unknown-hall"],
      [{ ...booking, item: "no.such" }, 422, "unknown-item"],
      [{ ...booking, citizenId: "00000000-0000-4000-8000-00000000dead" }, 422, "unknown-citizen"],
      [{ ...booking, date: "2026-10-01" }, 422, "closed-day"],
      [{ ...booking, time: "12:30" }, 422, "no-such-slot"],
      [{ ...booking, date: "2026-09-29", time: "09:00" }, 422, "past"],
      [{ ...booking, date: "2026-09-29", time: "09:00" }, 422, "past"],
      [{ ...booking, item: "id-card.renew" }, 422, "not-served-here"],
      [
        { citizenId: zhang.id, hall: "hall.exit-entry", item: "passport.renew", date: "2026-10-08", time: "10:00" },
        409,
        "already-open",
      ],
    ];
    for (const [body, status, reason] of cases) {
      const r = await inject("POST", "/api/appointments", { headers: hallKey, body });
      expect(r.statusCode, JSON.stringify(body)).toBe(status);
      expect(r.json().message).toBeTruthy();
      if (reason) expect(r.json().details.reason).toBe(reason);
      else expect(r.json().details.length).toBeGreaterThan(0);
    }
    expect(await totals()).toEqual(before);
  });
  it("books with an integration key or the admin token, then reschedules, cancels, marks no-show", async () => {
    const r = await inject("POST", "/api/appointments", { headers: hallKey, body: booking });
    expect(r.statusCode).toBe(201);
    const a = r.json().appointment;
    expect(a).toMatchObject({ status: "booked", channel: "integration", date: "2026-09-30", time: "14:00" });
    const ev = await app.ctx.db.query("SELECT actor FROM domain_events WHERE aggregate_id = $1", [a.id]);
    expect(ev.rows[0]!.actor).toBe("integration:hall-ticketing");
    expect((await inject("GET", `/api/appointments/${a.id}`, { headers: admin })).json().appointment.id).toBe(a.id);
    expect((await inject("GET", `/api/appointments/${a.id}`)).statusCode).toBe(401);

    const moved = await inject("POST", `/api/appointments/${a.id}/reschedule`, {
      headers: admin,
      body: { date: "2026-10-10", time: "09:00" },
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().appointment).toMatchObject({ date: "2026-10-10", time: "09:00", rescheduleCount: 1 });
    expect(
      (
        await inject("POST", `/api/appointments/${a.id}/reschedule`, {
          headers: admin,
          body: { date: "2026-10-03", time: "09:00" },
        })
      ).json().details.reason,
    ).toBe("closed-day");
    expect(
      (await inject("POST", `/api/appointments/${a.id}/reschedule`, { headers: admin, body: { date: "2026-10-10" } }))
        .statusCode,
    ).toBe(400);

    expect((await inject("POST", `/api/appointments/${a.id}/no-show`, { headers: hallKey })).statusCode).toBe(409);
    expect((await inject("POST", `/api/appointments/${a.id}/cancel`, { headers: admin, body: {} })).statusCode).toBe(
      400,
    );
    expect(
      (await inject("POST", `/api/appointments/${a.id}/cancel`, { headers: admin, body: { reason: "bored" } }))
        .statusCode,
    ).toBe(400);
    const other = await inject("POST", `/api/appointments/${a.id}/cancel`, {
      headers: admin,
      body: { reason: "other" },
    });
    expect(other.statusCode).toBe(400);
    expect(other.json().details.reason).toBe("note-required");
    const c = await inject("POST", `/api/appointments/${a.id}/cancel`, {
      headers: admin,
      body: { reason: "plans-changed" },
    });
    expect(c.statusCode).toBe(200);
    expect(c.json().appointment).toMatchObject({ status: "cancelled", cancelReason: "plans-changed" });
    expect(
      (await inject("POST", `/api/appointments/${a.id}/cancel`, { headers: admin, body: { reason: "plans-changed" } }))
        .statusCode,
    ).toBe(409);
    const types = await app.ctx.db.query<{ type: string }>(
      "SELECT type FROM domain_events WHERE aggregate_id = $1 ORDER BY id",
      [a.id],
    );
    expect(types.rows.map((x) => x.type)).toEqual([
      "appointment.booked",
      "appointment.rescheduled",
      "appointment.cancelled",
    ]);

    const b = (
      await inject("POST", "/api/appointments", { headers: admin, body: { ...booking, time: "15:00" } })
    ).json().appointment;
    expect(b.channel).toBe("agent");
    clock.set(new Date("2026-09-30T07:30:00Z")); // 15:30, the slot has ended
    const ns = await inject("POST", `/api/appointments/${b.id}/no-show`, { headers: hallKey });
    expect(ns.statusCode).toBe(200);
    expect(ns.json().appointment.status).toBe("no-show");
    expect((await inject("POST", `/api/appointments/${b.id}/check-in`, { headers: hallKey })).statusCode).toBe(409);
    expect(
      (await inject("POST", "/api/appointments/00000000-0000-4000-8000-00000000dead/no-show", { headers: hallKey }))
        .statusCode,
    ).toBe(404);
    expect((await inject("POST", "/api/appointments/nope/no-show", { headers: hallKey })).statusCode).toBe(400);
    clock.set(new Date("2026-09-29T01:00:00Z"));
  });
  it("describes the routes in the OpenAPI document", async () => {
    const paths = Object.keys((await inject("GET", "/openapi.json")).json().paths);
    for (const p of [
      "/api/halls/{code}/slots",
      "/api/appointments",
      "/api/appointments/{id}/cancel",
      "/api/admin/citizens/merge",
      "/api/admin/citizens/lookup",
    ])
      expect(paths).toContain(p);
  });
});

describe("every identity and appointment route", () => {
  const z = "00000000-0000-4000-8000-00000000dead";
  const protectedRoutes: ["GET" | "POST", string, unknown?][] = [
    ["POST", "/api/admin/citizens/lookup", { phone: "13800138000" }],
    ["GET", `/api/admin/citizens/${zhang.id}`],
    ["POST", "/api/admin/citizens", { nameZh: "甲" }],
    ["POST", "/api/admin/citizens/merge", { sourceId: z, targetId: zhang.id, reason: "x" }],
    ["POST", "/api/admin/citizens/unmerge", { mergeId: z, reason: "x" }],
    [
      "POST",
      `/api/admin/citizens/${zhang.id}/consents`,
      { purpose: "call-recording", granted: true, channel: "phone" },
    ],
    [
      "POST",
      `/api/admin/citizens/${zhang.id}/delegations`,
      { actorId: z, kind: "agent", proof: { kind: "power-of-attorney", reference: "x" } },
    ],
    ["POST", `/api/admin/delegations/${z}/revoke`, { reason: "x" }],
    ["POST", `/api/admin/citizens/${zhang.id}/verify-last4`, { last4: "1234" }],
    ["POST", `/api/admin/citizens/${zhang.id}/sms-verification`, { idNumber: zhang.idNumber }],
    ["POST", `/api/admin/sms-verifications/${z}/confirm`, { code: "123456" }],
    ["GET", `/api/admin/citizens/${zhang.id}/appointments`],
    ["POST", "/api/appointments", booking],
    ["GET", `/api/appointments/${z}`],
    ["POST", `/api/appointments/${z}/reschedule`, { date: "2026-10-09", time: "10:00" }],
    ["POST", `/api/appointments/${z}/cancel`, { reason: "plans-changed" }],
    ["POST", `/api/appointments/${z}/no-show`],
    ["POST", `/api/appointments/${z}/check-in`],
  ];
  it("refuses a missing or wrong credential with 401/403 and a reason, changing nothing", async () => {
    const before = await totals();
    for (const [method, url, body] of protectedRoutes) {
      const none = await inject(method, url, { body });
      expect(none.statusCode, `${method} ${url}`).toBe(401);
      expect(none.json().message).toBeTruthy();
      const wrong = await inject(method, url, { headers: { authorization: "Bearer not-the-admin-token-0000" }, body });
      expect(wrong.statusCode, `${method} ${url}`).toBe(403);
    }
    expect(await totals()).toEqual(before);
  });
  it("refuses malformed bodies with 400 and the fields named, changing nothing", async () => {
    const before = await totals();
    for (const [method, url, body] of protectedRoutes) {
      if (method !== "POST" || body === undefined) continue;
      const r = await inject(method, url, { headers: admin, body: { ...(body as object), surprise: 1 } });
      expect(r.statusCode, url).toBe(400);
      const empty = await inject(method, url, { headers: admin, body: {} });
      expect(empty.statusCode, url).toBe(400);
      expect(empty.json().details.length, url).toBeGreaterThan(0);
    }
    const wrongTypes = await inject("POST", `/api/admin/citizens/${zhang.id}/consents`, {
      headers: admin,
      body: { purpose: "marketing", granted: "yes", channel: 3 },
    });
    expect(
      wrongTypes
        .json()
        .details.map((d: { path: string }) => d.path)
        .sort(),
    ).toEqual(["channel", "granted", "purpose"]);
    expect(await totals()).toEqual(before);
  });
  it("answers unknown ids with 404 or 422 and a reason", async () => {
    const consent = await inject("POST", `/api/admin/citizens/${z}/consents`, {
      headers: admin,
      body: { purpose: "call-recording", granted: true, channel: "phone" },
    });
    expect([consent.statusCode, consent.json().details.reason]).toEqual([422, "unknown-citizen"]);
    const del = await inject("POST", `/api/admin/citizens/${zhang.id}/delegations`, {
      headers: admin,
      body: { actorId: z, kind: "agent", proof: { kind: "power-of-attorney", reference: "x" } },
    });
    expect([del.statusCode, del.json().details.reason]).toEqual([422, "unknown-actor"]);
    expect(
      (await inject("POST", `/api/admin/delegations/${z}/revoke`, { headers: admin, body: { reason: "x" } }))
        .statusCode,
    ).toBe(404);
    expect(
      (await inject("POST", `/api/admin/sms-verifications/${z}/confirm`, { headers: admin, body: { code: "123456" } }))
        .statusCode,
    ).toBe(404);
    expect((await inject("GET", `/api/appointments/${z}`, { headers: hallKey })).statusCode).toBe(404);
    expect(
      (await inject("POST", `/api/appointments/${z}/cancel`, { headers: hallKey, body: { reason: "plans-changed" } }))
        .statusCode,
    ).toBe(404);
  });
});
