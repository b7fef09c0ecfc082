import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startIdentityContext } from "../../../test/support/identity-context.js";
import type { AppContext } from "../../compose.js";
import { fixedClock } from "../clock.js";

// Tuesday 29 September 2026, 09:00 in the city (Asia/Shanghai). 国庆 runs 1–7 October; Saturday
// 10 October is a 调休 makeup workday (kb/calendar/2026.yaml).
const T0 = new Date("2026-09-29T01:00:00Z");
const clock = fixedClock(T0);
let ctx: AppContext;
let close: () => Promise<void>;
const citizens: string[] = [];

beforeAll(async () => {
  ({ ctx, close } = await startIdentityContext({ clock }));
  for (let i = 0; i < 12; i++) {
    const r = await ctx.services.identity.register({
      nameZh: `预约测试${i}`,
      phones: [`+86188000000${String(i).padStart(2, "0")}`],
      actor: "test",
    });
    if (!r.ok) throw new Error(r.reason);
    citizens.push(r.citizen.id);
  }
});
afterAll(async () => close());
beforeEach(() => clock.set(T0));

const svc = () => ctx.services.appointments;
const book = (citizenId: string, over: Partial<Parameters<ReturnType<typeof svc>["book"]>[0]> = {}) =>
  svc().book({
    citizenId,
    hall: "hall.exit-entry",
    item: "passport.renew",
    date: "2026-09-30",
    time: "10:00",
    channel: "phone",
    actor: "test",
    ...over,
  });
const mustBook = async (...args: Parameters<typeof book>) => {
  const r = await book(...args);
  if (!r.ok) throw new Error(r.reason);
  return r.appointment;
};
const eventTypes = async (id: string) =>
  (
    await ctx.db.query<{ type: string }>(
      "SELECT type FROM domain_events WHERE aggregate = 'appointment' AND aggregate_id = $1 ORDER BY id",
      [id],
    )
  ).rows.map((r) => r.type);
const slotRow = async (hall: string, item: string, date: string, time: string) =>
  (
    await ctx.db.query(
      "SELECT capacity, booked FROM appointment_slots WHERE hall = $1 AND item = $2 AND slot_date = $3 AND slot_time = $4",
      [hall, item, date, time],
    )
  ).rows[0];
const counts = async () => ({
  appointments: (await ctx.db.query("SELECT count(*)::int AS n FROM appointments")).rows[0]!.n as number,
  events: (await ctx.db.query("SELECT count(*)::int AS n FROM domain_events WHERE aggregate = 'appointment'")).rows[0]!
    .n as number,
  booked: (await ctx.db.query("SELECT coalesce(sum(booked), 0)::int AS n FROM appointment_slots")).rows[0]!.n as number,
});

