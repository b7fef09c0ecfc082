import type { BookResult, CallerProfile, Need, NeedResults } from "../../domain/dialogue/context.js";
import { emptyProfile } from "../../domain/dialogue/state.js";
import type { CallerRecognition, NeedResolver, SmsPort } from "./ports.js";
import type { AppointmentLike, ServiceLookup } from "./service-ports.js";

/**
 * The dialogue's ports implemented over the other areas' services. Each call is made as the actor
 * "dialogue" so audits show the phone line did it. What crosses back into the engine is only what
 * it may use: codes, dates, opaque refs, yes/no.
 */

const ACTOR = "dialogue";

export const recognitionOver = (s: ServiceLookup): CallerRecognition => ({
  async recognise(phone, today): Promise<CallerProfile> {
    const identity = s.identity();
    const who = identity && phone !== "anonymous" ? await identity.findByPhone(phone) : undefined;
    if (!who) return emptyProfile();
    const [appointments, applications, events] = await Promise.all([
      s.appointments()?.listAppointments(who.id, { openOnly: true }) ?? Promise.resolve(undefined),
      s.applications()?.listForCitizen(who.id) ?? Promise.resolve(undefined),
      s.applications()?.lifeEvents(who.id) ?? Promise.resolve(undefined),
    ]);
    return {
      known: true,
      ref: who.id,
      ...(who.age !== undefined ? { age: who.age } : {}),
      locale: who.locale,
      appointments: (appointments ?? [])
        .filter((a) => a.upcoming && a.date >= today)
        .map((a) => ({ ref: a.id, itemCode: a.item, hallCode: a.hall, date: a.date, time: a.time })),
      ready: (applications ?? [])
        .filter((a) => a.status === "ready" && a.forSelf && a.hallCode)
        .map((a) => ({ itemCode: a.itemCode, hallCode: a.hallCode! })),
      events: (events ?? [])
        .filter((e) => !e.complete)
        .map((e) => ({
          eventCode: e.event,
          done: e.steps.filter((x) => x.state === "done" || x.state === "not-applicable").map((x) => x.item),
        })),
    };
  },
});

const booked = (a: AppointmentLike): BookResult => ({
  ok: true,
  ref: a.id,
  itemCode: a.item,
  hallCode: a.hall,
  date: a.date,
  time: a.time,
});

const refusal = (reason: string): BookResult => ({
  ok: false,
  reason:
    reason === "full"
      ? "full"
      : reason === "closed-day"
        ? "closed"
        : reason === "already-open"
          ? "duplicate"
          : reason === "not-found"
            ? "not-found"
            : "not-allowed",
});

/** The appointment, if it is this citizen's: nobody changes another person's booking. */
const ownAppointment = async (s: ServiceLookup, citizenRef: string, ref: string) => {
  const a = await s.appointments()?.get(ref);
  return a && a.citizenId === citizenRef ? a : undefined;
};

