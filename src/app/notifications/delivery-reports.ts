import { applyReport, KNOWN_PROVIDER_STATUSES, mapReportedStatus } from "../../domain/notifications/status.js";
import { AppError } from "../errors.js";
import type { NotifierDeps } from "./requests.js";

/** Delivery reports from providers, mapped to our one status; a report never moves a message backwards. */

export const recordDeliveryReport = async (
  deps: Pick<NotifierDeps, "outbox" | "clock">,
  input: { providerMessageId: string; status: string; errorCode?: string },
) => {
  const reported = mapReportedStatus(input.status);
  if (!reported)
    throw new AppError("unprocessable", `Unknown delivery status "${input.status}".`, {
      known: KNOWN_PROVIDER_STATUSES,
    });
  const row = await deps.outbox.findByProviderMessage(input.providerMessageId);
  if (!row) throw new AppError("not-found", `No message with provider id "${input.providerMessageId}".`);
  const next = applyReport(row.status, reported);
  await deps.outbox.recordReceipt({
    notificationId: row.id,
    providerStatus: input.status,
    newStatus: next ?? null,
    ...(input.errorCode ? { errorCode: input.errorCode } : {}),
    at: deps.clock.now(),
  });
  return { id: row.id, status: next ?? row.status, changed: next !== undefined };
};

/** Several reports at once: all are checked before any is recorded. */
export const recordDeliveryReports = async (
  deps: Pick<NotifierDeps, "outbox" | "clock">,
  reports: { messageId: string; status: string; errorCode?: string }[],
) => {
  const unknown = reports.find((r) => !mapReportedStatus(r.status));
  if (unknown)
    throw new AppError("unprocessable", `Unknown delivery status "${unknown.status}"; nothing was recorded.`, {
      known: KNOWN_PROVIDER_STATUSES,
    });
  for (const r of reports)
    if (!(await deps.outbox.findByProviderMessage(r.messageId)))
      throw new AppError("not-found", `No message with provider id "${r.messageId}"; nothing was recorded.`);
  const out = [];
  for (const r of reports)
    out.push(
      await recordDeliveryReport(deps, {
        providerMessageId: r.messageId,
        status: r.status,
        ...(r.errorCode ? { errorCode: r.errorCode } : {}),
      }),
    );
  return out;
};
