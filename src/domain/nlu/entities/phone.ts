import type { Entity } from "../types.js";

/** Mainland mobile numbers: 11 digits, 1 then 3–9. Other 11-digit runs starting with 1 are reported as invalid. */
const CANDIDATE = /(?<![\dA-Za-z])(?:\+?86)?(1\d{10})(?![\dA-Za-z])/g;

export function isMainlandMobile(n: string): boolean {
  return /^1[3-9]\d{9}$/.test(n);
}

export function findPhones(text: string): Entity[] {
  const out: Entity[] = [];
  for (const m of text.matchAll(CANDIDATE)) {
    const value = m[1]!;
    out.push({ type: "phone", value, text: m[0], valid: isMainlandMobile(value) });
  }
  return out;
}