describe("available slots", () => {
  it("lists a working day's slots, none in the lunch break", async () => {
    const r = await svc().availableSlots("hall.exit-entry", "passport.renew", "2026-09-30");
    if (!r.ok) throw new Error(r.reason);
    expect(r.day?.kind).toBe("workday");
    expect(r.slots).toHaveLength(15);
    expect(r.slots.map((s) => s.start)).not.toContain("12:00");
    expect(r.slots[0]).toMatchObject({ start: "08:30", end: "09:00", capacity: 10, left: 10, bookable: true });
  });
  it("is closed on National Day, naming the holiday", async () => {
    const r = await svc().availableSlots("hall.exit-entry", "passport.renew", "2026-10-01");
    expect(r).toMatchObject({
      ok: true,
      closed: "closed-day",
      slots: [],
      day: { kind: "holiday", holidayName: { zh: "国庆节" } },
    });
  });
  it("opens the 调休 Saturday with weekday hours, even at a hall closed on Saturdays", async () => {
    const r = await svc().availableSlots("hall.east-district", "id-card.renew", "2026-10-10");
    if (!r.ok) throw new Error(r.reason);
    expect(r.day?.kind).toBe("makeup-workday");
    expect(r.slots[0]?.start).toBe("09:00");
    expect(r.slots.at(-1)?.end).toBe("17:00");
    expect(await svc().availableSlots("hall.east-district", "id-card.renew", "2026-10-17")).toMatchObject({
      closed: "closed-day",
    });
  });
  it("marks past and too-soon slots of today", async () => {
    const r = await svc().availableSlots("hall.exit-entry", "passport.renew", "2026-09-29");
    if (!r.ok) throw new Error(r.reason);
    const by = new Map(r.slots.map((s) => [s.start, s]));
    expect(by.get("08:30")).toMatchObject({ bookable: false, reason: "past" });
    expect(by.get("09:00")).toMatchObject({ bookable: false, reason: "past" });
    expect(by.get("09:30")).toMatchObject({ bookable: true });
  });
  it("refuses unknown halls and items, and items the hall does not book", async () => {
    expect(await svc().availableSlots("hall.nowhere", "passport.renew", "2026-09-30")).toMatchObject({
      ok: false,
      reason: "unknown-hall",
    });
    expect(await svc().availableSlots("hall.exit-entry", "no.such-item", "2026-09-30")).toMatchObject({
      ok: false,
      reason: "unknown-item",
    });
    expect(await svc().availableSlots("hall.exit-entry", "id-card.renew", "2026-09-30")).toMatchObject({
      ok: false,
      reason: "not-served-here",
    });
    expect(await svc().availableSlots("hall.civic-center", "id-card.temp-proof", "2026-09-30")).toMatchObject({
      ok: false,
      reason: "not-bookable",
    });
    expect(await svc().availableSlots("hall.exit-entry", "passport.renew", "2026-02-30")).toMatchObject({
      ok: false,
      reason: "invalid-date",
    });
  });
  it("suggests the earliest open slots, skipping the holiday week", async () => {
    clock.set(new Date("2026-09-30T09:00:00Z")); // 17:00 on 30 September: today is over
    const s = await svc().suggestSlots({ item: "passport.renew", hall: "hall.exit-entry", limit: 2 });
    expect(s.map((x) => `${x.date} ${x.start}`)).toEqual(["2026-10-08 08:30", "2026-10-09 08:30"]);
  });
});

