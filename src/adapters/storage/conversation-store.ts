import type { ConversationStore, SaveTurn } from "../../app/dialogue/ports.js";
import type { Action } from "../../domain/dialogue/actions.js";
import type { ConversationState } from "../../domain/dialogue/state.js";
import type { Db } from "./database.js";

/**
 * Conversations over SQL. A turn is read with one query and saved with one statement: the
 * conversation row (inserted, or moved on only if it is still at the step it was read at), the
 * turn, its domain events and handoff packets are data-modifying CTEs of a single INSERT, so they
 * commit together or not at all, in one round trip — whichever instance took the webhook.
 */

type LoadRow = { id: string; step_no: number; state: ConversationState; replay: Action[] | null };

const SAVE_EXISTING = `
WITH c AS (
  UPDATE conversations
     SET state = $5::jsonb, step_no = $6, status = $7, locale = $8, kb_version = $9, updated_at = $10,
         citizen_id = COALESCE($11::uuid, citizen_id)
   WHERE id = $1 AND step_no = $12
  RETURNING id
)`;

const SAVE_NEW = `
WITH c AS (
  INSERT INTO conversations (id, channel, call_id, caller_masked, state, step_no, status, locale, kb_version, started_at, updated_at, citizen_id)
  VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9, $10, $10, $11::uuid)
  ON CONFLICT (channel, call_id) DO NOTHING
  RETURNING id
)`;

// Parameters $13… are shared by both forms; unused ones ($2–$4 for an update, $12 for an insert) are typed so PostgreSQL accepts them.
const SAVE_REST = `,
t AS (
  INSERT INTO conversation_turns (conversation_id, step_no, turn_kind, caller_text, intent, confidence, emotion, actions, bot_text, kb_version, created_at)
  SELECT c.id, $6, $13, $14, $15, $16, $17, $18::jsonb, $19, $9, $10 FROM c
  RETURNING 1
),
e AS (
  INSERT INTO domain_events (aggregate, aggregate_id, type, payload, actor, kb_version, occurred_at)
  SELECT 'conversation', c.id::text, 'dialogue.' || x.type, x.payload, 'dialogue', $9, $10
    FROM c, jsonb_to_recordset($20::jsonb) AS x(type text, payload jsonb)
  RETURNING 1
),
h AS (
  INSERT INTO handoff_contexts (id, conversation_id, step_no, queue, priority, reason, packet, created_at)
  SELECT x.id, c.id, $6, x.packet->>'queue', x.packet->>'priority', x.packet->>'reason', x.packet, $10
    FROM c, jsonb_to_recordset($21::jsonb) AS x(id text, packet jsonb)
  RETURNING 1
)
SELECT (SELECT count(*) FROM c)::int AS saved, (SELECT count(*) FROM t)::int AS turns, (SELECT count(*) FROM e)::int AS events, (SELECT count(*) FROM h)::int AS handoffs,
       $2::text AS _channel, $3::text AS _call, $4::text AS _caller, $12::int AS _prev`;

export const createConversationStore = (db: Db): ConversationStore => ({
  async load(channel, callId, stepNo) {
    const { rows } = await db.query<LoadRow>(
      `SELECT c.id, c.step_no, c.state, t.actions AS replay
         FROM conversations c
         LEFT JOIN conversation_turns t ON t.conversation_id = c.id AND t.step_no = $3
        WHERE c.channel = $1 AND c.call_id = $2`,
      [channel, callId, stepNo ?? -1],
    );
    const r = rows[0];
    if (!r) return {};
    return { conversation: { id: r.id, stepNo: r.step_no, state: r.state }, ...(r.replay ? { replay: r.replay } : {}) };
  },

  async actionsAt(conversationId, stepNo) {
    const { rows } = await db.query<{ actions: Action[] }>(
      "SELECT actions FROM conversation_turns WHERE conversation_id = $1 AND step_no = $2",
      [conversationId, stepNo],
    );
    return rows[0]?.actions;
  },

  async addEvents(conversationId, events, kbVersion, at) {
    if (!events.length) return;
    await db.query(
      `INSERT INTO domain_events (aggregate, aggregate_id, type, payload, actor, kb_version, occurred_at)
       SELECT 'conversation', $1, 'dialogue.' || x.type, x.payload, 'dialogue', $3, $4 FROM jsonb_to_recordset($2::jsonb) AS x(type text, payload jsonb)`,
      [conversationId, JSON.stringify(events), kbVersion, at],
    );
  },

  async saveTurn(s: SaveTurn) {
    const c = s.conversation;
    const sql = (c.previousStepNo === null ? SAVE_NEW : SAVE_EXISTING) + SAVE_REST;
    try {
      const { rows } = await db.query<{ saved: number }>(sql, [
        c.id,
        c.channel,
        c.callId,
        c.callerMasked,
        JSON.stringify(s.state),
        s.turn.stepNo,
        s.state.status,
        s.state.locale,
        s.turn.kbVersion,
        s.at,
        c.citizenId,
        c.previousStepNo ?? -1,
        s.turn.turnKind,
        s.turn.callerText,
        s.turn.intent,
        s.turn.confidence,
        s.turn.emotion,
        JSON.stringify(s.turn.actions),
        s.turn.botText,
        JSON.stringify(s.events),
        JSON.stringify(s.handoffs.map((h) => ({ id: h.contextId, packet: h.packet }))),
      ]);
      return rows[0]!.saved === 1 ? "saved" : "conflict";
    } catch (err) {
      // Two instances inserting the same step of a new call: the loser sees the unique key.
      if ((err as { code?: string }).code === "23505") return "conflict";
      throw err;
    }
  },
});

/** For the agent side and tests: the packet behind a handoff's opaque id. */
export const loadHandoffContext = async (db: Db, id: string) => {
  const { rows } = await db.query<{
    conversation_id: string;
    queue: string;
    priority: string;
    reason: string;
    packet: Record<string, unknown>;
    created_at: Date;
  }>("SELECT conversation_id, queue, priority, reason, packet, created_at FROM handoff_contexts WHERE id = $1", [id]);
  return rows[0];
};
