import type { Clock } from "../clock.js";
import type { CurrentKb } from "../kb/kb-service.js";
import type { Locale, TemplateVars } from "../../domain/notifications/render.js";
import type { Channel, DeliveryJobs, MessageProvider, OutboxRow, OutboxStore, RecipientDirectory } from "./ports.js";

/** What callers of the notification service pass and get back. */

export interface SendRequest {
  templateId: string;
  /** a citizen (their primary number and language) and/or an explicit number */
  to: { citizenId?: string; phone?: string };
  variables: TemplateVars;
  /** the same key never sends twice, e.g. `call:<id>:checklist:passport.apply` */
  idempotencyKey: string;
  locale?: Locale;
}

export interface Enqueued {
  id: string;
  channel: Channel;
  status: OutboxRow["status"];
  /** true when the key had been used before: nothing new was queued */
  duplicate: boolean;
  nextAttemptAt: Date;
  segments: number;
  kbVersion: number;
}

export interface NotifierDeps {
  kb: { current(): Promise<CurrentKb> };
  clock: Clock;
  tz: string;
  outbox: OutboxStore;
  providers: { sms: MessageProvider; voice: MessageProvider };
  jobs: DeliveryJobs;
  recipients: RecipientDirectory;
  random: () => number;
  normalisePhone: (raw: string) => string | undefined;
}

export interface ResolvedRecipient {
  phone: string;
  citizenId: string | null;
  locale: Locale;
}

export const KEY = /^[\w.:@/+-]{1,200}$/;

export interface BulkItem {
  templateId: string;
  phone: string;
  citizenId?: string | null;
  locale?: Locale;
  variables: TemplateVars;
  idempotencyKey: string;
}

export const toEnqueued = (row: OutboxRow, duplicate: boolean): Enqueued => ({
  id: row.id,
  channel: row.channel,
  status: row.status,
  duplicate,
  nextAttemptAt: row.nextAttemptAt,
  segments: row.segments,
  kbVersion: row.kbVersion,
});

export const channelOf = (kb: CurrentKb, templateId: string): Channel =>
  kb.kb.templates.find((t) => t.id === templateId)?.channel ?? "sms";

export const delayFrom = (clock: Clock) => (at: Date) => Math.max(0, (at.getTime() - clock.now().getTime()) / 1000);
