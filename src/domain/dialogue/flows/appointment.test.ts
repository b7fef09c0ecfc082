import { describe, expect, it } from "vitest";
import type { Entity } from "../../nlu/types.js";
import type { BookResult, CallerProfile, Need } from "../context.js";
import {
  digits,
  lastAsk,
  newCall,
  nlu,
  speech,
  spoken,
  start,
  turn,
  type Call,
  type Resolver,
} from "../testing/harness.js";

// Today is Wednesday 2026-11-25 (harness); the fixture halls open weekdays and Saturday mornings.
const NEXT_TUE = "2026-12-01";
const NEXT_FRI = "2026-12-04";
const SUNDAY = "2026-11-29";
const date = (value: string): Entity => ({ type: "date", value });
const time = (value: string): Entity => ({ type: "time", value });

/** A booking back end with a few free slots and a record of what was done. */
const backEnd = (
  free: Record<string, string[]> = {
    [NEXT_TUE]: ["09:00", "09:30", "14:00", "15:00"],
    [NEXT_FRI]: ["10:00", "15:00", "15:30"],
  },
) => {
  const done: Need[] = [];
  const ok = (
    n: { ref?: string; itemCode?: string; hallCode: string; date: string; time: string },
    ref: string,
  ): BookResult => ({
    ok: true,
    ref,
    itemCode: n.itemCode ?? "id-card.renew",
    hallCode: n.hallCode,
    date: n.date,
    time: n.time,
  });
  const resolver: Resolver = {
    slots: (n) => ({ times: free[n.date] ?? [] }),
    book: (n) => (done.push(n), (free[n.date] ?? []).includes(n.time) ? ok(n, "ap-1") : { ok: false, reason: "full" }),
    reschedule: (n) => (done.push(n), ok({ ...n, itemCode: "id-card.renew" }, n.ref)),
    cancel: (n) => (done.push(n), { ok: true }),
    "verify-last4": (n) => ({ ok: n.digits === "1234", citizenRef: "cit-7" }),
    link: (n) => ({ url: `https://civic.example/s/${n.subject}-${n.code}` }),
  };
  return { done, resolver };
};

const greeted = (profile?: CallerProfile): Call => {
  const call = newCall();
  turn(call, start, profile ? { profile } : {});
  return call;
};

/** A caller already verified in this call (verification itself is tested in verification.test.ts). */
const verified = (profile?: CallerProfile): Call => {
  const call = greeted(profile);
  call.state = { ...call.state, verification: { level: "last4", citizenRef: "cit-7", failures: 0 } };
  return call;
};

