import { AppError, type AppErrorCode } from "../../app/errors.js";

/**
 * Use-case refusals (values) → HTTP errors. A reference in the body that points at nothing is 422;
 * a state that forbids the change is 409; a rule about the request itself is 422; `details.reason`
 * always carries the use case's reason code.
 */
const STATUS_BY_REASON: Record<string, AppErrorCode> = {
  "not-found": "not-found",
  full: "conflict",
  "already-open": "conflict",
  "invalid-transition": "conflict",
  "same-slot": "conflict",
  "not-yet": "conflict",
  "already-merged": "conflict",
  "already-unmerged": "conflict",
  "merged-again": "conflict",
  "already-revoked": "conflict",
  "conflicting-appointments": "conflict",
  duplicate: "conflict",
  "id-number-taken": "conflict",
  locked: "rate-limited",
  "too-many-requests": "rate-limited",
  "sms-unavailable": "unavailable",
  "invalid-date": "bad-request",
  "invalid-phone": "bad-request",
  "invalid-id-number": "bad-request",
  "invalid-birth-date": "bad-request",
  "invalid-tag": "bad-request",
  "bad-input": "bad-request",
  "unknown-reason": "bad-request",
  "note-required": "bad-request",
  "unknown-purpose": "bad-request",
  "unknown-kind": "bad-request",
};

export const refusalError = (
  r: { reason: string; message: string; details?: unknown } & Record<string, unknown>,
  extra: Record<string, unknown> = {},
): AppError => {
  const { ok: _ok, reason, message, details, ...rest } = r;
  void _ok;
  return new AppError(STATUS_BY_REASON[reason] ?? "unprocessable", message, {
    reason,
    ...rest,
    ...(details ? { details } : {}),
    ...extra,
  });
};

/** Returns the success value or throws the refusal as an HTTP error. */
export const orThrow = <R extends { ok: boolean }>(r: R): Extract<R, { ok: true }> => {
  if (r.ok) return r as Extract<R, { ok: true }>;
  throw refusalError(r as unknown as { ok: false; reason: string; message: string });
};
