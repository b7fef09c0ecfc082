-- Identity: consents, delegations, merges (audited, reversible) and one-time SMS codes.
-- Valid on PostgreSQL 15+ and PGlite. Never edit once landed: add a new migration.

-- 110***********123X: shown to agents and read to callers; identifies nobody by itself.
ALTER TABLE citizens ADD COLUMN id_number_masked text;
CREATE INDEX citizens_merged_into ON citizens (merged_into) WHERE merged_into IS NOT NULL;

-- A history, not a flag: the latest row per purpose holds.
CREATE TABLE citizen_consents (
  id           bigserial PRIMARY KEY,
  citizen_id   uuid NOT NULL REFERENCES citizens (id),
  purpose      text NOT NULL,
  granted      boolean NOT NULL,
  channel      text NOT NULL,
  note         text NOT NULL DEFAULT '',
  recorded_by  text NOT NULL,
  recorded_at  timestamptz NOT NULL
);
CREATE INDEX citizen_consents_citizen ON citizen_consents (citizen_id, purpose, recorded_at DESC);

-- Who may act for whom, and on what proof (the document reference is encrypted like ID numbers).
CREATE TABLE citizen_delegations (
  id                     uuid PRIMARY KEY,
  actor_id               uuid NOT NULL REFERENCES citizens (id),
  subject_id             uuid NOT NULL REFERENCES citizens (id),
  kind                   text NOT NULL CHECK (kind IN ('guardian', 'agent')),
  scope                  text[] NOT NULL DEFAULT '{all}',
  proof_kind             text NOT NULL,
  proof_reference_cipher text NOT NULL,
  valid_from             date NOT NULL,
  valid_until            date,
  created_by             text NOT NULL,
  created_at             timestamptz NOT NULL,
  revoked_at             timestamptz,
  revoked_by             text,
  revoke_reason          text,
  CHECK (actor_id <> subject_id),
  CHECK (valid_until IS NULL OR valid_until > valid_from)
);
CREATE INDEX citizen_delegations_subject ON citizen_delegations (subject_id);
CREATE INDEX citizen_delegations_actor ON citizen_delegations (actor_id);

-- Every merge with exactly what moved, so that an unmerge restores the two records as they were.
CREATE TABLE citizen_merges (
  id             uuid PRIMARY KEY,
  source_id      uuid NOT NULL REFERENCES citizens (id),
  target_id      uuid NOT NULL REFERENCES citizens (id),
  reason         text NOT NULL,
  merged_by      text NOT NULL,
  merged_at      timestamptz NOT NULL,
  moved          jsonb NOT NULL,
  unmerged_at    timestamptz,
  unmerged_by    text,
  unmerge_reason text,
  CHECK (source_id <> target_id)
);
CREATE UNIQUE INDEX citizen_merges_open_source ON citizen_merges (source_id) WHERE unmerged_at IS NULL;

-- One-time SMS codes: only a keyed hash is stored, with expiry and an attempt counter.
CREATE TABLE verification_codes (
  id           uuid PRIMARY KEY,
  citizen_id   uuid NOT NULL REFERENCES citizens (id),
  phone        text NOT NULL,
  code_hash    text NOT NULL,
  created_at   timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL,
  attempts     integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  consumed_at  timestamptz
);
CREATE INDEX verification_codes_citizen ON verification_codes (citizen_id, created_at DESC);