describe("booking by voice", () => {
  it("verifies the caller first (bookings are personal), then asks for the day", () => {
    const { resolver } = backEnd();
    const call = greeted({ known: true, ref: "cit-7", appointments: [], ready: [], events: [] });
    const v = turn(call, speech("我要约个时间换身份证"), {
      nlu: nlu("id-card.renew", { entities: [{ type: "situation", value: "book" }] }),
    });
    expect(spoken(v)).toContain("需要先核实您的身份");
    expect(lastAsk(v)!.numDigits).toBe(4);
    const q = turn(call, digits("1234"), { resolve: resolver });
    expect(spoken(q)).toContain("身份核实成功");
    expect(lastAsk(q)!.prompt).toBe("请问您想约哪一天、大概几点？");
    expect(q.state.verification.citizenRef).toBe("cit-7");
  });

  it("collects what is missing, offers the nearest free times, reads back and books once", () => {
    const { done, resolver } = backEnd();
    const call = verified();
    const q1 = turn(call, speech("想约个时间换身份证"), {
      nlu: nlu("id-card.renew", { entities: [{ type: "situation", value: "book" }] }),
    });
    expect(lastAsk(q1)!.prompt).toBe("请问您想约哪一天、大概几点？");

    const q2 = turn(call, speech("下周二上午，去滨江那边"), {
      nlu: nlu("meta.appointment.book", {
        entities: [date(NEXT_TUE), time("morning"), { type: "district", value: "滨江区" }],
      }),
      resolve: resolver,
    });
    expect(lastAsk(q2)!.prompt).toBe("12月1日星期二上午可以约上午9点或者上午9点半，您要哪个时间？");
    expect(q2.state.pending).toMatchObject({
      kind: "appointment",
      asking: "choose-time",
      draft: { hallCode: "hall.binjiang", offered: ["09:00", "09:30"] },
    });

    const q3 = turn(call, speech("第二个吧"), { resolve: resolver });
    expect(lastAsk(q3)!.prompt).toBe(
      "为您预约：12月1日星期二上午9点半，滨江区行政服务中心，办理居民身份证换领。确认请按1或说“对”，要修改请直接说。",
    );
    expect(done).toHaveLength(0);

    const booked = turn(call, digits("1"), { resolve: resolver });
    expect(done).toEqual([
      {
        kind: "book",
        citizenRef: "cit-7",
        itemCode: "id-card.renew",
        hallCode: "hall.binjiang",
        date: NEXT_TUE,
        time: "09:30",
        key: `conv:c0ffee00-0000-4000-8000-000000000001:appt:${call.step}`,
      },
    ]);
    expect(spoken(booked)).toContain("预约成功：12月1日星期二上午9点半，滨江区行政服务中心");
    expect(booked.events.find((e) => e.type === "appointment-booked")?.payload).toMatchObject({
      ref: "ap-1",
      date: NEXT_TUE,
      time: "09:30",
    });
    expect(booked.state.ownAppointments).toHaveLength(1);
    // the booking goes by SMS too, with a link to view, move or cancel it
    expect(booked.actions.filter((a) => a.kind === "send-sms")).toEqual([
      {
        kind: "send-sms",
        templateId: "sms.appointment-booked",
        to: "caller",
        variables: {
          itemName: "居民身份证换领",
          hallName: "滨江区行政服务中心",
          date: "12月1日星期二",
          time: "上午9点半",
          link: "https://civic.example/s/appointment-ap-1",
        },
        idempotencyKey: `conv:c0ffee00-0000-4000-8000-000000000001:sms:sms.appointment-booked:appointment.ap-1.book.${call.step}`,
      },
    ]);
  });

  it("reads 三点 as 15:00 and a change at the read-back re-reads instead of booking", () => {
    const { done, resolver } = backEnd();
    const call = verified();
    turn(call, speech("约换身份证"), {
      nlu: nlu("id-card.renew", { entities: [{ type: "situation", value: "book" }] }),
    });
    turn(call, speech("下周二两点"), {
      nlu: nlu("out-of-scope", { entities: [date(NEXT_TUE), time("02:00")] }),
      resolve: resolver,
    });
    const changed = turn(call, speech("不对，改成周五三点"), {
      nlu: nlu("meta.appointment.cancel", { entities: [date(NEXT_FRI), time("03:00")] }),
      resolve: resolver,
    });
    expect(lastAsk(changed)!.prompt).toContain("12月4日星期五下午3点");
    const ok = turn(call, speech("三点可以，就这样"), {
      nlu: nlu("out-of-scope", { entities: [time("03:00")] }),
      resolve: resolver,
    });
    expect(done.map((n) => n.kind)).toEqual(["book"]);
    expect(done[0]).toMatchObject({ date: NEXT_FRI, time: "15:00" });
    expect(spoken(ok)).toContain("预约成功");
  });

  it("moves a booking made in this call instead of making a second one", () => {
    const { done, resolver } = backEnd();
    const call = verified();
    turn(call, speech("约换身份证"), {
      nlu: nlu("id-card.renew", { entities: [{ type: "situation", value: "book" }] }),
    });
    turn(call, speech("下周二九点"), {
      nlu: nlu("meta.appointment.book", { entities: [date(NEXT_TUE), time("09:00")] }),
      resolve: resolver,
    });
    turn(call, speech("对"), { resolve: resolver });
    const ask = turn(call, speech("能不能改到下周五下午三点半"), {
      nlu: nlu("meta.appointment.cancel", { entities: [date(NEXT_FRI), time("15:30")] }),
      resolve: resolver,
    });
    expect(lastAsk(ask)!.prompt).toBe(
      "把您的预约改到12月4日星期五下午3点半，市民中心，对吗？确认请按1或说“对”，要修改请直接说。",
    );
    const moved = turn(call, digits("1"), { resolve: resolver });
    expect(done.map((n) => n.kind)).toEqual(["book", "reschedule"]);
    expect(done[1]).toMatchObject({ ref: "ap-1", date: NEXT_FRI, time: "15:30" });
    expect(spoken(moved)).toContain("已经为您改好");
    expect(moved.actions.find((a) => a.kind === "send-sms")).toMatchObject({
      templateId: "sms.appointment-rescheduled",
    });
    expect(moved.state.ownAppointments).toEqual([
      { ref: "ap-1", itemCode: "id-card.renew", hallCode: "hall.civic-center", date: NEXT_FRI, time: "15:30" },
    ]);
  });

  it("refuses closed days and past dates before asking the back end", () => {
    const { done, resolver } = backEnd();
    const call = verified();
    turn(call, speech("约换身份证"), {
      nlu: nlu("id-card.renew", { entities: [{ type: "situation", value: "book" }] }),
    });
    const sunday = turn(call, speech("这个星期天上午十点"), {
      nlu: nlu("out-of-scope", { entities: [date(SUNDAY), time("10:00")] }),
      resolve: resolver,
    });
    expect(lastAsk(sunday)!.prompt).toBe("11月29日星期日大厅不办公，请换一天。");
    const past = turn(call, speech("上周一"), {
      nlu: nlu("out-of-scope", { entities: [date("2026-11-16")] }),
      resolve: resolver,
    });
    expect(lastAsk(past)!.prompt).toContain("这个日期已经过去了");
    const holiday = turn(call, speech("下周三"), {
      nlu: nlu("out-of-scope", { entities: [date("2026-12-02")] }),
      resolve: resolver,
    });
    expect(lastAsk(holiday)!.prompt).toBe("12月2日星期三大厅不办公，请换一天。");
    expect(done).toHaveLength(0);
  });

  it("asks for the service first when only 'book' was said, one question at a time for silver callers", () => {
    const call = verified({ known: true, age: 80, appointments: [], ready: [], events: [] });
    const q = turn(call, speech("我想预约"), { nlu: nlu("meta.appointment.book") });
    expect(lastAsk(q)!.prompt).toContain("请问您要约哪项业务");
    const q2 = turn(call, speech("换身份证"), { nlu: nlu("id-card.renew") });
    expect(lastAsk(q2)!.prompt).toBe("请问您想约哪一天？");
  });

  it("offers the nearest free times when the wanted one is taken", () => {
    const { resolver } = backEnd();
    const call = verified();
    turn(call, speech("约换身份证"), {
      nlu: nlu("id-card.renew", { entities: [{ type: "situation", value: "book" }] }),
    });
    const out = turn(call, speech("下周二十点"), {
      nlu: nlu("out-of-scope", { entities: [date(NEXT_TUE), time("10:00")] }),
      resolve: resolver,
    });
    expect(lastAsk(out)!.prompt).toBe(
      "12月1日星期二上午10点这个时间已经约满了，可以约上午9点半或者上午9点，您要哪个时间？",
    );
    const picked = turn(call, digits("1"), { resolve: resolver });
    expect(lastAsk(picked)!.prompt).toContain("上午9点半");
  });

  it("offers another time when the slot went in the meantime", () => {
    const { resolver } = backEnd();
    const call = verified();
    turn(call, speech("约换身份证"), {
      nlu: nlu("id-card.renew", { entities: [{ type: "situation", value: "book" }] }),
    });
    turn(call, speech("下周二下午两点"), {
      nlu: nlu("out-of-scope", { entities: [date(NEXT_TUE), time("14:00")] }),
      resolve: resolver,
    });
    const failing: Resolver = { ...resolver, book: () => ({ ok: false, reason: "full" }) };
    const out = turn(call, digits("1"), { resolve: failing });
    expect(spoken(out)).toContain("预约没有成功");
    expect(lastAsk(out)!.prompt).toBe("请问您想约几点？");
  });
});

