-- Applications (证件 production status) as department systems report them, and the life events
-- (一件事) they belong to. Status changes arrive as events, idempotent by (source_system, event_id).

-- A life event a citizen is going through, e.g. event.newborn for a baby born last week.
CREATE TABLE life_event_cases (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  citizen_id          uuid NOT NULL REFERENCES citizens (id),   -- who applies and is told
  subject_citizen_id  uuid REFERENCES citizens (id),            -- whom it is about (the baby), when known
  event_code          text NOT NULL,
  source_system       text NOT NULL,
  external_ref        text NOT NULL,                            -- the department's case number
  created_at          timestamptz NOT NULL DEFAULT now(),
  UNIQUE (source_system, external_ref)
);
CREATE INDEX life_event_cases_citizen ON life_event_cases (citizen_id);

CREATE TABLE applications (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  citizen_id          uuid NOT NULL REFERENCES citizens (id),
  subject_citizen_id  uuid REFERENCES citizens (id),
  item_code           text NOT NULL,
  hall_code           text,
  source_system       text NOT NULL,
  external_ref        text NOT NULL,                            -- the department's application number
  status              text NOT NULL CHECK (status IN ('accepted', 'reviewing', 'producing', 'ready', 'collected', 'returned', 'rejected')),
  reason              text,
  notify_channels     text[] NOT NULL DEFAULT '{sms}',
  life_event_case_id  uuid REFERENCES life_event_cases (id),
  status_changed_at   timestamptz NOT NULL,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  UNIQUE (source_system, external_ref),
  CHECK (status NOT IN ('returned', 'rejected') OR reason IS NOT NULL)
);
CREATE INDEX applications_citizen ON applications (citizen_id, status_changed_at DESC);
CREATE INDEX applications_case ON applications (life_event_case_id) WHERE life_event_case_id IS NOT NULL;

-- Every accepted status event, so a replay is recognised and the history can be shown.
CREATE TABLE application_events (
  id              bigserial PRIMARY KEY,
  source_system   text NOT NULL,
  event_id        text NOT NULL,
  application_id  uuid NOT NULL REFERENCES applications (id),
  from_status     text,
  to_status       text NOT NULL,
  reason          text,
  occurred_at     timestamptz NOT NULL,
  received_at     timestamptz NOT NULL,
  payload_hash    text NOT NULL,
  kb_version      integer,
  UNIQUE (source_system, event_id)
);
CREATE INDEX application_events_application ON application_events (application_id, id);
