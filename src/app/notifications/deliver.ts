import { retryDecision } from "../../domain/notifications/backoff.js";
import { earliestSendTime } from "../../domain/notifications/quiet-hours.js";
import type { AttemptOutcome, MessageProvider, OutboxRow, OutboxStore } from "./ports.js";

/**
 * One delivery round: claim what is due, re-check quiet hours and opt-outs (they may have changed
 * since the row was written), hand each message to its channel's provider, and record every
 * outcome in one write. Failures are retried with backoff; a claimed row can only be sent by the
 * worker that claimed it, so two workers never send the same message.
 */

export interface DeliverDeps {
  outbox: OutboxStore;
  providers: { sms: MessageProvider; voice: MessageProvider };
  tz: string;
  now: () => Date;
  /** jitter for backoff, in [0, 1) */
  random: () => number;
  /** how many sends may be in flight at once */
  concurrency?: number;
}

export interface RoundResult {
  claimed: number;
  outcomes: AttemptOutcome[];
}

const inBatches = async <T, R>(items: T[], size: number, fn: (t: T) => Promise<R>): Promise<R[]> => {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(fn))));
  return out;
};

export const deliverRound = async (d: DeliverDeps, opts: { ids?: string[]; limit: number }): Promise<RoundResult> => {
  const now = d.now();
  const rows = await d.outbox.claimDue(now, opts);
  if (!rows.length) return { claimed: 0, outcomes: [] };
  const optedOut = {
    sms: await d.outbox.optedOut(
      rows.filter((r) => r.channel === "sms").map((r) => r.phone),
      "sms",
    ),
    voice: await d.outbox.optedOut(
      rows.filter((r) => r.channel === "voice").map((r) => r.phone),
      "voice",
    ),
  };

  const attempt = async (r: OutboxRow): Promise<AttemptOutcome> => {
    const held = earliestSendTime(now, d.tz, r.urgent);
    if (held > now) return { id: r.id, status: "deferred", nextAttemptAt: held };
    if (!r.urgent && optedOut[r.channel].has(r.phone))
      return { id: r.id, status: "suppressed", error: "the number opted out of this channel" };
    const provider = d.providers[r.channel];
    let result;
    try {
      result = await provider.send({
        id: r.id,
        channel: r.channel,
        to: r.phone,
        body: r.body,
        reference: r.idempotencyKey,
        templateId: r.templateId,
        locale: r.locale,
        variables: r.variables,
      });
    } catch (err) {
      result = { ok: false as const, retryable: true, error: (err as Error).message };
    }
    if (result.ok)
      return { id: r.id, status: "sent", provider: provider.name, providerMessageId: result.providerMessageId };
    const next = retryDecision(r.attempts, result.retryable, d.random());
    if (!next.retry)
      return { id: r.id, status: "failed", provider: provider.name, error: `${result.error} (${next.reason})` };
    const at = earliestSendTime(new Date(now.getTime() + next.delaySeconds * 1000), d.tz, r.urgent);
    return { id: r.id, status: "retrying", provider: provider.name, error: result.error, nextAttemptAt: at };
  };

  const outcomes = await inBatches(rows, d.concurrency ?? 16, attempt);
  await d.outbox.recordOutcomes(outcomes, now);
  return { claimed: rows.length, outcomes };
};
