import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createConversationStore, loadHandoffContext } from "../../src/adapters/storage/conversation-store.js";
import type { Db } from "../../src/adapters/storage/database.js";
import type { Action } from "../../src/domain/dialogue/actions.js";
import type { CallerProfile, Need } from "../../src/domain/dialogue/context.js";
import { fixtureView } from "../../src/domain/dialogue/testing/fixture-kb.js";
import { nlu } from "../../src/domain/dialogue/testing/harness.js";
import type { Interpretation } from "../../src/domain/nlu/types.js";
import { openTestDb } from "../support/test-db.js";
import { handleTurn, type HandleTurnInput } from "../../src/app/dialogue/handle-turn.js";
import type { DialogueDeps } from "../../src/app/dialogue/ports.js";

/**
 * handleTurn over a real database (PGlite, or PostgreSQL under test:pg) with stand-ins for the NLU
 * and the other areas, so what is asserted is this use case: one read and one write per turn,
 * retries answered from what was stored, state shared by instances, masked transcripts.
 */

const CALLER = "+8613700137000";
const profile: CallerProfile = {
  known: true,
  ref: "de000000-0000-4000-8000-000000000003",
  appointments: [],
  ready: [{ itemCode: "passport.apply", hallCode: "hall.exit-entry" }],
  events: [{ eventCode: "event.newborn", done: ["birth.medical-certificate"] }],
};

// What our stand-in NLU understands: the tests' own phrasings.
const READINGS: Record<string, Interpretation> = {
  换护照要带什么: nlu("passport.renew"),
  我的护照办好了吗: nlu("meta.progress", { entities: [{ type: "document", value: "passport" }] }),
  请转人工: nlu("meta.human"),
};

interface World {
  deps: DialogueDeps;
  sent: { idempotencyKey: string; templateId: string; phone: string }[];
  recognised: string[];
  resolved: Need[];
  queries: { text: string }[];
}

let db: Db;
let counter = 0;

/** One "instance" of the app: its own store object over the shared database. */
const instance = (shared?: Pick<World, "sent" | "recognised" | "resolved">): World => {
  const queries: { text: string }[] = [];
  const counted: Db = { ...db, query: (text, values) => (queries.push({ text }), db.query(text, values)) } as Db;
  const w: World = {
    sent: shared?.sent ?? [],
    recognised: shared?.recognised ?? [],
    resolved: shared?.resolved ?? [],
    queries,
    deps: undefined as never,
  };
  const view = fixtureView();
  w.deps = {
    store: createConversationStore(counted),
    nlu: { interpret: async (text) => READINGS[text] ?? nlu("out-of-scope", { confidence: 0.2 }) },
    kb: { current: async () => view },
    callers: {
      recognise: async (phone) => (
        w.recognised.push(phone),
        phone === CALLER ? profile : { known: false, appointments: [], ready: [], events: [] }
      ),
    },
    needs: {
      resolve: async (n) => {
        w.resolved.push(n);
        if (n.kind === "link") return { url: "https://civic.example/s/tok" } as never;
        if (n.kind === "verify-last4")
          return {
            ok: (n as Extract<Need, { kind: "verify-last4" }>).digits === "4321",
            citizenRef: profile.ref,
          } as never;
        if (n.kind === "progress")
          return {
            applications: [{ itemCode: "passport.apply", status: "ready", hallCode: "hall.exit-entry" }],
          } as never;
        throw new Error(`unexpected ${n.kind}`);
      },
    },
    // Like the outbox: one message per idempotency key, however often it is offered.
    sms: {
      send: async (req) => {
        if (!w.sent.some((x) => x.idempotencyKey === req.idempotencyKey))
          w.sent.push({ idempotencyKey: req.idempotencyKey, templateId: req.templateId, phone: req.phone });
      },
    },
    clock: { now: () => new Date("2026-11-25T02:00:00Z") },
    tz: "Asia/Shanghai",
    newId: () => `00000000-0000-4000-8000-${String(++counter).padStart(12, "0")}`,
  };
  return w;
};

const count = async (sql: string, values: unknown[] = []) =>
  Number((await db.query<{ n: string }>(sql, values)).rows[0]!.n);

let callNo = 0;
const newCallId = () => `CA-test-${++callNo}`;

beforeAll(async () => {
  db = await openTestDb();
});
afterAll(async () => {
  await db?.close();
});

