import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startIdentityContext } from "../../../test/support/identity-context.js";
import { fixedClock } from "../clock.js";
import { composeIdNumber } from "../../domain/identity/id-number.js";
import type { AppContext } from "../../compose.js";

// Tuesday 29 September 2026, 09:00 in the city.
const clock = fixedClock(new Date("2026-09-29T01:00:00Z"));
let ctx: AppContext;
let close: () => Promise<void>;
const sent: { phone: string; code: string }[] = [];

const ID_A = composeIdNumber("110105", "1980-05-06", "993");
const ID_B = composeIdNumber("110105", "1975-01-02", "995");

beforeAll(async () => {
  ({ ctx, close } = await startIdentityContext({ clock }));
  ctx.services.identity.setVerificationSmsSender(async (phone, code) => {
    sent.push({ phone, code });
  });
});
afterAll(async () => close());

const id = () => ctx.services.identity;
const register = async (input: Parameters<ReturnType<typeof id>["register"]>[0]) => {
  const r = await id().register(input);
  if (!r.ok) throw new Error(r.reason);
  return r.citizen;
};
const events = async (aggregateId: string) =>
  (
    await ctx.db.query<{ type: string; payload: Record<string, unknown> }>(
      "SELECT type, payload FROM domain_events WHERE aggregate_id = $1 ORDER BY id",
      [aggregateId],
    )
  ).rows;

describe("registering and finding citizens", () => {
  it("stores the ID number only encrypted, hashed and masked", async () => {
    const c = await register({
      nameZh: "测试甲",
      idNumber: ID_A.toLowerCase(),
      phones: ["139 1111 2222"],
      tags: ["elderly"],
      actor: "test",
    });
    expect(c).toMatchObject({
      name: "测试甲",
      age: 46,
      maskedId: `110***********${ID_A.slice(-4)}`,
      maskedPhones: ["139****2222"],
      hasIdNumber: true,
    });
    const { rows } = await ctx.db.query("SELECT * FROM citizens WHERE id = $1", [c.id]);
    const row = rows[0]!;
    expect(JSON.stringify(row)).not.toContain(ID_A.slice(6, 14));
    expect(row.id_number_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.birth_date).toBeTruthy();
    expect((await events(c.id)).map((e) => e.type)).toEqual(["citizen.registered"]);
  });
  it("refuses bad and duplicate ID numbers, with nothing written", async () => {
    const before = (await ctx.db.query("SELECT count(*)::int AS n FROM citizens")).rows[0]!.n;
    expect(await id().register({ nameZh: "x", idNumber: ID_A.slice(0, 17) + "0", actor: "test" })).toMatchObject({
      ok: false,
      reason: "invalid-id-number",
    });
    expect(await id().register({ nameZh: "x", idNumber: ID_A, actor: "test" })).toMatchObject({
      ok: false,
      reason: "id-number-taken",
    });
    expect(await id().register({ nameZh: "x", idNumber: ID_B, birthDate: "1975-01-03", actor: "test" })).toMatchObject({
      ok: false,
      reason: "birth-date-mismatch",
    });
    expect(await id().register({ nameZh: "x", phones: ["12345"], actor: "test" })).toMatchObject({
      ok: false,
      reason: "invalid-phone",
    });
    expect(await id().register({ nameZh: "x", tags: ["Not A Tag"], actor: "test" })).toMatchObject({
      ok: false,
      reason: "invalid-tag",
    });
    expect((await ctx.db.query("SELECT count(*)::int AS n FROM citizens")).rows[0]!.n).toBe(before);
  });
  it("finds a caller by any spelling of the number; an unknown number finds nobody", async () => {
    for (const p of ["13911112222", "+86 139 1111 2222", "8613911112222"])
      expect((await id().findByPhone(p))?.name, p).toBe("测试甲");
    expect(await id().findByPhone("+8613911112223")).toBeUndefined();
    expect(await id().findByPhone("not a number")).toBeUndefined();
  });
  it("answers a shared family number with its primary holder, and lists everyone on it", async () => {
    const child = await register({ nameZh: "测试子", birthDate: "2015-03-03", actor: "test" });
    await ctx.db.query(
      "INSERT INTO citizen_phones (phone, citizen_id, is_primary) VALUES ('+8613911112222', $1, false)",
      [child.id],
    );
    expect((await id().findByPhone("13911112222"))?.name).toBe("测试甲");
    expect((await id().listByPhone("13911112222")).map((c) => c.name)).toEqual(["测试甲", "测试子"]);
    expect((await id().listByPhone("13911112222"))[1]).toMatchObject({ minor: true, age: 11 });
  });
  it("starts a call at caller-number level only from a number on file", async () => {
    const a = (await id().findByPhone("13911112222"))!;
    expect(await id().levelForCaller(a.id, "+86 139 1111 2222")).toBe("caller-number");
    expect(await id().levelForCaller(a.id, "13900000000")).toBe("none");
  });
});

