import type { Condition, Material, Situation } from "../kb/schema.js";

/**
 * The KB writes when a material (or a life-event step) is needed as a machine-checkable
 * condition. What we know about a citizen is often partial, so a condition is true, false or
 * unknown — and an unknown one is shown as "if this applies to you", never silently dropped.
 */

export interface CitizenFacts {
  /** completed years, when the birth date is known */
  age?: number;
  /** the situations the citizen told us (lost, expired, …); undefined = not asked */
  situations?: Situation[];
  /** facts known to hold (e.g. agent-applies, married) */
  flags?: string[];
  /** facts known not to hold */
  notFlags?: string[];
}

export type Truth = true | false | "unknown";

const all = (parts: Truth[]): Truth => (parts.includes(false) ? false : parts.includes("unknown") ? "unknown" : true);

export const evaluateCondition = (c: Condition | undefined, f: CitizenFacts): Truth => {
  if (!c) return true;
  const parts: Truth[] = [];
  if (c.ageUnder !== undefined) parts.push(f.age === undefined ? "unknown" : f.age < c.ageUnder);
  if (c.ageAtLeast !== undefined) parts.push(f.age === undefined ? "unknown" : f.age >= c.ageAtLeast);
  if (c.situations)
    parts.push(f.situations === undefined ? "unknown" : c.situations.some((s) => f.situations!.includes(s)));
  if (c.notSituations)
    parts.push(f.situations === undefined ? "unknown" : !c.notSituations.some((s) => f.situations!.includes(s)));
  for (const flag of c.flags ?? [])
    parts.push(f.flags?.includes(flag) ? true : f.notFlags?.includes(flag) ? false : "unknown");
  return all(parts);
};

export interface TailoredChecklist {
  /** needed by this citizen */
  needed: Material[];
  /** needed only if a condition we cannot check holds; show with its whenText */
  conditional: Material[];
  /** not needed by this citizen (kept so an agent can explain why) */
  omitted: Material[];
}

export const tailorChecklist = (materials: Material[], facts: CitizenFacts): TailoredChecklist => {
  const out: TailoredChecklist = { needed: [], conditional: [], omitted: [] };
  for (const m of materials) {
    const t = evaluateCondition(m.when, facts);
    (t === true ? out.needed : t === false ? out.omitted : out.conditional).push(m);
  }
  return out;
};
