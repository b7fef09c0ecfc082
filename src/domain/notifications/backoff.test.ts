import { describe, expect, it } from "vitest";
import { MAX_ATTEMPTS, retryDecision } from "./backoff.js";

describe("retry backoff", () => {
  it("waits longer after each failed attempt", () => {
    const delays = [1, 2, 3, 4, 5].map((n) => retryDecision(n, true));
    expect(delays).toEqual([30, 120, 600, 1800, 7200].map((d) => ({ retry: true, delaySeconds: d })));
  });

  it("gives up after the last attempt", () => {
    expect(MAX_ATTEMPTS).toBe(6);
    expect(retryDecision(6, true)).toEqual({ retry: false, reason: "gave up after 6 attempts" });
  });

  it("never retries a permanent failure", () => {
    expect(retryDecision(1, false)).toEqual({ retry: false, reason: "permanent failure" });
  });

  it("spreads retries by at most ±20%", () => {
    expect(retryDecision(1, true, 0)).toEqual({ retry: true, delaySeconds: 24 });
    expect(retryDecision(1, true, 0.999)).toEqual({ retry: true, delaySeconds: 36 });
    expect(retryDecision(2, true, 7)).toEqual({ retry: true, delaySeconds: 144 });
  });
});