describe("verification", () => {
  let a: string;
  beforeAll(async () => {
    a = (await id().findByPhone("13911112222"))!.id;
  });
  it("last four: right answer raises the level; wrong ones count down and lock", async () => {
    expect(await id().verifyLast4(a, ID_A.slice(-4).toLowerCase())).toEqual({
      ok: true,
      citizenId: a,
      level: "id-last4",
    });
    const wrong = ID_A.slice(-4) === "0000" ? "1111" : "0000";
    for (let left = 4; left >= 0; left--)
      expect(await id().verifyLast4(a, wrong)).toMatchObject({ ok: false, reason: "mismatch", attemptsLeft: left });
    expect(await id().verifyLast4(a, ID_A.slice(-4))).toMatchObject({ ok: false, reason: "locked" });
    expect((await events(a)).filter((e) => e.type === "citizen.verification-failed")).toHaveLength(5);
    clock.advance(31 * 60_000);
    expect(await id().verifyLast4(a, ID_A.slice(-4))).toMatchObject({ ok: true });
  });
  it("last four: refuses a citizen without an ID number and an unknown citizen", async () => {
    const child = (await id().listByPhone("13911112222"))[1]!;
    expect(await id().verifyLast4(child.id, "1234")).toMatchObject({ ok: false, reason: "no-id-on-file" });
    expect(await id().verifyLast4("00000000-0000-4000-8000-000000000000", "1234")).toMatchObject({
      ok: false,
      reason: "unknown-citizen",
    });
  });
  it("full ID + SMS: a wrong ID number sends nothing", async () => {
    expect(await id().startSmsVerification({ citizenId: a, idNumber: ID_B })).toMatchObject({
      ok: false,
      reason: "id-mismatch",
    });
    expect(await id().startSmsVerification({ citizenId: a, idNumber: "123" })).toMatchObject({
      ok: false,
      reason: "invalid-id-number",
    });
    expect(await id().startSmsVerification({ citizenId: a, idNumber: ID_A, phone: "13800000000" })).toMatchObject({
      ok: false,
      reason: "phone-not-on-file",
    });
    expect(sent).toHaveLength(0);
  });
  it("full ID + SMS: the code goes to the number on file, is stored hashed, works once", async () => {
    const start = await id().startSmsVerification({ citizenId: a, idNumber: ID_A });
    if (!start.ok) throw new Error(start.reason);
    expect(start.sentTo).toBe("139****2222");
    expect(sent).toHaveLength(1);
    const { phone, code } = sent[0]!;
    expect(phone).toBe("+8613911112222");
    const row = (await ctx.db.query("SELECT * FROM verification_codes WHERE id = $1", [start.verificationId])).rows[0]!;
    expect(JSON.stringify(row)).not.toContain(code);
    const wrong = code === "000000" ? "111111" : "000000";
    expect(await id().confirmSmsVerification(start.verificationId, wrong)).toMatchObject({
      ok: false,
      reason: "wrong-code",
      attemptsLeft: 4,
    });
    expect(await id().confirmSmsVerification(start.verificationId, code)).toEqual({
      ok: true,
      citizenId: a,
      level: "id-full-sms",
    });
    expect(await id().confirmSmsVerification(start.verificationId, code)).toMatchObject({ ok: false, reason: "used" });
    expect(await id().confirmSmsVerification("00000000-0000-4000-8000-000000000000", code)).toMatchObject({
      ok: false,
      reason: "not-found",
    });
  });
  it("full ID + SMS: codes expire, stop after five wrong tries, and are rate-limited", async () => {
    expect(await id().startSmsVerification({ citizenId: a, idNumber: ID_A })).toMatchObject({
      ok: false,
      reason: "too-many-requests",
    });
    clock.advance(61_000);
    const s = await id().startSmsVerification({ citizenId: a, idNumber: ID_A });
    if (!s.ok) throw new Error(s.reason);
    const code = sent.at(-1)!.code;
    clock.advance(5 * 60_000);
    expect(await id().confirmSmsVerification(s.verificationId, code)).toMatchObject({ ok: false, reason: "expired" });
    const t = await id().startSmsVerification({ citizenId: a, idNumber: ID_A });
    if (!t.ok) throw new Error(t.reason);
    const good = sent.at(-1)!.code;
    const bad = good === "000000" ? "111111" : "000000";
    for (let i = 0; i < 4; i++)
      expect(await id().confirmSmsVerification(t.verificationId, bad)).toMatchObject({ reason: "wrong-code" });
    expect(await id().confirmSmsVerification(t.verificationId, bad)).toMatchObject({
      reason: "too-many-attempts",
      attemptsLeft: 0,
    });
    expect(await id().confirmSmsVerification(t.verificationId, good)).toMatchObject({ reason: "too-many-attempts" });
  });
  it("says so when no SMS path is connected", async () => {
    clock.advance(61_000);
    id().setVerificationSmsSender(async () => {
      throw new Error("down");
    });
    expect(await id().startSmsVerification({ citizenId: a, idNumber: ID_A })).toMatchObject({
      ok: false,
      reason: "sms-unavailable",
    });
    id().setVerificationSmsSender(async (phone, code) => {
      sent.push({ phone, code });
    });
  });
});

