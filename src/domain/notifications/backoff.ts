/**
 * When to try a failed send again. A gateway hiccup should be retried quickly; a longer outage
 * should not be hammered. Jitter spreads retries of a burst; it is an input so this stays pure.
 */

/** seconds to wait before retry n (1-based) */
export const RETRY_DELAYS_SECONDS = [30, 120, 600, 1800, 7200] as const;
/** first attempt plus one per delay above */
export const MAX_ATTEMPTS = RETRY_DELAYS_SECONDS.length + 1;

export type RetryDecision = { retry: true; delaySeconds: number } | { retry: false; reason: string };

/**
 * @param attemptsSoFar attempts already made, including the one that just failed
 * @param retryable whether the failure may succeed later (timeouts, 5xx, 429)
 * @param jitter a number in [0, 1); 0.5 gives the nominal delay, the extremes ±20%
 */
export const retryDecision = (attemptsSoFar: number, retryable: boolean, jitter = 0.5): RetryDecision => {
  if (!retryable) return { retry: false, reason: "permanent failure" };
  if (attemptsSoFar >= MAX_ATTEMPTS) return { retry: false, reason: `gave up after ${attemptsSoFar} attempts` };
  const base = RETRY_DELAYS_SECONDS[Math.max(0, attemptsSoFar - 1)]!;
  const j = Math.min(Math.max(jitter, 0), 0.999);
  return { retry: true, delaySeconds: Math.round(base * (0.8 + 0.4 * j)) };
};
