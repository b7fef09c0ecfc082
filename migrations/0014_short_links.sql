-- Short, unguessable, expiring links (/s/<token>) to citizen pages. The token carries no
-- personal data; what the page is about is looked up here.
CREATE TABLE short_links (
  token           text PRIMARY KEY,
  kind            text NOT NULL CHECK (kind IN ('item', 'event', 'hall', 'appointment', 'application')),
  target          text NOT NULL,                 -- item/event/hall code, or appointment/application id
  citizen_id      uuid,
  locale          text CHECK (locale IN ('zh', 'en')),
  facts           jsonb NOT NULL DEFAULT '{}',   -- what we know for tailoring (situations, flags)
  created_at      timestamptz NOT NULL,
  expires_at      timestamptz NOT NULL,
  opened_count    integer NOT NULL DEFAULT 0,
  last_opened_at  timestamptz
);
CREATE INDEX short_links_expires ON short_links (expires_at);
