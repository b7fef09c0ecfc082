-- The one outbox for every message to a citizen (SMS, and outbound-call requests for the voice
-- channel). A row is written in the same transaction as the change that causes it; workers send
-- it when due. idempotency_key makes a retried cause send nothing twice.
CREATE TABLE notifications (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  idempotency_key      text NOT NULL UNIQUE,
  channel              text NOT NULL CHECK (channel IN ('sms', 'voice')),
  phone                text NOT NULL,             -- E.164; shown masked everywhere but the admin outbox
  citizen_id           uuid,
  template_id          text NOT NULL,
  locale               text NOT NULL CHECK (locale IN ('zh', 'en')),
  variables            jsonb NOT NULL DEFAULT '{}',
  body                 text NOT NULL,             -- SMS text with signature, or the call script
  characters           integer NOT NULL,
  segments             integer NOT NULL,
  kb_version           integer NOT NULL,          -- the KB version the text came from
  urgent               boolean NOT NULL DEFAULT false,
  status               text NOT NULL CHECK (status IN ('queued', 'deferred', 'retrying', 'sending', 'sent', 'delivered', 'failed', 'suppressed')),
  attempts             integer NOT NULL DEFAULT 0,
  next_attempt_at      timestamptz NOT NULL,
  provider             text,
  provider_message_id  text,
  last_error           text,
  created_at           timestamptz NOT NULL,
  updated_at           timestamptz NOT NULL,
  sent_at              timestamptz,
  delivered_at         timestamptz
);
CREATE INDEX notifications_due ON notifications (next_attempt_at) WHERE status IN ('queued', 'deferred', 'retrying');
CREATE INDEX notifications_phone ON notifications (phone, created_at DESC);
CREATE INDEX notifications_sending ON notifications (updated_at) WHERE status = 'sending';
CREATE UNIQUE INDEX notifications_provider_message ON notifications (provider, provider_message_id) WHERE provider_message_id IS NOT NULL;

-- Delivery reports as received, mapped to our status.
CREATE TABLE notification_receipts (
  id               bigserial PRIMARY KEY,
  notification_id  uuid NOT NULL REFERENCES notifications (id),
  provider_status  text NOT NULL,
  status           text NOT NULL,
  error_code       text,
  received_at      timestamptz NOT NULL
);
CREATE INDEX notification_receipts_notification ON notification_receipts (notification_id);

-- Numbers that asked not to receive messages on a channel ('all' = every channel).
CREATE TABLE notification_opt_outs (
  phone         text NOT NULL,
  channel       text NOT NULL CHECK (channel IN ('sms', 'voice', 'all')),
  source        text NOT NULL,
  opted_out_at  timestamptz NOT NULL,
  PRIMARY KEY (phone, channel)
);

-- Outbound-call requests for the voice channel, as the voice area reads them.
CREATE VIEW outbound_calls AS
  SELECT id, idempotency_key, phone, citizen_id, template_id, locale, variables, body AS script, kb_version,
         status, attempts, next_attempt_at, provider, provider_message_id, last_error, created_at, updated_at
  FROM notifications WHERE channel = 'voice';