describe("consents and delegations", () => {
  it("keeps consent as a history; the latest holds", async () => {
    const a = (await id().findByPhone("13911112222"))!.id;
    expect(await id().hasConsent(a, "sms-notifications")).toBe(false);
    await id().recordConsent({ citizenId: a, purpose: "sms-notifications", granted: true, channel: "phone" });
    expect(await id().hasConsent(a, "sms-notifications")).toBe(true);
    clock.advance(1000);
    const r = await id().recordConsent({ citizenId: a, purpose: "sms-notifications", granted: false, channel: "web" });
    expect(r).toMatchObject({ ok: true, consents: { "sms-notifications": { granted: false, channel: "web" } } });
    expect(await id().hasConsent(a, "sms-notifications")).toBe(false);
    expect((await events(a)).map((e) => e.type)).toEqual(
      expect.arrayContaining(["citizen.consent-granted", "citizen.consent-withdrawn"]),
    );
  });
  it("a parent acts for a child; guardianship of an adult is refused; revoking ends it", async () => {
    const [parent, child] = await id().listByPhone("13911112222");
    const r = await id().addDelegation({
      actorId: parent!.id,
      subjectId: child!.id,
      kind: "guardian",
      proof: { kind: "hukou-book", reference: "户口簿 第3页" },
    });
    expect(r).toMatchObject({ ok: true, validUntil: "2033-03-03" });
    expect(await id().canActFor(parent!.id, child!.id)).toMatchObject({ ok: true, basis: "guardian" });
    expect(await id().canActFor(child!.id, parent!.id)).toEqual({ ok: false, reason: "no-delegation" });
    expect(
      await id().addDelegation({
        actorId: child!.id,
        subjectId: parent!.id,
        kind: "agent",
        proof: { kind: "power-of-attorney", reference: "x" },
      }),
    ).toMatchObject({ ok: false, reason: "actor-minor" });
    const adult = await register({ nameZh: "测试戊", birthDate: "1990-01-01", actor: "test" });
    expect(
      await id().addDelegation({
        actorId: adult.id,
        subjectId: parent!.id,
        kind: "guardian",
        proof: { kind: "hukou-book", reference: "x" },
      }),
    ).toMatchObject({ ok: false, reason: "subject-not-minor" });
    const stored = (await ctx.db.query("SELECT proof_reference_cipher FROM citizen_delegations")).rows[0]!;
    expect(stored.proof_reference_cipher).not.toContain("户口簿");
    const profile = await id().profile(child!.id);
    expect(profile?.delegations).toEqual([
      expect.objectContaining({
        direction: "acted-for-by",
        otherName: "测试甲",
        kind: "guardian",
        proofKind: "hukou-book",
      }),
    ]);
    if (!r.ok) throw new Error();
    expect(await id().revokeDelegation({ delegationId: r.delegationId, reason: "test" })).toEqual({ ok: true });
    expect(await id().revokeDelegation({ delegationId: r.delegationId, reason: "test" })).toMatchObject({
      ok: false,
      reason: "already-revoked",
    });
    expect(await id().canActFor(parent!.id, child!.id)).toEqual({ ok: false, reason: "revoked" });
  });
});