describe("changing an appointment found by the calling number", () => {
  const profile: CallerProfile = {
    known: true,
    ref: "cit-7",
    appointments: [
      { ref: "ap-9", itemCode: "passport.renew", hallCode: "hall.exit-entry", date: "2026-11-26", time: "10:00" },
    ],
    ready: [],
    events: [],
  };

  it("verifies the caller before cancelling, then reads back what will be cancelled", () => {
    const { done, resolver } = backEnd();
    const call = greeted(profile);
    const v = turn(call, speech("明天那个预约我想取消"), { nlu: nlu("meta.appointment.cancel") });
    expect(spoken(v)).toContain("需要先核实您的身份");
    expect(lastAsk(v)!.numDigits).toBe(4);
    const confirm = turn(call, digits("1234"), { resolve: resolver });
    expect(lastAsk(confirm)!.prompt).toBe(
      "要取消您明天11月26日星期四上午10点在出入境接待大厅办理普通护照换发的预约，对吗？确认请按1或说“对”。",
    );
    const out = turn(call, speech("是的"), { resolve: resolver });
    expect(done).toEqual([
      {
        kind: "cancel",
        citizenRef: "cit-7",
        ref: "ap-9",
        key: `conv:c0ffee00-0000-4000-8000-000000000001:appt:${call.step}`,
      },
    ]);
    expect(spoken(out)).toContain("已为您取消预约");
    expect(out.state.profile.appointments).toHaveLength(0);
  });

  it("keeps the appointment when the caller says no at the read-back", () => {
    const { done, resolver } = backEnd();
    const call = greeted(profile);
    turn(call, speech("取消预约"), { nlu: nlu("meta.appointment.cancel") });
    turn(call, digits("1234"), { resolve: resolver });
    const out = turn(call, speech("不了"), { resolve: resolver });
    expect(spoken(out)).toContain("预约没有改动");
    expect(done).toHaveLength(0);
  });

  it("says the appointments it knows about without verification (date, time, hall only)", () => {
    const out = turn(greeted(profile), speech("我约的是哪天来着"), { nlu: nlu("meta.appointment.query") });
    expect(spoken(out)).toContain("明天11月26日星期四上午10点在出入境接待大厅");
  });

  it("says so when there is nothing to change", () => {
    const out = turn(greeted(), speech("我要改约"), { nlu: nlu("meta.appointment.cancel") });
    expect(spoken(out)).toContain("没有找到您在本次通话中可以修改的预约");
  });
});
