import { AppError } from "../errors.js";
import { prepareNotification } from "./prepare-notification.js";
import { channelOf, delayFrom, KEY, type BulkItem, type NotifierDeps } from "./requests.js";

/**
 * Many messages at once (reminders, a policy change to everyone affected): one KB read, one
 * opt-out query and one set-based insert per chunk, and one wake-up job per 100 messages.
 * Every number and key is checked before anything is written.
 */
export const sendBulk = async (
  deps: NotifierDeps,
  items: BulkItem[],
  chunk = 1000,
): Promise<{ created: number; duplicates: number; suppressed: number }> => {
  const kb = await deps.kb.current();
  const phones = items.map((i) => deps.normalisePhone(i.phone));
  const bad = phones.findIndex((p) => !p);
  if (bad >= 0)
    throw new AppError("bad-request", `Item ${bad} has no phone number we can send to; nothing was queued.`);
  const badKey = items.findIndex((i) => !KEY.test(i.idempotencyKey));
  if (badKey >= 0)
    throw new AppError("bad-request", `Item ${badKey} has an invalid idempotencyKey; nothing was queued.`);
  const delaySeconds = delayFrom(deps.clock);
  const out = { created: 0, duplicates: 0, suppressed: 0 };
  for (let i = 0; i < items.length; i += chunk) {
    const part = items.slice(i, i + chunk);
    const optedOut = await deps.outbox.optedOut(
      phones.slice(i, i + chunk) as string[],
      channelOf(kb, part[0]!.templateId),
    );
    const now = deps.clock.now();
    const rows = part.map((it, k) =>
      prepareNotification({
        templateId: it.templateId,
        phone: phones[i + k]!,
        citizenId: it.citizenId ?? null,
        locale: it.locale ?? "zh",
        variables: it.variables,
        idempotencyKey: it.idempotencyKey,
        kb: kb.kb,
        kbVersion: kb.version,
        now,
        tz: deps.tz,
        optedOut: optedOut.has(phones[i + k]!),
      }),
    );
    const created = await deps.outbox.insertMany(rows);
    const due = new Map(created.map((c) => [c.id, c.nextAttemptAt]));
    out.created += created.length;
    out.duplicates += part.length - created.length;
    out.suppressed += created.filter((c) => c.status === "suppressed").length;
    // one job per 100 messages due at the same time (a chunk is written at one instant)
    const toWake = created.filter((c) => c.status !== "suppressed").map((c) => c.id);
    for (let w = 0; w < toWake.length; w += 100) {
      const ids = toWake.slice(w, w + 100);
      await deps.jobs.wake(ids, delaySeconds(due.get(ids[0]!)!));
    }
  }
  return out;
};
