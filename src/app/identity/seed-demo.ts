import { addDays } from "../../domain/appointments/dates.js";
import { isWorkingDay } from "../../domain/appointments/calendar.js";
import {
  DEMO_AGENT_DELEGATION_ID,
  DEMO_BABY_AGE_DAYS,
  DEMO_BABY_CERTIFICATE,
  DEMO_CITIZENS,
  DEMO_DELEGATION_ID,
  DEMO_OTHER_BOOKINGS,
  DEMO_OTHERS,
  type DemoCitizen,
} from "../../domain/identity/demo-citizens.js";
import type { AppointmentService } from "../appointments/service.js";
import type { CurrentKb } from "../kb/kb-service.js";
import { todayIn, type IdentityDeps } from "./deps.js";
import type { IdentityService } from "./service.js";

const SEED = "seed-demo";
export const ZHANG_WEI_SLOT = { hall: "hall.exit-entry", item: "passport.renew", time: "10:00" } as const;
export const ZHANG_WEI_FORCE_REASON =
  "demo seed: the fixed demo caller 张伟 always has a passport.renew appointment tomorrow 10:00 (notes/contracts.md), even when the hall is closed that day";

/**
 * The demo city's synthetic citizens and appointments, safe to run on every start: records are created
 * once under fixed ids; 张伟's appointment is moved to "tomorrow 10:00" of the current clock whenever it
 * is not there already (the demo script relies on it); the others get appointments only if they have none.
 */
export const seedDemo = async (
  d: IdentityDeps,
  svc: { identity: IdentityService; appointments: AppointmentService; kb: { current(): Promise<CurrentKb> } },
): Promise<{ citizensCreated: number; appointmentsBooked: number }> => {
  const today = todayIn(d);
  let citizensCreated = 0;
  let appointmentsBooked = 0;
  const register = async (c: DemoCitizen, birthDate?: string) => {
    const r = await svc.identity.register({
      id: c.id,
      nameZh: c.nameZh,
      nameEn: c.nameEn,
      idNumber: c.idNumber,
      birthDate: birthDate ?? c.birthDate,
      hukouPlace: c.hukouPlace,
      locale: c.locale,
      tags: c.tags,
      phones: c.phone ? [c.phone] : [],
      actor: SEED,
    });
    if (!r.ok) throw new Error(`demo seed: ${c.nameZh}: ${r.reason}`);
    if (r.created) citizensCreated++;
    return r.created;
  };

  for (const c of [DEMO_CITIZENS.zhangWei, DEMO_CITIZENS.liXiuying, DEMO_CITIZENS.wangFang]) {
    if (await register(c))
      await svc.identity.recordConsent({
        citizenId: c.id,
        purpose: "sms-notifications",
        granted: true,
        channel: "counter",
        actor: SEED,
      });
  }
  const baby = DEMO_CITIZENS.wangFangBaby;
  const babyBirth = addDays(today, -DEMO_BABY_AGE_DAYS);
  await register(baby, babyBirth);
  const profile = await svc.identity.profile(baby.id);
  if (profile && !profile.delegations.some((x) => x.otherId === DEMO_CITIZENS.wangFang.id && !x.revoked)) {
    const born = (await d.citizens.get(baby.id))?.birthDate ?? babyBirth;
    const r = await svc.identity.addDelegation({
      id: DEMO_DELEGATION_ID,
      actorId: DEMO_CITIZENS.wangFang.id,
      subjectId: baby.id,
      kind: "guardian",
      scope: ["all"],
      proof: { kind: "birth-medical-certificate", reference: DEMO_BABY_CERTIFICATE },
      validFrom: born,
      by: SEED,
    });
    if (!r.ok && r.reason !== "duplicate") throw new Error(`demo seed: delegation: ${r.reason}`);
  }
  for (const c of DEMO_OTHERS) await register(c);
  const agent = DEMO_OTHERS[0]!;
  const elder = await svc.identity.profile(DEMO_CITIZENS.liXiuying.id);
  if (elder && !elder.delegations.some((x) => x.otherId === agent.id)) {
    const r = await svc.identity.addDelegation({
      id: DEMO_AGENT_DELEGATION_ID,
      actorId: agent.id,
      subjectId: DEMO_CITIZENS.liXiuying.id,
      kind: "agent",
      scope: ["pension.qualification"],
      proof: { kind: "power-of-attorney", reference: "委托书 2026-01, kept at hall.east-district" },
      by: SEED,
    });
    if (!r.ok && r.reason !== "duplicate") throw new Error(`demo seed: agent delegation: ${r.reason}`);
  }

  if (await ensureZhangWeiTomorrow(svc.appointments, today)) appointmentsBooked++;

  const { kb } = await svc.kb.current();
  for (const [i, c] of DEMO_OTHERS.entries()) {
    const existing = await svc.appointments.listAppointments(c.id);
    if (!existing || existing.length) continue;
    const want = DEMO_OTHER_BOOKINGS[i % DEMO_OTHER_BOOKINGS.length]!;
    if (!kb.halls.some((h) => h.code === want.hall && h.items.includes(want.item))) continue;
    // The (i mod 5 + 1)-th working day from tomorrow, a slot spread through the day.
    let date = today;
    for (let n = 0; n < (i % 5) + 1;) {
      date = addDays(date, 1);
      if (isWorkingDay(date, kb.calendar)) n++;
    }
    const day = await svc.appointments.availableSlots(want.hall, want.item, date);
    const open = day.ok ? day.slots.filter((s) => s.bookable) : [];
    const slot = open[(i * 3) % Math.max(1, open.length)];
    if (!slot) continue;
    const r = await svc.appointments.book({
      citizenId: c.id,
      ...want,
      date,
      time: slot.start,
      channel: i % 2 ? "web" : "phone",
      actor: SEED,
    });
    if (r.ok) appointmentsBooked++;
  }
  return { citizensCreated, appointmentsBooked };
};

