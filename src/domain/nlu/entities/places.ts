import type { Hall } from "../../kb/schema.js";
import type { Entity } from "../types.js";
import { buildMatcher } from "../replacer.js";

/**
 * Districts and halls named in the KB, by full name, by the name without its district suffix
 * (南湖 for 南湖区) and by the aliases of kb/lexicon/places.yaml (车管所, 东区大厅). A hall's short
 * name is only used when no other hall shares it (东城区政务服务中心 and 西城区政务服务中心 must not
 * both answer to 政务服务中心). Longest match wins, so a hall's name is not also read as its district.
 */
export type PlaceFinder = (text: string) => Entity[];

const GENERIC = new Set(["中心", "城区", "新区", "市区", "服务中心", "政务服务中心", "便民服务中心"]);

export function buildPlaceFinder(halls: Hall[], aliases: Record<string, string> = {}): PlaceFinder {
  const byForm = new Map<string, Entity | null>();
  const add = (form: string, entity: Entity) => {
    if (form.length < 2 || GENERIC.has(form)) return;
    const existing = byForm.get(form);
    // Two different places claiming the same form: neither gets it.
    if (existing === undefined) byForm.set(form, entity);
    else if (existing && (existing.type !== entity.type || existing.value !== entity.value)) byForm.set(form, null);
  };
  const byName = new Map<string, Entity>();
  for (const hall of halls) {
    const entity: Entity = { type: "hall", value: hall.code };
    byName.set(hall.name.zh, entity);
    add(hall.name.zh, entity);
    const short = hall.name.zh.replace(/^.*?[市区县]/, "");
    if (short !== hall.name.zh && short.length >= 3) add(short, entity);
  }
  for (const hall of halls) {
    const district = hall.district.zh;
    const entity: Entity = { type: "district", value: district };
    byName.set(district, entity);
    add(district, entity);
    add(district.replace(/(新区|区|县|市)$/, ""), entity);
  }
  for (const [alias, target] of Object.entries(aliases)) {
    const entity = byName.get(target);
    if (entity) add(alias, entity);
  }
  const entries = [...byForm].filter((e): e is [string, Entity] => e[1] !== null);
  const match = buildMatcher(entries);
  return (text) => {
    const out: Entity[] = [];
    for (const m of match(text)) {
      if (!out.some((e) => e.type === m.value.type && e.value === m.value.value))
        out.push({ ...m.value, text: m.text });
    }
    return out;
  };
}
