import { describe, expect, it } from "vitest";
import { adulthoodDate, canActFor, checkNewDelegation, type Delegation } from "./delegation.js";

const mother = { id: "m", birthDate: "1992-04-20" };
const baby = { id: "b", birthDate: "2026-05-25" };
const grandma = { id: "g", birthDate: "1947-09-09" };
const teen = { id: "t", birthDate: "2010-01-01" };

const guardian: Delegation = {
  id: "d1",
  actorId: "m",
  subjectId: "b",
  kind: "guardian",
  scope: ["all"],
  proof: { kind: "birth-medical-certificate", reference: "Q990000001" },
  validFrom: "2026-05-25",
  validUntil: "2044-05-25",
};
const agent: Delegation = {
  id: "d2",
  actorId: "m",
  subjectId: "g",
  kind: "agent",
  scope: ["pension.qualification"],
  proof: { kind: "power-of-attorney", reference: "signed 2026-05-01, kept at hall.east-district" },
  validFrom: "2026-05-01",
  validUntil: null,
};

describe("new delegations", () => {
  it("lets a parent act for a newborn until the 18th birthday", () => {
    const r = checkNewDelegation(
      {
        actor: mother,
        subject: baby,
        kind: "guardian",
        scope: ["all"],
        proof: guardian.proof,
        validFrom: "2026-06-01",
      },
      "2026-06-01",
      [],
    );
    expect(r).toEqual({ ok: true, validUntil: "2044-05-25" });
  });
  it("refuses guardianship of an adult, self-delegation, missing or unsuitable proof, minors as actors", () => {
    const base = { scope: ["all"], validFrom: "2026-06-01" };
    expect(
      checkNewDelegation(
        { ...base, actor: mother, subject: grandma, kind: "guardian", proof: guardian.proof },
        "2026-06-01",
        [],
      ),
    ).toEqual({ ok: false, reason: "subject-not-minor" });
    expect(
      checkNewDelegation(
        { ...base, actor: mother, subject: mother, kind: "agent", proof: agent.proof },
        "2026-06-01",
        [],
      ),
    ).toEqual({ ok: false, reason: "self" });
    expect(
      checkNewDelegation(
        {
          ...base,
          actor: mother,
          subject: grandma,
          kind: "agent",
          proof: { kind: "power-of-attorney", reference: " " },
        },
        "2026-06-01",
        [],
      ),
    ).toEqual({ ok: false, reason: "missing-proof" });
    expect(
      checkNewDelegation(
        {
          ...base,
          actor: mother,
          subject: grandma,
          kind: "agent",
          proof: { kind: "birth-medical-certificate", reference: "x" },
        },
        "2026-06-01",
        [],
      ),
    ).toEqual({ ok: false, reason: "proof-not-accepted" });
    expect(
      checkNewDelegation(
        { ...base, actor: teen, subject: grandma, kind: "agent", proof: agent.proof },
        "2026-06-01",
        [],
      ),
    ).toEqual({ ok: false, reason: "actor-minor" });
    expect(
      checkNewDelegation(
        { ...base, actor: mother, subject: { id: "x" }, kind: "guardian", proof: guardian.proof },
        "2026-06-01",
        [],
      ),
    ).toEqual({ ok: false, reason: "subject-birth-date-unknown" });
    expect(
      checkNewDelegation(
        { ...base, actor: mother, subject: grandma, kind: "agent", proof: agent.proof, validUntil: "2026-05-01" },
        "2026-06-01",
        [],
      ),
    ).toEqual({ ok: false, reason: "bad-period" });
  });
  it("refuses a second active delegation of the same kind", () => {
    const r = checkNewDelegation(
      {
        actor: mother,
        subject: baby,
        kind: "guardian",
        scope: ["all"],
        proof: guardian.proof,
        validFrom: "2026-06-01",
      },
      "2026-06-01",
      [guardian],
    );
    expect(r).toEqual({ ok: false, reason: "duplicate" });
  });
  it("puts the 18th birthday of a leap-day child on 1 March", () => {
    expect(adulthoodDate("2008-02-29")).toBe("2026-03-01");
  });
});

describe("canActFor", () => {
  it("everyone acts for themselves", () => {
    expect(canActFor("m", mother, [], "2026-06-01")).toEqual({ ok: true, basis: "self" });
  });
  it("a guardian acts for the child; nobody else does", () => {
    expect(canActFor("m", baby, [guardian], "2026-06-01")).toEqual({ ok: true, basis: "guardian", delegationId: "d1" });
    expect(canActFor("g", baby, [guardian], "2026-06-01")).toEqual({ ok: false, reason: "no-delegation" });
  });
  it("guardianship ends at 18 even if the record says later", () => {
    const long = { ...guardian, subjectId: "t", validUntil: "2099-01-01" };
    expect(canActFor("m", teen, [long], "2027-12-31")).toMatchObject({ ok: true });
    expect(canActFor("m", teen, [long], "2028-01-01")).toEqual({ ok: false, reason: "ended" });
  });
  it("an agent acts within scope only, and not once revoked", () => {
    expect(canActFor("m", grandma, [agent], "2026-06-01", "pension.qualification")).toMatchObject({
      ok: true,
      basis: "agent",
    });
    expect(canActFor("m", grandma, [agent], "2026-06-01", "passport.renew")).toEqual({
      ok: false,
      reason: "out-of-scope",
    });
    expect(canActFor("m", grandma, [{ ...agent, revokedAt: new Date() }], "2026-06-01")).toEqual({
      ok: false,
      reason: "revoked",
    });
    expect(canActFor("m", grandma, [agent], "2026-04-30")).toEqual({ ok: false, reason: "ended" });
  });
});