/** 张伟 must hold an open passport.renew appointment tomorrow 10:00 at the exit-entry hall. Returns true when it had to be made or moved. */
const ensureZhangWeiTomorrow = async (appointments: AppointmentService, today: string): Promise<boolean> => {
  const citizenId = DEMO_CITIZENS.zhangWei.id;
  const tomorrow = addDays(today, 1);
  const open = (await appointments.listAppointments(citizenId, { openOnly: true }))?.find(
    (a) => a.item === ZHANG_WEI_SLOT.item,
  );
  if (open && open.hall === ZHANG_WEI_SLOT.hall && open.date === tomorrow && open.time === ZHANG_WEI_SLOT.time)
    return false;
  const target = { hall: ZHANG_WEI_SLOT.hall, date: tomorrow, time: ZHANG_WEI_SLOT.time };
  if (open) {
    // Normal rules first; force only when the calendar or capacity refuses (e.g. tomorrow is a Sunday or a holiday).
    let moved = await appointments.reschedule({ appointmentId: open.id, ...target, actor: SEED });
    if (!moved.ok && moved.reason !== "past")
      moved = await appointments.reschedule({
        appointmentId: open.id,
        ...target,
        actor: SEED,
        force: { reason: ZHANG_WEI_FORCE_REASON },
      });
    if (moved.ok) return true;
    // It lies in the past (the demo ran on an earlier day): close it as the hall would have.
    const closed = await appointments.markNoShow({ appointmentId: open.id, actor: SEED });
    if (!closed.ok) await appointments.complete({ appointmentId: open.id, actor: SEED });
  }
  const base = { citizenId, item: ZHANG_WEI_SLOT.item, ...target, channel: "phone", actor: SEED };
  let booked = await appointments.book(base);
  if (!booked.ok) booked = await appointments.book({ ...base, force: { reason: ZHANG_WEI_FORCE_REASON } });
  if (!booked.ok) throw new Error(`demo seed: 张伟's appointment: ${booked.reason}`);
  return true;
};
