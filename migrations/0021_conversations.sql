-- Phone conversations (the dialogue engine's state) so that any app instance can take the next
-- webhook of a call. One row per call; one row per turn with the masked transcript and the
-- actions returned to the channel, replayed as they were when a provider retries a webhook.

CREATE TABLE conversations (
  id             uuid PRIMARY KEY,
  channel        text NOT NULL,                 -- twilio, jambonz, terminal, …
  call_id        text NOT NULL,                 -- the provider's call id (CallSid, call_sid)
  caller_masked  text NOT NULL,                 -- 138****8000 or "anonymous"; the clear number arrives with each webhook
  citizen_id     uuid,                          -- recognised or verified citizen, if any
  locale         text NOT NULL DEFAULT 'zh' CHECK (locale IN ('zh', 'en')),
  status         text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'handed-off', 'ended')),
  step_no        integer NOT NULL,              -- the last step saved; the next turn is step_no + 1
  state          jsonb NOT NULL,                -- the engine's state: codes and opaque refs only
  kb_version     integer,
  started_at     timestamptz NOT NULL,
  updated_at     timestamptz NOT NULL,
  UNIQUE (channel, call_id)
);
CREATE INDEX conversations_started ON conversations (started_at DESC);
CREATE INDEX conversations_citizen ON conversations (citizen_id) WHERE citizen_id IS NOT NULL;

CREATE TABLE conversation_turns (
  conversation_id  uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  step_no          integer NOT NULL,
  turn_kind        text NOT NULL,               -- start, speech, digits, silence, event
  caller_text      text,                        -- masked: ID and phone numbers starred, keyed digits never kept
  intent           text,
  confidence       real,
  emotion          text,
  actions          jsonb NOT NULL,              -- what the channel was told to do, replayed on a retried webhook
  bot_text         text NOT NULL DEFAULT '',    -- what the hotline said, for the transcript
  kb_version       integer,
  created_at       timestamptz NOT NULL,
  PRIMARY KEY (conversation_id, step_no)
);

-- What an agent receives with a handed-off call. The call itself only carries the opaque id.
CREATE TABLE handoff_contexts (
  id               text PRIMARY KEY,            -- opaque, unguessable
  conversation_id  uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  step_no          integer NOT NULL,
  queue            text NOT NULL,
  priority         text NOT NULL CHECK (priority IN ('normal', 'high')),
  reason           text NOT NULL,
  packet           jsonb NOT NULL,              -- intent, entities, verification level, emotion, summary, KB version
  created_at       timestamptz NOT NULL,
  claimed_at       timestamptz,
  claimed_by       text
);
CREATE INDEX handoff_contexts_conversation ON handoff_contexts (conversation_id);
CREATE INDEX handoff_contexts_open ON handoff_contexts (queue, created_at) WHERE claimed_at IS NULL;
