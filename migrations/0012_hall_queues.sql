-- Live hall queues from the ticketing machines: one row per ticket per service day.
CREATE TABLE queue_tickets (
  hall_code     text NOT NULL,
  service_date  date NOT NULL,                 -- the city's calendar day
  ticket        text NOT NULL,                 -- as printed, e.g. A012
  item_code     text NOT NULL,
  status        text NOT NULL CHECK (status IN ('waiting', 'called', 'served', 'skipped')),
  counter       text,                          -- the window that called it
  issued_at     timestamptz NOT NULL,
  called_at     timestamptz,
  served_at     timestamptz,
  skipped_at    timestamptz,
  updated_at    timestamptz NOT NULL,
  PRIMARY KEY (hall_code, service_date, ticket)
);
CREATE INDEX queue_tickets_waiting ON queue_tickets (hall_code, service_date, item_code) WHERE status = 'waiting';
CREATE INDEX queue_tickets_served ON queue_tickets (hall_code, item_code, served_at DESC) WHERE status = 'served';

-- Events already applied, so a machine re-sending its buffer changes nothing.
CREATE TABLE queue_events (
  source_system  text NOT NULL,
  event_id       text NOT NULL,
  hall_code      text NOT NULL,
  ticket         text NOT NULL,
  type           text NOT NULL,
  occurred_at    timestamptz NOT NULL,
  received_at    timestamptz NOT NULL,
  PRIMARY KEY (source_system, event_id)
);
