import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";
import type { z } from "zod";
import { Catalogue } from "../../domain/kb/catalog.js";
import {
  CalendarYear, City, Hall, IntentEntry, KnowledgeBase, LifeEvent, ServiceItem, Template,
} from "../../domain/kb/schema.js";
import { checkKb, type KbProblem } from "../../domain/kb/validate.js";

/**
 * Reads kb/ (one YAML file per entity) into a validated KnowledgeBase. Every problem names the
 * file, the field and the reason; a KB with any error is not returned at all, so the caller keeps
 * serving its last good version.
 */

export type LoadResult =
  | { ok: true; kb: KnowledgeBase; warnings: KbProblem[]; files: number }
  | { ok: false; errors: KbProblem[]; warnings: KbProblem[] };

export const CATALOGUE_PATH = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../../catalog/service-catalog.json",
);

export const loadCatalogue = (file = CATALOGUE_PATH): Catalogue =>
  Catalogue.parse(JSON.parse(readFileSync(file, "utf8")));

const yamlFiles = (dir: string): string[] =>
  existsSync(dir) ? readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => path.join(dir, f)) : [];

export const loadKbDir = async (dir: string, catalogue = loadCatalogue()): Promise<LoadResult> => {
  const errors: KbProblem[] = [];
  const fileByKey = new Map<string, string>();
  const rel = (f: string) => path.relative(process.cwd(), f) || f;
  let files = 0;

  const read = <S extends z.ZodType>(file: string, schema: S): z.infer<S> | undefined => {
    files++;
    let raw: unknown;
    try {
      raw = parseYaml(readFileSync(file, "utf8"), { uniqueKeys: true });
    } catch (e) {
      errors.push({ file: rel(file), path: "", message: `not valid YAML: ${(e as Error).message.split("\n")[0]}` });
      return undefined;
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        errors.push({ file: rel(file), path: issue.path.join(".") || "(root)", message: issue.message });
      return undefined;
    }
    return parsed.data;
  };

  const each = <S extends z.ZodType>(sub: string, schema: S, key: (v: z.infer<S>) => string, expectName = true) =>
    yamlFiles(path.join(dir, sub)).flatMap((file) => {
      const v = read(file, schema);
      if (v === undefined) return [];
      const k = key(v);
      fileByKey.set(k, rel(file));
      const code = k.split(":")[1];
      if (expectName && path.basename(file).replace(/\.ya?ml$/, "") !== code)
        errors.push({ file: rel(file), path: "code", message: `file name must be ${code}.yaml` });
      return [v];
    });

  const cityFile = path.join(dir, "city.yaml");
  const city = existsSync(cityFile) ? read(cityFile, City) : undefined;
  if (!existsSync(cityFile)) errors.push({ file: rel(cityFile), path: "", message: "missing city.yaml" });

  const items = each("items", ServiceItem, (v) => `item:${v.code}`);
  const events = each("events", LifeEvent, (v) => `event:${v.code}`);
  const halls = each("halls", Hall, (v) => `hall:${v.code}`);
  const intents = each("intents", IntentEntry, (v) => `intent:${v.code}`);
  const calendar = each("calendar", CalendarYear, (v) => `calendar:${v.year}`);
  const templates = yamlFiles(path.join(dir, "templates")).flatMap((file) => {
    const list = read(file, Template.array()) ?? [];
    list.forEach((t) => fileByKey.set(`template:${t.id}`, rel(file)));
    return list;
  });
  const lexicon: Record<string, unknown> = {};
  for (const file of yamlFiles(path.join(dir, "lexicon"))) {
    files++;
    try {
      lexicon[path.basename(file).replace(/\.ya?ml$/, "")] = parseYaml(readFileSync(file, "utf8"), { uniqueKeys: true });
    } catch (e) {
      errors.push({ file: rel(file), path: "", message: `not valid YAML: ${(e as Error).message.split("\n")[0]}` });
    }
  }

  if (errors.length > 0 || !city) return { ok: false, errors, warnings: [] };
  const kb = KnowledgeBase.parse({ city, items, events, halls, templates, intents, calendar, lexicon });
  const check = checkKb(kb, catalogue, (k) => fileByKey.get(k) ?? k);
  if (check.errors.length > 0) return { ok: false, errors: check.errors, warnings: check.warnings };
  return { ok: true, kb, warnings: check.warnings, files };
};

export const formatProblems = (problems: KbProblem[]): string =>
  problems.map((p) => `${p.file}${p.path ? ` → ${p.path}` : ""}: ${p.message}`).join("\n");
