/**
 * The one error type use cases throw for expected refusals; http/errors.ts maps `code` to a status.
 * Bugs stay ordinary Errors (500).
 */
export type AppErrorCode =
  | "bad-request"
  | "unauthorized"
  | "forbidden"
  | "not-found"
  | "conflict"
  | "gone"
  | "unprocessable"
  | "rate-limited"
  | "unavailable";

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "AppError";
  }
}
