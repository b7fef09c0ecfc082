import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { formatProblems, loadKbDir } from "../src/adapters/kb/load-kb-dir.js";
import { City, Hall, IntentEntry, KnowledgeBase, LifeEvent, ServiceItem } from "../src/domain/kb/schema.js";

/**
 * The KB for the benchmark. The strict loader first; while colleagues are still writing kb/ and
 * some file does not validate yet, a lenient pass keeps every file that does, and says which it skipped,
 * so the NLU can be measured on whatever exists.
 */
export async function loadKbForBench(dir: string): Promise<{ kb: KnowledgeBase; notes: string[] }> {
  const strict = await loadKbDir(dir);
  if (strict.ok) return { kb: strict.kb, notes: [] };
  const notes = [
    `strict KB load failed (${strict.errors.length} problems); using every file that validates:`,
    formatProblems(strict.errors.slice(0, 8)),
  ];
  const each = <T>(
    sub: string,
    schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
  ): T[] => {
    const d = path.join(dir, sub);
    if (!existsSync(d)) return [];
    return readdirSync(d)
      .filter((f) => /\.ya?ml$/.test(f))
      .sort()
      .flatMap((f) => {
        try {
          const r = schema.safeParse(parse(readFileSync(path.join(d, f), "utf8")));
          if (r.success) return [r.data];
        } catch {
          /* reported below */
        }
        notes.push(`  skipped ${sub}/${f}`);
        return [];
      });
  };
  const lexicon: Record<string, unknown> = {};
  const lexDir = path.join(dir, "lexicon");
  if (existsSync(lexDir)) {
    for (const f of readdirSync(lexDir).filter((x) => /\.ya?ml$/.test(x)))
      lexicon[f.replace(/\.ya?ml$/, "")] = parse(readFileSync(path.join(lexDir, f), "utf8"));
  }
  const kb = KnowledgeBase.parse({
    city: City.parse(parse(readFileSync(path.join(dir, "city.yaml"), "utf8"))),
    items: each("items", ServiceItem),
    events: each("events", LifeEvent),
    halls: each("halls", Hall),
    intents: each("intents", IntentEntry),
    templates: [],
    calendar: [],
    lexicon,
  });
  return { kb, notes };
}
