import type { Locale, TemplateVars } from "../../domain/notifications/render.js";
import type { NotificationStatus } from "../../domain/notifications/status.js";

/** What the notification use cases need from the world. Adapters implement these. */

export type Channel = "sms" | "voice";

export interface OutboxRow {
  id: string;
  idempotencyKey: string;
  channel: Channel;
  phone: string;
  citizenId: string | null;
  templateId: string;
  locale: Locale;
  variables: TemplateVars;
  body: string;
  characters: number;
  segments: number;
  kbVersion: number;
  urgent: boolean;
  status: NotificationStatus;
  attempts: number;
  nextAttemptAt: Date;
  provider: string | null;
  providerMessageId: string | null;
  lastError: string | null;
  createdAt: Date;
  updatedAt: Date;
  sentAt: Date | null;
  deliveredAt: Date | null;
}

export type NewNotification = Pick<
  OutboxRow,
  | "idempotencyKey"
  | "channel"
  | "phone"
  | "citizenId"
  | "templateId"
  | "locale"
  | "variables"
  | "body"
  | "characters"
  | "segments"
  | "kbVersion"
  | "urgent"
  | "nextAttemptAt"
  | "createdAt"
> & { status: "queued" | "deferred" | "suppressed"; lastError?: string | null };

export interface AttemptOutcome {
  id: string;
  status: "sent" | "delivered" | "retrying" | "failed" | "deferred" | "suppressed";
  provider?: string;
  providerMessageId?: string;
  error?: string;
  nextAttemptAt?: Date;
}

export interface OutboxFilter {
  phone?: string;
  citizenId?: string;
  status?: NotificationStatus;
  channel?: Channel;
  templateId?: string;
  limit: number;
}

export interface OutboxStore {
  /** Inserts unless the idempotency key exists; returns the row that holds the key either way. */
  insert(n: NewNotification): Promise<{ row: OutboxRow; created: boolean }>;
  /** Set-based insert for bulk senders; returns the ids created (existing keys are skipped). */
  insertMany(ns: NewNotification[]): Promise<{ id: string; nextAttemptAt: Date; status: OutboxRow["status"] }[]>;
  get(id: string): Promise<OutboxRow | undefined>;
  /** Marks due rows (optionally only these ids) as sending, one attempt more, and returns them. */
  claimDue(now: Date, opts: { ids?: string[]; limit: number }): Promise<OutboxRow[]>;
  recordOutcomes(outcomes: AttemptOutcome[], now: Date): Promise<void>;
  /** Rows left in `sending` by a crashed worker go back to retrying. */
  releaseStuck(claimedBefore: Date, now: Date): Promise<number>;
  findByProviderMessage(providerMessageId: string): Promise<OutboxRow | undefined>;
  recordReceipt(r: {
    notificationId: string;
    providerStatus: string;
    newStatus: NotificationStatus | null;
    errorCode?: string;
    at: Date;
  }): Promise<void>;
  list(f: OutboxFilter): Promise<OutboxRow[]>;
  optedOut(phones: string[], channel: Channel): Promise<Set<string>>;
  optOut(phone: string, channel: Channel | "all", source: string, at: Date): Promise<void>;
  optIn(phone: string, channel: Channel | "all"): Promise<number>;
}

export interface OutgoingMessage {
  id: string;
  channel: Channel;
  to: string;
  body: string;
  /** stable per message: a gateway that dedupes can use it */
  reference: string;
  templateId: string;
  locale: Locale;
  variables: TemplateVars;
}

export type ProviderResult = { ok: true; providerMessageId: string } | { ok: false; retryable: boolean; error: string };

/** An SMS gateway or a voice dialer. */
export interface MessageProvider {
  readonly name: string;
  send(m: OutgoingMessage): Promise<ProviderResult>;
}

/** Wakes a worker to deliver these notifications after a delay (seconds). */
export interface DeliveryJobs {
  wake(ids: string[], delaySeconds: number): Promise<void>;
}

export interface Recipient {
  citizenId: string;
  name: string;
  /** E.164, the number messages go to */
  phone?: string;
  locale: Locale;
}

/** Looks up who a message is for (names, primary phone, language). */
export interface RecipientDirectory {
  byCitizen(id: string): Promise<Recipient | undefined>;
  byPhone(phone: string): Promise<Recipient | undefined>;
}
