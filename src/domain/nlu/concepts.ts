import type { ConceptLexicon } from "./lexicon.js";
import { buildMatcher } from "./replacer.js";

/**
 * Documents, persons, situations and classifier cues found in normalised text. One matcher over all
 * surface forms, longest first, so 我爸 is a parent rather than 我 (self) followed by 爸.
 */
export type ConceptKind = "document" | "person" | "situation" | "cue";

export interface ConceptHit {
  kind: ConceptKind;
  value: string;
  text: string;
  start: number;
  end: number;
  /** true when a negation right before it cancels it (没丢, 不是第一次) */
  negated: boolean;
}

export type ConceptFinder = (text: string) => ConceptHit[];

const NEGATION_BEFORE = /(?:不是|没有|没|不)$/;

export function buildConceptFinder(lex: ConceptLexicon): ConceptFinder {
  const entries: Array<[string, { kind: ConceptKind; value: string }]> = [];
  const add = (kind: ConceptKind, table: Record<string, string[]>) => {
    for (const [value, forms] of Object.entries(table)) for (const form of forms) entries.push([form, { kind, value }]);
  };
  add("document", lex.documents);
  add("person", lex.persons);
  add("situation", lex.situations);
  add("cue", lex.cues);
  const match = buildMatcher(entries);
  return (text) =>
    match(text).map((m) => ({
      kind: m.value.kind,
      value: m.value.value,
      text: m.text,
      start: m.start,
      end: m.end,
      negated: m.value.kind === "situation" && NEGATION_BEFORE.test(text.slice(Math.max(0, m.start - 2), m.start)),
    }));
}

/** "document:passport" — how rules and features name a concept. */
export function conceptKey(hit: Pick<ConceptHit, "kind" | "value">): string {
  return `${hit.kind}:${hit.value}`;
}
