import type { Entity } from "../types.js";
import { CN_NUMBER, parseCnNumber } from "./cn-number.js";

/**
 * Ages in years: 16岁, 满十六周岁, 七十多岁 (the lower bound is kept: rules speak of "at least").
 * A baby's age in months (三个月大) is age 0.
 */
const YEARS = new RegExp(`(?:满|年满|今年)?(\\d{1,3}|${CN_NUMBER})(多|来)?(?:周岁|岁)`, "g");
const MONTHS = new RegExp(`(\\d{1,2}|${CN_NUMBER})(?:个)?月大`, "g");

export function findAges(text: string): Entity[] {
  const out: Entity[] = [];
  for (const m of text.matchAll(YEARS)) {
    const n = parseCnNumber(m[1]!);
    if (n === null || n > 130) continue;
    out.push({ type: "age", value: String(n), text: m[0] });
  }
  for (const m of text.matchAll(MONTHS)) {
    const n = parseCnNumber(m[1]!);
    if (n !== null && n < 24) out.push({ type: "age", value: String(Math.floor(n / 12)), text: m[0] });
  }
  return out;
}