describe("booking", () => {
  it("books, with its event in the same transaction, and the citizen can look it up", async () => {
    const a = await mustBook(citizens[0]!);
    expect(a).toMatchObject({
      status: "booked",
      hall: "hall.exit-entry",
      date: "2026-09-30",
      time: "10:00",
      endTime: "10:30",
      upcoming: true,
      rescheduleCount: 0,
    });
    expect(a.startsAt).toBe("2026-09-30T02:00:00.000Z");
    expect(a.reference).toMatch(/^[A-Z2-9]{8}$/);
    expect(a.hallName?.zh).toContain("出入境");
    expect(await eventTypes(a.id)).toEqual(["appointment.booked"]);
    expect(await slotRow("hall.exit-entry", "passport.renew", "2026-09-30", "10:00")).toEqual({
      capacity: 10,
      booked: 1,
    });
    expect((await svc().listAppointments(citizens[0]!))?.map((x) => x.id)).toEqual([a.id]);
    expect((await svc().get(a.reference))?.id).toBe(a.id);
  });
  it("refuses by the rules, writing nothing", async () => {
    const before = await counts();
    const c = citizens[1]!;
    expect(await book(c, { date: "2026-10-01" })).toMatchObject({ ok: false, reason: "closed-day" });
    expect(await book(c, { date: "2026-10-04" })).toMatchObject({ ok: false, reason: "closed-day" });
    expect(await book(c, { date: "2026-10-11" })).toMatchObject({ ok: false, reason: "closed-day" });
    expect(await book(c, { date: "2026-09-30", time: "12:30" })).toMatchObject({ ok: false, reason: "no-such-slot" });
    expect(await book(c, { date: "2026-09-30", time: "10:15" })).toMatchObject({ ok: false, reason: "no-such-slot" });
    expect(await book(c, { date: "2026-09-29", time: "09:00" })).toMatchObject({ ok: false, reason: "past" });
    expect(await book(c, { date: "2026-09-28", time: "10:00" })).toMatchObject({ ok: false, reason: "past" });
    clock.set(new Date("2026-09-29T01:01:00Z"));
    expect(await book(c, { date: "2026-09-29", time: "09:30" })).toMatchObject({
      ok: false,
      reason: "too-soon",
      message: expect.stringContaining("30 minutes"),
    });
    clock.set(T0);
    expect(await book(c, { date: "2026-10-30" })).toMatchObject({ ok: false, reason: "too-far" });
    expect(await book(c, { item: "id-card.renew" })).toMatchObject({ ok: false, reason: "not-served-here" });
    expect(await book(c, { hall: "hall.civic-center", item: "id-card.temp-proof" })).toMatchObject({
      ok: false,
      reason: "not-bookable",
    });
    expect(await book(c, { hall: "hall.nowhere" })).toMatchObject({ ok: false, reason: "unknown-hall" });
    expect(await book(c, { item: "no.such-item" })).toMatchObject({ ok: false, reason: "unknown-item" });
    expect(await book("00000000-0000-4000-8000-00000000dead")).toMatchObject({ ok: false, reason: "unknown-citizen" });
    expect(await book(c, { date: "30/09/2026" })).toMatchObject({ ok: false, reason: "invalid-date" });
    expect(await counts()).toEqual(before);
  });
  it("books the 调休 Saturday and exactly 30 minutes ahead", async () => {
    expect(await book(citizens[1]!, { date: "2026-10-10", time: "08:30" })).toMatchObject({ ok: true });
    expect(await book(citizens[1]!, { item: "passport.apply", date: "2026-09-29", time: "09:30" })).toMatchObject({
      ok: true,
    });
  });
  it("allows one open appointment per citizen per item", async () => {
    const before = await counts();
    expect(await book(citizens[0]!, { date: "2026-10-08" })).toMatchObject({ ok: false, reason: "already-open" });
    expect(await counts()).toEqual(before);
    expect(await book(citizens[0]!, { item: "passport.apply", date: "2026-10-08" })).toMatchObject({ ok: true });
  });
  it("two concurrent bookings for the last place: exactly one wins", async () => {
    // marriage.divorce at the civic center: one place per slot.
    const slot = { hall: "hall.civic-center", item: "marriage.divorce", date: "2026-10-09", time: "09:00" };
    const results = await Promise.all(citizens.slice(2, 8).map((c) => book(c, slot)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.reason)).toEqual(Array(5).fill("full"));
    expect(await slotRow(slot.hall, slot.item, slot.date, slot.time)).toEqual({ capacity: 1, booked: 1 });
    const rows = await ctx.db.query(
      "SELECT count(*)::int AS n FROM appointments WHERE hall = $1 AND item = $2 AND slot_date = $3 AND status = 'booked'",
      [slot.hall, slot.item, slot.date],
    );
    expect(rows.rows[0]!.n).toBe(1);
  });
  it("fills a slot to capacity under concurrency and no further", async () => {
    // passport.replace at the exit-entry hall: four places per slot; eight citizens race.
    const slot = { item: "passport.replace", date: "2026-10-09", time: "14:00" };
    const results = await Promise.all(citizens.slice(2, 10).map((c) => book(c, slot)));
    expect(results.filter((r) => r.ok)).toHaveLength(4);
    expect(await slotRow("hall.exit-entry", slot.item, slot.date, slot.time)).toEqual({ capacity: 4, booked: 4 });
  });
  it("one citizen booking the same item twice at once: the database lets one through", async () => {
    const c = citizens[10]!;
    const results = await Promise.all(
      ["09:00", "09:30", "10:00"].map((time) => book(c, { item: "hk-macao-permit.apply", date: "2026-10-12", time })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.reason)).toEqual(["already-open", "already-open"]);
    const taken = await ctx.db.query(
      "SELECT coalesce(sum(booked), 0)::int AS n FROM appointment_slots WHERE item = 'hk-macao-permit.apply' AND slot_date = '2026-10-12'",
    );
    expect(taken.rows[0]!.n).toBe(1);
  });
});

