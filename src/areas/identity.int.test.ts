import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startIdentityContext } from "../../test/support/identity-context.js";
import { startIdentityArea } from "./identity.js";
import type { AppContext } from "../compose.js";
import { DEMO_CITIZENS, DEMO_OTHERS } from "../domain/identity/demo-citizens.js";
import { fixedClock } from "../app/clock.js";

// Tuesday 29 September 2026, 09:00 in the city.
const clock = fixedClock(new Date("2026-09-29T01:00:00Z"));
let ctx: AppContext;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ ctx, close } = await startIdentityContext({ clock, seed: true }));
});
afterAll(async () => close());

const count = async (sql: string) => (await ctx.db.query(sql)).rows[0]!.n as number;
const zhangOpen = async () =>
  (await ctx.services.appointments.listAppointments(DEMO_CITIZENS.zhangWei.id, { openOnly: true }))!;

describe("demo seed", () => {
  it("creates the fixed demo callers", async () => {
    const id = ctx.services.identity;
    expect(await id.findByPhone("138 0013 8000")).toMatchObject({
      id: DEMO_CITIZENS.zhangWei.id,
      name: "张伟",
      age: 38,
    });
    expect(await id.findByPhone("+8613900139000")).toMatchObject({
      name: "李秀英",
      age: 79,
      elderly: true,
      tags: ["elderly", "pension-recipient"],
    });
    expect(await id.findByPhone("8613700137000")).toMatchObject({
      id: DEMO_CITIZENS.wangFang.id,
      name: "王芳",
      age: 34,
      tags: ["newborn-parent"],
    });
    expect(await id.findByPhone("13812345678")).toBeUndefined();
    expect(await id.get(DEMO_CITIZENS.wangFangBaby.id)).toMatchObject({
      age: 0,
      minor: true,
      hasIdNumber: false,
      maskedPhones: [],
    });
    expect(await id.canActFor(DEMO_CITIZENS.wangFang.id, DEMO_CITIZENS.wangFangBaby.id)).toMatchObject({
      ok: true,
      basis: "guardian",
    });
    expect(await id.canActFor(DEMO_CITIZENS.zhangWei.id, DEMO_CITIZENS.wangFangBaby.id)).toMatchObject({ ok: false });
    expect(await id.hasConsent(DEMO_CITIZENS.zhangWei.id, "sms-notifications")).toBe(true);
    expect(await id.canActFor(DEMO_OTHERS[0]!.id, DEMO_CITIZENS.liXiuying.id, "pension.qualification")).toMatchObject({
      ok: true,
      basis: "agent",
    });
    expect(await id.canActFor(DEMO_OTHERS[0]!.id, DEMO_CITIZENS.liXiuying.id, "passport.renew")).toEqual({
      ok: false,
      reason: "out-of-scope",
    });
    expect(await id.verifyLast4(DEMO_CITIZENS.liXiuying.id, DEMO_CITIZENS.liXiuying.idNumber.slice(-4))).toMatchObject({
      ok: true,
    });
    const baby = await ctx.db.query("SELECT birth_date::text AS b FROM citizens WHERE id = $1", [
      DEMO_CITIZENS.wangFangBaby.id,
    ]);
    expect(baby.rows[0]!.b).toBe("2026-09-22");
  });
  it("books 张伟 tomorrow 10:00 at the exit-entry hall, within the normal rules on a working day", async () => {
    expect(await zhangOpen()).toEqual([
      expect.objectContaining({
        item: "passport.renew",
        hall: "hall.exit-entry",
        date: "2026-09-30",
        time: "10:00",
        status: "booked",
      }),
    ]);
    expect((await zhangOpen())[0]!.forcedReason).toBeUndefined();
  });
  it("gives the other synthetic citizens appointments", async () => {
    expect(await count("SELECT count(*)::int AS n FROM citizens")).toBe(4 + DEMO_OTHERS.length);
    expect(await count("SELECT count(DISTINCT citizen_id)::int AS n FROM appointments")).toBeGreaterThanOrEqual(15);
  });
  it("is idempotent", async () => {
    const before = [
      await count("SELECT count(*)::int AS n FROM citizens"),
      await count("SELECT count(*)::int AS n FROM appointments"),
      await count("SELECT count(*)::int AS n FROM domain_events"),
    ];
    await startIdentityArea(ctx);
    expect([
      await count("SELECT count(*)::int AS n FROM citizens"),
      await count("SELECT count(*)::int AS n FROM appointments"),
      await count("SELECT count(*)::int AS n FROM domain_events"),
    ]).toEqual(before);
  });
  it("moves 张伟's appointment to the new tomorrow on a later start, forcing it onto a holiday and saying why", async () => {
    clock.set(new Date("2026-09-30T01:00:00Z")); // tomorrow is 1 October (国庆)
    await startIdentityArea(ctx);
    const [a] = await zhangOpen();
    expect(a).toMatchObject({
      date: "2026-10-01",
      time: "10:00",
      rescheduleCount: 1,
      forcedReason: expect.stringContaining("demo seed"),
    });
    const ev = await ctx.db.query(
      "SELECT payload FROM domain_events WHERE aggregate_id = $1 AND type = 'appointment.rescheduled'",
      [a!.id],
    );
    expect(ev.rows[0]!.payload.forcedReason).toContain("张伟");
  });
  it("closes a past demo appointment and books a new one", async () => {
    clock.set(new Date("2026-10-08T01:00:00Z")); // Thursday after 国庆: tomorrow is an ordinary Friday
    await startIdentityArea(ctx);
    const all = (await ctx.services.appointments.listAppointments(DEMO_CITIZENS.zhangWei.id))!;
    expect(all.filter((x) => x.status === "booked")).toEqual([
      expect.objectContaining({ date: "2026-10-09", time: "10:00" }),
    ]);
    expect(all.find((x) => x.status === "booked")!.forcedReason).toBeUndefined();
    expect(all.filter((x) => x.status === "no-show").map((x) => x.date)).toEqual(["2026-10-01"]);
  });
});
