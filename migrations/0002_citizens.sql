-- Citizens and how we recognise them. ID numbers are stored only encrypted (AES-256-GCM) with a
-- keyed hash (HMAC-SHA256) for lookup; phone numbers are E.164.

CREATE TABLE citizens (
  id                 uuid PRIMARY KEY,
  name_zh            text NOT NULL,
  name_en            text,
  id_number_cipher   text,            -- base64(iv | tag | ciphertext)
  id_number_hash     text UNIQUE,     -- hex HMAC of the normalised ID number
  id_number_last4    text,            -- for "last four digits" verification; not identifying alone
  birth_date         date,
  hukou_place        text,
  preferred_locale   text NOT NULL DEFAULT 'zh' CHECK (preferred_locale IN ('zh', 'en')),
  tags               text[] NOT NULL DEFAULT '{}',
  merged_into        uuid REFERENCES citizens (id),
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE citizen_phones (
  phone       text NOT NULL,          -- E.164, e.g. +8613800138000
  citizen_id  uuid NOT NULL REFERENCES citizens (id),
  is_primary  boolean NOT NULL DEFAULT false,
  verified_at timestamptz,
  added_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (phone, citizen_id)
);
CREATE INDEX citizen_phones_citizen ON citizen_phones (citizen_id);

-- Domain events of every aggregate, in order; processors and audits read from here.
CREATE TABLE domain_events (
  id            bigserial PRIMARY KEY,
  aggregate     text NOT NULL,        -- citizen, appointment, application, conversation, …
  aggregate_id  text NOT NULL,
  type          text NOT NULL,
  payload       jsonb NOT NULL DEFAULT '{}',
  actor         text NOT NULL DEFAULT 'system',
  kb_version    integer,
  occurred_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX domain_events_aggregate ON domain_events (aggregate, aggregate_id, id);
CREATE INDEX domain_events_type ON domain_events (type, id);
