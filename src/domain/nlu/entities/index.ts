import type { ConceptHit } from "../concepts.js";
import type { Entity } from "../types.js";
import { findAges } from "./age.js";
import { findDates, findTimes } from "./dates.js";
import { findIdNumbers } from "./id-number.js";
import { findPhones } from "./phone.js";
import type { PlaceFinder } from "./places.js";

/**
 * All entities of one utterance, in a stable order: numbers first (what the dialogue must confirm),
 * then when, who, what and where. Documents, persons and situations come from the concept matcher the
 * classifier already ran, so the text is scanned for them only once.
 */
export function extractEntities(
  text: string,
  today: string,
  concepts: ConceptHit[],
  findPlaces: PlaceFinder,
): Entity[] {
  const entities: Entity[] = [...findIdNumbers(text), ...findPhones(text)];
  // Digits of an ID or phone are not dates or ages.
  const masked = text.replace(/\d{11,}X?/g, (m) => "#".repeat(m.length));
  entities.push(...findDates(masked, today).map((f) => f.entity));
  entities.push(...findTimes(masked).map((f) => f.entity));
  entities.push(...findAges(masked));

  const persons = concepts.filter((c) => c.kind === "person");
  // A newborn is also a child; the more specific word is the useful one.
  const hasNewborn = persons.some((p) => p.value === "newborn");
  const others = persons.filter((p) => p.value !== "self" && !(hasNewborn && p.value === "child"));
  // The person concerned: a named relative wins over the speaker; 我 alone means the caller.
  const chosen =
    others.length > 0
      ? others
      : persons.length > 0
        ? persons
        : /我|俺|本人|自己/.test(text)
          ? [{ value: "self", text: "我" }]
          : [];
  for (const p of chosen) pushUnique(entities, { type: "person", value: p.value, text: p.text });
  for (const c of concepts) {
    if (c.kind === "document") pushUnique(entities, { type: "document", value: c.value, text: c.text });
    else if (c.kind === "situation" && !c.negated)
      pushUnique(entities, { type: "situation", value: c.value, text: c.text });
  }
  for (const place of findPlaces(text)) pushUnique(entities, place);
  return entities;
}

function pushUnique(list: Entity[], e: Entity): void {
  if (!list.some((x) => x.type === e.type && x.value === e.value)) list.push(e);
}