export const needsOver = (s: ServiceLookup): NeedResolver => {
  const need = <T>(v: T | undefined, what: string): T => {
    if (!v) throw new Error(`the ${what} service is not available`);
    return v;
  };
  const handlers: {
    [K in Need["kind"]]: (
      n: Extract<Need, { kind: K }>,
      call: { phone: string; locale: "zh" | "en" },
    ) => Promise<NeedResults[K]>;
  } = {
    async "verify-last4"(n) {
      const identity = need(s.identity(), "identity");
      const r = await identity.verifyLast4(n.citizenRef, n.digits, ACTOR);
      if (!r.ok) return { ok: false };
      const who = await identity.get(r.citizenId);
      return { ok: true, citizenRef: r.citizenId, ...(who?.age !== undefined ? { age: who.age } : {}) };
    },
    async "start-sms-challenge"(n, call) {
      const identity = need(s.identity(), "identity");
      // The citizen the ID belongs to; from a recognised number, the ID must be that citizen's anyway.
      const holder = identity.findCitizenIdByIdNumber
        ? await identity.findCitizenIdByIdNumber(n.idNumber)
        : await s.citizenIdByIdNumber?.(n.idNumber);
      const citizenId =
        holder ?? (call.phone !== "anonymous" ? (await identity.findByPhone(call.phone))?.id : undefined);
      if (!citizenId) return { challengeId: null };
      const r = await identity.startSmsVerification({ citizenId, idNumber: n.idNumber, actor: ACTOR });
      return { challengeId: r.ok ? r.verificationId : null };
    },
    async "check-sms-code"(n) {
      const identity = need(s.identity(), "identity");
      const r = await identity.confirmSmsVerification(n.challengeId, n.code, ACTOR);
      if (!r.ok) return { ok: false };
      const who = await identity.get(r.citizenId);
      return { ok: true, citizenRef: r.citizenId, ...(who?.age !== undefined ? { age: who.age } : {}) };
    },
    async progress(n) {
      const apps = await need(s.applications(), "applications").listForCitizen(n.citizenRef);
      return {
        applications: apps
          .filter((a) => a.forSelf)
          .map((a) => ({
            itemCode: a.itemCode,
            status: a.status,
            ...(a.hallCode ? { hallCode: a.hallCode } : {}),
            date: a.statusChangedAt.slice(0, 10),
          })),
      };
    },
    async slots(n) {
      const r = await need(s.appointments(), "appointments").availableSlots(n.hallCode, n.itemCode, n.date);
      return { times: r.ok ? r.slots.filter((x) => x.bookable && x.left > 0).map((x) => x.start) : [] };
    },
    async book(n) {
      const appts = need(s.appointments(), "appointments");
      const r = await appts.book({
        citizenId: n.citizenRef,
        hall: n.hallCode,
        item: n.itemCode,
        date: n.date,
        time: n.time,
        channel: "phone",
        actor: ACTOR,
      });
      if (r.ok) return booked(r.appointment);
      if (r.reason === "already-open") {
        // A retried turn whose first attempt booked: the same slot is already ours, so it is booked.
        const mine = (await appts.listAppointments(n.citizenRef, { openOnly: true })) ?? [];
        const same = mine.find(
          (a) => a.item === n.itemCode && a.hall === n.hallCode && a.date === n.date && a.time === n.time,
        );
        if (same) return booked(same);
      }
      return refusal(r.reason);
    },
    async reschedule(n) {
      const appts = need(s.appointments(), "appointments");
      const a = await ownAppointment(s, n.citizenRef, n.ref);
      if (!a) return { ok: false, reason: "not-found" };
      if (a.date === n.date && a.time === n.time && a.hall === n.hallCode) return booked(a);
      const r = await appts.reschedule({
        appointmentId: a.id,
        date: n.date,
        time: n.time,
        hall: n.hallCode,
        actor: ACTOR,
      });
      return r.ok ? booked(r.appointment) : refusal(r.reason);
    },
    async cancel(n) {
      const a = await ownAppointment(s, n.citizenRef, n.ref);
      if (!a) return { ok: false };
      if (a.status === "cancelled") return { ok: true };
      const r = await need(s.appointments(), "appointments").cancel({
        appointmentId: a.id,
        reason: "citizen-request",
        actor: ACTOR,
      });
      return { ok: r.ok };
    },
    async link(n, call) {
      const links = s.links();
      if (!links) return { url: null };
      try {
        return { url: (await links.create(n.subject, n.code, null, { locale: call.locale })).url };
      } catch {
        return { url: null };
      }
    },
  };
  return {
    resolve: (n, call) => (handlers[n.kind] as unknown as (x: Need, c: typeof call) => Promise<never>)(n, call),
  };
};

export const smsOver = (s: ServiceLookup): SmsPort => ({
  async send(req) {
    const notifications = s.notifications();
    if (!notifications) throw new Error("the notification service is not available");
    await notifications.send({
      templateId: req.templateId,
      to: { phone: req.phone },
      variables: req.variables,
      idempotencyKey: req.idempotencyKey,
      locale: req.locale,
    });
  },
});
