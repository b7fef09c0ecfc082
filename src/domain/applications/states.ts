import type { LocalText } from "../kb/schema.js";

/**
 * The life of an application (证件 production), as departments report it:
 *   受理 → 审核 → 制证 → 待领取 → 已领取
 * with 退回补正 (returned for correction: the citizen fixes something, then review resumes) and
 * 不予受理 (rejected) as the ways out. Only the moves below are possible; anything else is a
 * department system out of step with us and is refused rather than guessed at.
 */

export const APPLICATION_STATUSES = [
  "accepted",
  "reviewing",
  "producing",
  "ready",
  "collected",
  "returned",
  "rejected",
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const STATUS_LABEL: Record<ApplicationStatus, LocalText> = {
  accepted: { zh: "受理", en: "Accepted" },
  reviewing: { zh: "审核", en: "Under review" },
  producing: { zh: "制证", en: "In production" },
  ready: { zh: "待领取", en: "Ready for pickup" },
  collected: { zh: "已领取", en: "Collected" },
  returned: { zh: "退回补正", en: "Returned for correction" },
  rejected: { zh: "不予受理", en: "Not accepted" },
};

/** Department systems may send our code or the Chinese label. */
export const parseStatus = (s: string): ApplicationStatus | undefined => {
  const v = s.trim();
  if ((APPLICATION_STATUSES as readonly string[]).includes(v)) return v as ApplicationStatus;
  return APPLICATION_STATUSES.find((k) => STATUS_LABEL[k].zh === v);
};

/** the statuses an application may start in: received, or refused at the counter */
export const INITIAL_STATUSES: ApplicationStatus[] = ["accepted", "rejected"];

export const TRANSITIONS: Record<ApplicationStatus, ApplicationStatus[]> = {
  accepted: ["reviewing", "returned", "rejected"],
  reviewing: ["producing", "returned", "rejected"],
  producing: ["ready", "returned"],
  ready: ["collected"],
  returned: ["reviewing", "rejected"],
  collected: [],
  rejected: [],
};

export const REASON_REQUIRED: ApplicationStatus[] = ["returned", "rejected"];
export const isFinal = (s: ApplicationStatus) => TRANSITIONS[s].length === 0;
/** the citizen has the document in hand */
export const isDone = (s: ApplicationStatus) => s === "collected";
export const isOpen = (s: ApplicationStatus) => !isFinal(s);

export interface StatusChange {
  to: ApplicationStatus;
  reason?: string;
  occurredAt: Date;
}

export interface CurrentState {
  status: ApplicationStatus;
  statusChangedAt: Date;
}

export type TransitionResult =
  | { ok: true; from: ApplicationStatus | null; to: ApplicationStatus; reason: string | null }
  | {
      ok: false;
      code: "invalid-start" | "invalid-transition" | "reason-required" | "stale" | "final";
      message: string;
    };

const label = (s: ApplicationStatus) => `${STATUS_LABEL[s].zh} (${s})`;

/** Decides whether `change` may happen to an application in `current` (undefined: a new one). */
export const decideTransition = (current: CurrentState | undefined, change: StatusChange): TransitionResult => {
  const reason = change.reason?.trim() || null;
  if (REASON_REQUIRED.includes(change.to) && !reason)
    return {
      ok: false,
      code: "reason-required",
      message: `A change to ${label(change.to)} must give the reason the citizen will be told.`,
    };
  if (!current) {
    if (!INITIAL_STATUSES.includes(change.to))
      return {
        ok: false,
        code: "invalid-start",
        message: `An unknown application must start as ${INITIAL_STATUSES.map(label).join(" or ")}, not ${label(change.to)}.`,
      };
    return { ok: true, from: null, to: change.to, reason };
  }
  if (isFinal(current.status))
    return {
      ok: false,
      code: "final",
      message: `The application is already ${label(current.status)}; it cannot change any more.`,
    };
  if (change.occurredAt.getTime() < current.statusChangedAt.getTime())
    return {
      ok: false,
      code: "stale",
      message: `The event happened at ${change.occurredAt.toISOString()}, before the current status ${label(current.status)} (${current.statusChangedAt.toISOString()}).`,
    };
  if (!TRANSITIONS[current.status].includes(change.to))
    return {
      ok: false,
      code: "invalid-transition",
      message: `An application in ${label(current.status)} cannot move to ${label(change.to)}; allowed: ${TRANSITIONS[current.status].map(label).join(", ")}.`,
    };
  return { ok: true, from: current.status, to: change.to, reason };
};
