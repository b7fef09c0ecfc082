-- Appointments and the places per slot. Valid on PostgreSQL 15+ and PGlite. Never edit once landed.

-- One row per (hall, item, day, slot start) once anyone books it. `booked` is raised with
-- UPDATE … WHERE booked < capacity: concurrent bookings of the last place queue on the row lock and
-- only one finds room; the CHECK makes overbooking impossible even for a buggy caller.
CREATE TABLE appointment_slots (
  hall       text NOT NULL,
  item       text NOT NULL,
  slot_date  date NOT NULL,
  slot_time  text NOT NULL CHECK (slot_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  capacity   integer NOT NULL CHECK (capacity >= 0),
  booked     integer NOT NULL DEFAULT 0,
  PRIMARY KEY (hall, item, slot_date, slot_time),
  CHECK (booked >= 0 AND booked <= capacity)
);

-- booked → booked (rescheduled: same id and reference, new slot) → cancelled | no-show | completed.
CREATE TABLE appointments (
  id                uuid PRIMARY KEY,
  reference         text NOT NULL UNIQUE,
  citizen_id        uuid NOT NULL REFERENCES citizens (id),
  item              text NOT NULL,
  hall              text NOT NULL,
  slot_date         date NOT NULL,
  slot_time         text NOT NULL,
  starts_at         timestamptz NOT NULL,
  ends_at           timestamptz NOT NULL,
  status            text NOT NULL CHECK (status IN ('booked', 'cancelled', 'no-show', 'completed')),
  channel           text NOT NULL,
  booked_by         text NOT NULL,
  kb_version        integer,
  cancel_reason     text,
  cancel_note       text,
  reschedule_count  integer NOT NULL DEFAULT 0,
  -- set when booked outside the normal rules (the demo seed's fixed appointment), saying why
  forced_reason     text,
  created_at        timestamptz NOT NULL,
  updated_at        timestamptz NOT NULL,
  CHECK ((status = 'cancelled') = (cancel_reason IS NOT NULL)),
  CHECK (ends_at > starts_at)
);
-- "No more than one open appointment per citizen per item", enforced by the database.
CREATE UNIQUE INDEX appointments_one_open_per_item ON appointments (citizen_id, item) WHERE status = 'booked';
CREATE INDEX appointments_citizen ON appointments (citizen_id, starts_at);
CREATE INDEX appointments_hall_day ON appointments (hall, slot_date, slot_time);
