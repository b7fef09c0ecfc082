/**
 * One status for every message, whatever the provider calls it. Providers report delivery in their
 * own words (CMPP/SMPP "DELIVRD"/"UNDELIV", REST gateways "delivered"/"failed", …); they are
 * mapped here, and a late or repeated report never moves a message backwards.
 */

export const NOTIFICATION_STATUSES = [
  "queued", // waiting for its first attempt
  "deferred", // held by quiet hours until the morning
  "retrying", // an attempt failed; another is scheduled
  "sending", // claimed by a worker, at the provider now
  "sent", // the provider accepted it
  "delivered", // the handset received it
  "failed", // the provider or the network gave up, or we did
  "suppressed", // not sent: the number opted out
] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

/** statuses a worker may pick up when due */
export const DUE_STATUSES: NotificationStatus[] = ["queued", "deferred", "retrying"];
export const FINAL_STATUSES: NotificationStatus[] = ["delivered", "failed", "suppressed"];

export type ReportedStatus = "sent" | "delivered" | "failed";

// Keys are upper-cased provider words.
const REPORTED: Record<string, ReportedStatus> = {
  // CMPP / SMPP receipts (the stat field of a delivery report)
  DELIVRD: "delivered",
  DELIVERED: "delivered",
  UNDELIV: "failed",
  UNDELIVERED: "failed",
  EXPIRED: "failed",
  DELETED: "failed",
  REJECTD: "failed",
  REJECTED: "failed",
  UNKNOWN: "failed",
  ACCEPTD: "sent",
  ACCEPTED: "sent",
  ENROUTE: "sent",
  // REST gateways
  QUEUED: "sent",
  SENDING: "sent",
  SENT: "sent",
  SUBMITTED: "sent",
  SUCCESS: "delivered",
  FAILED: "failed",
  FAILURE: "failed",
  ERROR: "failed",
  BLOCKED: "failed",
};

/** undefined when the word is not one we know: the caller should refuse the report, not guess */
export const mapReportedStatus = (providerStatus: string): ReportedStatus | undefined =>
  REPORTED[providerStatus.trim().toUpperCase()];

export const KNOWN_PROVIDER_STATUSES = Object.keys(REPORTED);

const RANK: Record<NotificationStatus, number> = {
  queued: 0,
  deferred: 0,
  retrying: 0,
  sending: 1,
  sent: 2,
  delivered: 3,
  failed: 3,
  suppressed: 3,
};

/**
 * The status after a delivery report, or undefined when the report changes nothing (a duplicate,
 * or a "sent" arriving after "delivered"). A report for a message we have not handed over
 * (still queued) is accepted: gateways can be faster than our own bookkeeping.
 */
export const applyReport = (current: NotificationStatus, reported: ReportedStatus): NotificationStatus | undefined => {
  if (FINAL_STATUSES.includes(current)) return undefined;
  if (RANK[reported] <= RANK[current]) return undefined;
  return reported;
};