describe("handleTurn", () => {
  let w: World;
  let callId: string;
  const input = (step: number | undefined, turn: HandleTurnInput["turn"]): HandleTurnInput => ({
    channel: "twilio",
    callId,
    from: CALLER,
    ...(step ? { step } : {}),
    turn,
  });

  beforeEach(() => {
    w = instance();
    callId = newCallId();
  });

  it("runs a call turn by turn with the state in the database", async () => {
    const g = await handleTurn(w.deps, input(undefined, { kind: "start" }));
    expect(g.stepNo).toBe(1);
    expect(JSON.stringify(g.actions)).toContain("您的护照已经办好");
    const a = await handleTurn(w.deps, input(2, { kind: "speech", text: "换护照要带什么" }));
    expect(a.stepNo).toBe(2);
    expect(a.conversationId).toBe(g.conversationId);
    expect(JSON.stringify(a.actions)).toContain("普通护照换发");
    const s = await handleTurn(w.deps, input(3, { kind: "digits", digits: "1" }));
    expect(s.actions.filter((x) => x.kind === "send-sms")).toHaveLength(1);
    expect(w.sent).toEqual([
      {
        idempotencyKey: `conv:${g.conversationId}:sms:sms.checklist:item.passport.renew`,
        templateId: "sms.checklist",
        phone: CALLER,
      },
    ]);
    const row = (
      await db.query("SELECT step_no, status, caller_masked, state FROM conversations WHERE id = $1", [
        g.conversationId,
      ])
    ).rows[0];
    expect(row).toMatchObject({ step_no: 3, status: "active", caller_masked: "137****7000" });
    expect(JSON.stringify(row!.state)).not.toContain(CALLER);
    expect(
      await count("SELECT count(*) AS n FROM conversation_turns WHERE conversation_id = $1", [g.conversationId]),
    ).toBe(3);
    expect(
      await count(
        "SELECT count(*) AS n FROM domain_events WHERE aggregate = 'conversation' AND aggregate_id = $1 AND type = 'dialogue.sms-requested'",
        [g.conversationId],
      ),
    ).toBe(1);
  });

  it("answers a retried webhook with the stored actions and does nothing twice", async () => {
    await handleTurn(w.deps, input(undefined, { kind: "start" }));
    const retryStart = await handleTurn(w.deps, input(undefined, { kind: "start" }));
    expect(retryStart.stepNo).toBe(1);
    expect(w.recognised).toHaveLength(1);

    await handleTurn(w.deps, input(2, { kind: "speech", text: "换护照要带什么" }));
    const first = await handleTurn(w.deps, input(3, { kind: "digits", digits: "1" }));
    const eventsBefore = await count("SELECT count(*) AS n FROM domain_events WHERE aggregate_id = $1", [
      first.conversationId,
    ]);
    const retried = await handleTurn(w.deps, input(3, { kind: "digits", digits: "1" }));
    expect(retried).toEqual(first);
    expect(w.sent).toHaveLength(1);
    expect(await count("SELECT count(*) AS n FROM domain_events WHERE aggregate_id = $1", [first.conversationId])).toBe(
      eventsBefore,
    );
    expect(
      await count("SELECT count(*) AS n FROM conversation_turns WHERE conversation_id = $1", [first.conversationId]),
    ).toBe(3);
    // an older step still gets its own answer
    const older = await handleTurn(w.deps, input(2, { kind: "speech", text: "换护照要带什么" }));
    expect(JSON.stringify(older.actions)).toContain("普通护照换发");
  });

  it("reads once and writes once per turn", async () => {
    await handleTurn(w.deps, input(undefined, { kind: "start" }));
    w.queries.length = 0;
    await handleTurn(w.deps, input(2, { kind: "speech", text: "换护照要带什么" }));
    expect(w.queries).toHaveLength(2);
    expect(w.queries[0]!.text).toMatch(/^\s*SELECT/);
    expect(w.queries[1]!.text).toMatch(/INSERT INTO conversation_turns/);
    expect(w.queries[1]!.text).toMatch(/INSERT INTO domain_events/);
  });

  it("writes nothing of a turn that lost the race for its step", async () => {
    const g = await handleTurn(w.deps, input(undefined, { kind: "start" }));
    const store = createConversationStore(db);
    const loaded = await store.load("twilio", callId, undefined);
    const stale = await store.saveTurn({
      conversation: {
        id: g.conversationId,
        channel: "twilio",
        callId,
        callerMasked: "x",
        previousStepNo: 0,
        citizenId: null,
      },
      state: loaded.conversation!.state,
      turn: {
        stepNo: 1,
        turnKind: "speech",
        callerText: "x",
        intent: null,
        confidence: null,
        emotion: null,
        actions: [],
        botText: "",
        kbVersion: 7,
      },
      events: [{ type: "should-not-exist", payload: {} }],
      handoffs: [{ contextId: "ctx-stale", packet: { reason: "x", queue: "general", priority: "normal" } as never }],
      at: new Date(),
    });
    expect(stale).toBe("conflict");
    expect(await count("SELECT count(*) AS n FROM domain_events WHERE type = 'dialogue.should-not-exist'")).toBe(0);
    expect(await count("SELECT count(*) AS n FROM handoff_contexts WHERE id = 'ctx-stale'")).toBe(0);
  });

  it("gives the same answer to the same webhook arriving twice at once", async () => {
    await handleTurn(w.deps, input(undefined, { kind: "start" }));
    await handleTurn(w.deps, input(2, { kind: "speech", text: "换护照要带什么" }));
    const [a, b] = await Promise.all([
      handleTurn(w.deps, input(3, { kind: "digits", digits: "1" })),
      handleTurn(instance(w).deps, input(3, { kind: "digits", digits: "1" })),
    ]);
    expect(a.actions).toEqual(b.actions);
    expect(a.stepNo).toBe(b.stepNo);
    expect(w.sent).toHaveLength(1);
    expect(
      await count("SELECT count(*) AS n FROM conversation_turns WHERE conversation_id = $1", [a.conversationId]),
    ).toBe(3);
  });

  it("lets any instance take the next webhook: the state lives in the database", async () => {
    const other = instance(w);
    const g = await handleTurn(w.deps, input(undefined, { kind: "start" }));
    const ask = await handleTurn(other.deps, input(2, { kind: "speech", text: "我的护照办好了吗" }));
    expect(ask.actions.map((x) => x.kind)).toContain("pause-recording");
    const told = await handleTurn(w.deps, input(3, { kind: "digits", digits: "4321" }));
    expect(told.actions[0]).toEqual({ kind: "resume-recording" });
    expect(JSON.stringify(told.actions)).toContain("您的护照已经办好，可以领取");
    expect(told.conversationId).toBe(g.conversationId);
    expect(w.resolved).toContainEqual({ kind: "verify-last4", citizenRef: profile.ref, digits: "4321" });
  });

  it("keeps keyed ID digits out of the transcript and masks numbers in speech", async () => {
    const g = await handleTurn(w.deps, input(undefined, { kind: "start" }));
    await handleTurn(w.deps, input(2, { kind: "speech", text: "我的护照办好了吗" }));
    await handleTurn(w.deps, input(3, { kind: "digits", digits: "4321" }));
    await handleTurn(w.deps, input(4, { kind: "speech", text: "我电话是13912345678，身份证幺幺零幺零五一九八八" }));
    const rows = (
      await db.query<{ step_no: number; caller_text: string | null; bot_text: string }>(
        "SELECT step_no, caller_text, bot_text FROM conversation_turns WHERE conversation_id = $1 ORDER BY step_no",
        [g.conversationId],
      )
    ).rows;
    expect(rows[2]!.caller_text).toBe("[keypad: 4 keys, not kept]");
    expect(rows[3]!.caller_text).not.toMatch(/13912345678|幺幺零幺零五一九八八/);
    expect(rows[3]!.caller_text).toBe("我电话是***********，身份证**********");
    expect(rows[0]!.bot_text).toContain("本次通话将被录音");
    const all = JSON.stringify(rows);
    expect(all).not.toContain("4321");
  });

  it("stores the handoff packet and gives the channel only its opaque id", async () => {
    await handleTurn(w.deps, input(undefined, { kind: "start" }));
    await handleTurn(w.deps, input(2, { kind: "speech", text: "换护照要带什么" }));
    const out = await handleTurn(w.deps, input(3, { kind: "speech", text: "请转人工" }));
    const h = out.actions.find((a): a is Extract<Action, { kind: "handoff" }> => a.kind === "handoff")!;
    const stored = await loadHandoffContext(db, h.contextId);
    expect(stored).toMatchObject({
      conversation_id: out.conversationId,
      queue: "general",
      priority: "normal",
      reason: "caller-asked",
    });
    expect(stored!.packet).toMatchObject({ intent: "passport.renew", verification: "none", kbVersion: 7 });
    expect((await db.query("SELECT status FROM conversations WHERE id = $1", [out.conversationId])).rows[0]).toEqual({
      status: "handed-off",
    });
  });

  it("records an SMS that could not be queued, and the call goes on", async () => {
    w.deps = { ...w.deps, sms: { send: async () => Promise.reject(new Error("gateway down")) } };
    const g = await handleTurn(w.deps, input(undefined, { kind: "start" }));
    await handleTurn(w.deps, input(2, { kind: "speech", text: "换护照要带什么" }));
    const out = await handleTurn(w.deps, input(3, { kind: "digits", digits: "1" }));
    expect(out.actions.at(-1)!.kind).toBe("ask");
    const ev = (
      await db.query("SELECT payload FROM domain_events WHERE aggregate_id = $1 AND type = 'dialogue.sms-failed'", [
        g.conversationId,
      ])
    ).rows;
    expect(ev).toEqual([{ payload: { templateId: "sms.checklist", error: "gateway down" } }]);
  });

  it("offers no SMS to a withheld number", async () => {
    const anon: HandleTurnInput = { channel: "twilio", callId, from: "anonymous", turn: { kind: "start" } };
    await handleTurn(w.deps, anon);
    const out = await handleTurn(w.deps, { ...anon, step: 2, turn: { kind: "speech", text: "换护照要带什么" } });
    expect(JSON.stringify(out.actions)).not.toContain("发短信");
    expect(w.recognised).toEqual(["anonymous"]);
  });
});
