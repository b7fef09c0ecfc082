import type { Hall } from "../../kb/schema.js";
import type { Entity } from "../types.js";
import { buildMatcher } from "../replacer.js";

/**
 * Districts and halls named in the KB. Callers drop suffixes (海曙 for 海曙区) and say a hall's
 * short name, so each gets a few forms; longest match wins, so a hall's full name is not also
 * reported as its district.
 */
export type PlaceFinder = (text: string) => Entity[];

export function buildPlaceFinder(halls: Hall[]): PlaceFinder {
  const entries: Array<[string, Entity]> = [];
  const seen = new Set<string>();
  const add = (form: string, entity: Entity) => {
    if (form.length < 2 || seen.has(form)) return;
    seen.add(form);
    entries.push([form, entity]);
  };
  for (const hall of halls) {
    add(hall.name.zh, { type: "hall", value: hall.code });
    const short = hall.name.zh.replace(/^.*?[市区县]/, "");
    if (short !== hall.name.zh && short.length >= 4) add(short, { type: "hall", value: hall.code });
  }
  for (const hall of halls) {
    const district = hall.district.zh;
    add(district, { type: "district", value: district });
    const bare = district.replace(/(新区|区|县|市)$/, "");
    if (bare.length >= 2) add(bare, { type: "district", value: district });
  }
  const match = buildMatcher(entries);
  return (text) => {
    const out: Entity[] = [];
    for (const m of match(text)) {
      if (!out.some((e) => e.type === m.value.type && e.value === m.value.value)) out.push({ ...m.value, text: m.text });
    }
    return out;
  };
}