describe("rescheduling, cancelling, no-show, check-in", () => {
  it("reschedules: same appointment and reference, old place freed, new one taken", async () => {
    const a = await mustBook(citizens[11]!, { date: "2026-09-30", time: "11:00" });
    const r = await svc().reschedule({ appointmentId: a.id, date: "2026-10-10", time: "15:00", actor: "test" });
    if (!r.ok) throw new Error(r.reason);
    expect(r.appointment).toMatchObject({
      id: a.id,
      reference: a.reference,
      date: "2026-10-10",
      time: "15:00",
      status: "booked",
      rescheduleCount: 1,
    });
    expect(await slotRow("hall.exit-entry", "passport.renew", "2026-09-30", "11:00")).toMatchObject({ booked: 0 });
    expect(await slotRow("hall.exit-entry", "passport.renew", "2026-10-10", "15:00")).toMatchObject({ booked: 1 });
    expect(await eventTypes(a.id)).toEqual(["appointment.booked", "appointment.rescheduled"]);
    const ev = (
      await ctx.db.query(
        "SELECT payload FROM domain_events WHERE aggregate_id = $1 AND type = 'appointment.rescheduled'",
        [a.id],
      )
    ).rows[0]!.payload;
    expect(ev).toMatchObject({
      from: { date: "2026-09-30", time: "11:00" },
      to: { date: "2026-10-10", time: "15:00" },
    });
  });
  it("reschedules to another hall serving the item", async () => {
    const a = (await svc().listAppointments(citizens[11]!))![0]!;
    const r = await svc().reschedule({
      appointmentId: a.id,
      hall: "hall.civic-center",
      date: "2026-10-12",
      time: "09:00",
      actor: "test",
    });
    expect(r).toMatchObject({ ok: true, appointment: { hall: "hall.civic-center", rescheduleCount: 2 } });
  });
  it("refuses a reschedule into a holiday, the same slot, a non-slot or too far ahead, changing nothing", async () => {
    const a = (await svc().listAppointments(citizens[11]!))![0]!;
    const before = await counts();
    expect(
      await svc().reschedule({ appointmentId: a.id, date: "2026-10-02", time: "10:00", actor: "test" }),
    ).toMatchObject({ ok: false, reason: "closed-day" });
    expect(
      await svc().reschedule({ appointmentId: a.id, date: "2026-10-12", time: "09:00", actor: "test" }),
    ).toMatchObject({ ok: false, reason: "same-slot" });
    expect(
      await svc().reschedule({ appointmentId: a.id, date: "2026-09-29", time: "09:10", actor: "test" }),
    ).toMatchObject({ ok: false, reason: "no-such-slot" });
    expect(
      await svc().reschedule({ appointmentId: a.id, date: "2026-10-30", time: "10:00", actor: "test" }),
    ).toMatchObject({ ok: false, reason: "too-far" });
    expect(await counts()).toEqual(before);
    expect(
      await svc().reschedule({
        appointmentId: "00000000-0000-4000-8000-00000000dead",
        date: "2026-10-12",
        time: "10:00",
        actor: "test",
      }),
    ).toMatchObject({ ok: false, reason: "not-found" });
  });
  it("a reschedule into a full slot is refused and the old place kept", async () => {
    const mover = await mustBook(citizens[11]!, { item: "passport.replace", date: "2026-10-09", time: "15:00" });
    const before = await counts();
    const r = await svc().reschedule({ appointmentId: mover.id, date: "2026-10-09", time: "14:00", actor: "test" });
    expect(r).toMatchObject({ ok: false, reason: "full" });
    expect(await counts()).toEqual(before);
    expect(await slotRow("hall.exit-entry", "passport.replace", "2026-10-09", "15:00")).toMatchObject({ booked: 1 });
  });
  it("cancels with a reason, freeing the place; a final state takes no more changes", async () => {
    const a = await mustBook(citizens[11]!, { item: "taiwan-permit.apply", date: "2026-09-30", time: "09:00" });
    expect(await svc().cancel({ appointmentId: a.id, reason: "other", actor: "test" })).toMatchObject({
      ok: false,
      reason: "note-required",
    });
    expect(await svc().cancel({ appointmentId: a.id, reason: "whim" as never, actor: "test" })).toMatchObject({
      ok: false,
      reason: "unknown-reason",
    });
    const r = await svc().cancel({ appointmentId: a.id, reason: "plans-changed", actor: "citizen" });
    expect(r).toMatchObject({
      ok: true,
      appointment: { status: "cancelled", cancelReason: "plans-changed", upcoming: false },
    });
    expect(await slotRow("hall.exit-entry", "taiwan-permit.apply", "2026-09-30", "09:00")).toMatchObject({ booked: 0 });
    expect(await svc().cancel({ appointmentId: a.id, reason: "plans-changed", actor: "test" })).toMatchObject({
      ok: false,
      reason: "invalid-transition",
    });
    expect(
      await svc().reschedule({ appointmentId: a.id, date: "2026-10-12", time: "10:00", actor: "test" }),
    ).toMatchObject({ ok: false, reason: "invalid-transition" });
    expect(await svc().markNoShow({ appointmentId: a.id, actor: "test" })).toMatchObject({
      ok: false,
      reason: "invalid-transition",
    });
    expect(await eventTypes(a.id)).toEqual(["appointment.booked", "appointment.cancelled"]);
    // The item is free again for this citizen.
    expect(await book(citizens[11]!, { item: "taiwan-permit.apply", date: "2026-09-30", time: "09:00" })).toMatchObject(
      { ok: true },
    );
  });
  it("cannot cancel or move an appointment once it has started", async () => {
    const a = (await svc().listAppointments(citizens[11]!))!.find(
      (x) => x.item === "taiwan-permit.apply" && x.status === "booked",
    )!;
    clock.set(new Date("2026-09-30T01:05:00Z")); // 09:05 on the day
    expect(await svc().cancel({ appointmentId: a.id, reason: "plans-changed", actor: "test" })).toMatchObject({
      ok: false,
      reason: "past",
    });
    expect(
      await svc().reschedule({ appointmentId: a.id, date: "2026-10-12", time: "10:00", actor: "test" }),
    ).toMatchObject({ ok: false, reason: "past" });
  });
  it("marks a no-show only after the slot has ended", async () => {
    const a = (await svc().listAppointments(citizens[11]!))!.find(
      (x) => x.item === "taiwan-permit.apply" && x.status === "booked",
    )!;
    clock.set(new Date("2026-09-30T01:20:00Z"));
    expect(await svc().markNoShow({ appointmentId: a.id, actor: "hall" })).toMatchObject({
      ok: false,
      reason: "not-yet",
    });
    clock.set(new Date("2026-09-30T01:30:00Z"));
    expect(await svc().markNoShow({ appointmentId: a.id, actor: "hall" })).toMatchObject({
      ok: true,
      appointment: { status: "no-show" },
    });
    expect(await svc().complete({ appointmentId: a.id, actor: "hall" })).toMatchObject({
      ok: false,
      reason: "invalid-transition",
    });
    expect(await eventTypes(a.id)).toEqual(["appointment.booked", "appointment.no-show"]);
  });
  it("checks in from an hour before", async () => {
    const a = (await svc().listAppointments(citizens[0]!))!.find((x) => x.item === "passport.renew")!;
    clock.set(new Date("2026-09-30T00:59:00Z")); // 08:59 for 10:00
    expect(await svc().complete({ appointmentId: a.id, actor: "hall" })).toMatchObject({
      ok: false,
      reason: "not-yet",
    });
    clock.set(new Date("2026-09-30T01:45:00Z"));
    expect(await svc().complete({ appointmentId: a.id, actor: "hall" })).toMatchObject({
      ok: true,
      appointment: { status: "completed" },
    });
    expect(await eventTypes(a.id)).toEqual(["appointment.booked", "appointment.completed"]);
  });
  it("sweeps ended open appointments to no-show", async () => {
    clock.set(new Date("2026-10-31T00:00:00Z"));
    const n = await svc().sweepNoShows();
    expect(n).toBeGreaterThan(0);
    expect(
      (
        await ctx.db.query("SELECT count(*)::int AS n FROM appointments WHERE status = 'booked' AND ends_at < $1", [
          clock.now(),
        ])
      ).rows[0]!.n,
    ).toBe(0);
  });
  it("lists a citizen's appointments, open upcoming first", async () => {
    clock.set(T0);
    const list = (await svc().listAppointments(citizens[11]!))!;
    const firstClosed = list.findIndex((a) => !a.upcoming);
    expect(list.slice(0, firstClosed).every((a) => a.upcoming)).toBe(true);
    expect(list.slice(firstClosed).every((a) => !a.upcoming)).toBe(true);
    expect(await svc().listAppointments("00000000-0000-4000-8000-00000000dead")).toBeUndefined();
  });
});
