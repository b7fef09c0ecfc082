import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildContext, type AppContext } from "../../src/compose.js";
import type { Action } from "../../src/domain/dialogue/actions.js";
import { startAreas } from "../../src/start-areas.js";
import { startTestApp } from "../support/test-context.js";

/**
 * The dialogue with every real area behind it (NLU, identity, appointments, applications,
 * notifications, links), on two separately built application contexts over one database — as two
 * app instances behind a load balancer would be: a call may move between them at every webhook.
 */

const WANG_FANG = "+8613700137000";
const said = (actions: Action[]) =>
  actions.map((a) => (a.kind === "say" ? a.text : a.kind === "ask" ? a.prompt : "")).join(" ");

describe("voice-core over the real areas, two instances, one database", () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let other: AppContext;

  beforeAll(async () => {
    app = await startTestApp();
    other = await buildContext(app.ctx.config, { db: app.ctx.db, clock: app.ctx.clock });
    await startAreas(other);
  });
  afterAll(async () => {
    // the second instance shares the database: stop its workers, leave the database to the first
    for (const fn of [...(other?.onClose ?? [])].reverse()) await fn().catch(() => undefined);
    await app?.close();
  });

  const outbox = async (ctx: AppContext) =>
    (
      await ctx.db.query<{ id: string; templateId: string; body: string }>(
        `SELECT id, template_id AS "templateId", body FROM notifications WHERE phone = $1 AND channel = 'sms'`,
        [WANG_FANG],
      )
    ).rows;

  it("greets 王芳 on one instance, answers on the other, and texts her exactly once", async () => {
    const a = app.ctx.services.dialogue;
    const b = other.services.dialogue;
    const base = { channel: "twilio", callId: "CA-two-instances", from: WANG_FANG };

    const greeting = await a.handleTurn({ ...base, turn: { kind: "start" } });
    expect(said(greeting.actions)).toMatch(/护照[^。]*办好/);
    expect(said(greeting.actions)).toMatch(/录音/);

    const answer = await b.handleTurn({
      ...base,
      step: greeting.stepNo + 1,
      turn: { kind: "speech", text: "我要给新生儿办医保" },
    });
    expect(answer.conversationId).toBe(greeting.conversationId);
    expect(said(answer.actions)).toMatch(/医保|参保/);
    expect(said(answer.actions)).toMatch(/短信/);

    const before = new Set((await outbox(app.ctx)).map((m) => m.id));
    const sent = await a.handleTurn({ ...base, step: answer.stepNo + 1, turn: { kind: "digits", digits: "1" } });
    expect(said(sent.actions)).toMatch(/短信已经发送/);
    // the same webhook again, to the other instance: the same answer, no second message
    const retried = await b.handleTurn({ ...base, step: answer.stepNo + 1, turn: { kind: "digits", digits: "1" } });
    expect(retried).toEqual(sent);
    const added = (await outbox(other)).filter((m) => !before.has(m.id));
    expect(added).toHaveLength(1);
    expect(added[0]!.templateId).toBe("sms.checklist");
    expect(added[0]!.body).toMatch(/\/s\//);
  });

  it("tells the agent side what the call was about through the opaque handoff id only", async () => {
    const a = app.ctx.services.dialogue;
    const base = { channel: "jambonz", callId: "call-handoff-1", from: "+8613512345678" };
    const g = await a.handleTurn({ ...base, turn: { kind: "start" } });
    const q = await other.services.dialogue.handleTurn({
      ...base,
      step: g.stepNo + 1,
      turn: { kind: "speech", text: "护照快过期了，换新的要带什么" },
    });
    const h = await a.handleTurn({ ...base, step: q.stepNo + 1, turn: { kind: "digits", digits: "0" } });
    const handoff = h.actions.find((x): x is Extract<Action, { kind: "handoff" }> => x.kind === "handoff")!;
    expect(handoff.contextId).toMatch(/^[0-9a-f-]{36}$/);
    const packet = await other.services.dialogue.handoffContext(handoff.contextId);
    expect(packet).toMatchObject({ queue: "general", reason: "caller-asked" });
    expect(packet!.packet).toMatchObject({ verification: "none", kbVersion: expect.any(Number) });
    expect(JSON.stringify(packet)).not.toContain("13512345678");
  });
});