describe("merging records", () => {
  it("merges two records of one person, and unmerges them exactly", async () => {
    const phoneRecord = await register({
      nameZh: "测试乙",
      phones: ["+8613622223333"],
      tags: ["newborn-parent"],
      actor: "test",
    });
    const hallRecord = await register({
      nameZh: "测试乙",
      nameEn: "Test Yi",
      idNumber: ID_B,
      phones: ["13722223333"],
      actor: "test",
    });
    await id().recordConsent({ citizenId: phoneRecord.id, purpose: "call-recording", granted: true, channel: "phone" });
    const booked = await ctx.services.appointments.book({
      citizenId: phoneRecord.id,
      hall: "hall.civic-center",
      item: "id-card.renew",
      date: "2026-10-09",
      time: "09:00",
      channel: "phone",
      actor: "test",
    });
    expect(booked.ok).toBe(true);

    const m = await id().merge({
      sourceId: phoneRecord.id,
      targetId: hallRecord.id,
      reason: "same person: ID shown at the hall",
      by: "agent:7",
    });
    if (!m.ok) throw new Error(m.reason);
    expect((await id().findByPhone("13622223333"))?.id).toBe(hallRecord.id);
    expect((await id().get(phoneRecord.id))?.id).toBe(hallRecord.id);
    expect((await id().get(hallRecord.id))?.tags).toEqual(["newborn-parent"]);
    expect(await id().hasConsent(hallRecord.id, "call-recording")).toBe(true);
    expect((await ctx.services.appointments.listAppointments(hallRecord.id))?.map((a) => a.item)).toEqual([
      "id-card.renew",
    ]);
    expect((await events(hallRecord.id)).at(-1)).toMatchObject({
      type: "citizen.merged",
      payload: { reason: "same person: ID shown at the hall" },
    });
    expect(await id().merge({ sourceId: phoneRecord.id, targetId: hallRecord.id, reason: "again" })).toMatchObject({
      ok: false,
      reason: "already-merged",
    });

    const u = await id().unmerge({ mergeId: m.mergeId, reason: "two people after all" });
    expect(u).toEqual({ ok: true, sourceId: phoneRecord.id, targetId: hallRecord.id });
    expect((await id().findByPhone("13622223333"))?.id).toBe(phoneRecord.id);
    expect((await id().get(hallRecord.id))?.tags).toEqual([]);
    expect(await id().hasConsent(hallRecord.id, "call-recording")).toBe(false);
    expect(await id().hasConsent(phoneRecord.id, "call-recording")).toBe(true);
    expect((await ctx.services.appointments.listAppointments(phoneRecord.id))?.map((a) => a.item)).toEqual([
      "id-card.renew",
    ]);
    expect(await ctx.services.appointments.listAppointments(hallRecord.id)).toEqual([]);
    expect(await id().unmerge({ mergeId: m.mergeId, reason: "again" })).toMatchObject({
      ok: false,
      reason: "already-unmerged",
    });
    expect((await events(phoneRecord.id)).map((e) => e.type)).toEqual(
      expect.arrayContaining(["citizen.merged-away", "citizen.restored"]),
    );
  });
  it("moves the ID number to a record without one, and back", async () => {
    const withId = await register({
      nameZh: "测试丙",
      idNumber: composeIdNumber("110105", "1966-06-06", "997"),
      actor: "test",
    });
    const bare = await register({ nameZh: "测试丙", phones: ["13533334444"], actor: "test" });
    const m = await id().merge({ sourceId: withId.id, targetId: bare.id, reason: "same person" });
    if (!m.ok) throw new Error(m.reason);
    expect((await id().get(bare.id))?.maskedId).toBe(withId.maskedId);
    await id().unmerge({ mergeId: m.mergeId, reason: "undo" });
    expect((await id().get(bare.id))?.maskedId).toBeUndefined();
    expect((await id().get(withId.id))?.maskedId).toBe(withId.maskedId);
  });
  it("refuses records of different people, and a merge that would double-book an item", async () => {
    const a = (await id().findByPhone("13911112222"))!;
    const b = (await id().findByPhone("13722223333"))!;
    expect(await id().merge({ sourceId: a.id, targetId: b.id, reason: "x" })).toMatchObject({
      ok: false,
      reason: "different-id-numbers",
    });
    expect(await id().merge({ sourceId: a.id, targetId: a.id, reason: "x" })).toMatchObject({
      ok: false,
      reason: "same-record",
    });
    const p = await register({ nameZh: "测试丁", phones: ["13544445555"], actor: "test" });
    const q = await register({ nameZh: "测试丁", actor: "test" });
    for (const [c, time] of [
      [p.id, "09:00"],
      [q.id, "09:30"],
    ] as const)
      expect(
        (
          await ctx.services.appointments.book({
            citizenId: c,
            hall: "hall.civic-center",
            item: "id-card.renew",
            date: "2026-10-12",
            time,
            channel: "phone",
            actor: "test",
          })
        ).ok,
      ).toBe(true);
    expect(await id().merge({ sourceId: p.id, targetId: q.id, reason: "x" })).toMatchObject({
      ok: false,
      reason: "conflicting-appointments",
      details: { items: ["id-card.renew"] },
    });
    expect((await id().findByPhone("13544445555"))?.id).toBe(p.id);
  });
});
