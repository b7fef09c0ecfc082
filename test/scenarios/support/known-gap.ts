import { it } from "vitest";

/**
 * A behaviour the issue asks for that another part (NLU, engine, an area's wiring) does not have
 * yet. The scenario still runs in full and is expected to fail; the day it passes, vitest reports
 * it as a failure, which is the signal to delete this marker. Each use names what is missing.
 */
export const knownGap = (name: string, missing: string, fn: () => Promise<void>) =>
  it.fails(`${name} — known gap: ${missing}`, fn);
