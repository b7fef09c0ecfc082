import { validateNluLexicon } from "../nlu/model.js";
import type { Catalogue } from "./catalog.js";
import type { KnowledgeBase } from "./schema.js";

/**
 * Cross-reference checks the per-file schemas cannot make: every code known to the catalogue,
 * halls and items pointing at each other, templates declaring their placeholders.
 */

export interface KbProblem {
  file: string;
  path: string;
  message: string;
}

export interface KbCheck {
  errors: KbProblem[];
  /** catalogue entries the KB does not describe yet */
  warnings: KbProblem[];
}

export const checkKb = (kb: KnowledgeBase, catalogue: Catalogue, fileOf: (key: string) => string): KbCheck => {
  const errors: KbProblem[] = [];
  const warnings: KbProblem[] = [];
  const err = (key: string, path: string, message: string) => errors.push({ file: fileOf(key), path, message });

  const itemCodes = new Set(catalogue.items.map((i) => i.code));
  const eventCodes = new Set(catalogue.events.map((e) => e.code));
  const intentCodes = new Set(catalogue.intents.map((i) => i.code));
  const departments = new Set(catalogue.departments.map((d) => d.code));
  const hallCodes = new Set(kb.halls.map((h) => h.code));

  duplicates(kb.items.map((i) => i.code)).forEach((c) => err(`item:${c}`, "code", `duplicate item ${c}`));
  duplicates(kb.halls.map((h) => h.code)).forEach((c) => err(`hall:${c}`, "code", `duplicate hall ${c}`));
  duplicates(kb.templates.map((t) => t.id)).forEach((c) => err(`template:${c}`, "id", `duplicate template ${c}`));

  for (const item of kb.items) {
    const key = `item:${item.code}`;
    const cat = catalogue.items.find((i) => i.code === item.code);
    if (!cat) err(key, "code", `"${item.code}" is not a service item in the catalogue`);
    else if (cat.department !== item.department)
      err(key, "department", `catalogue says department "${cat.department}", file says "${item.department}"`);
    if (!departments.has(item.department)) err(key, "department", `unknown department "${item.department}"`);
    item.halls.forEach((h, i) => {
      if (!hallCodes.has(h)) err(key, `halls.${i}`, `unknown hall "${h}"`);
    });
    duplicates(item.materials.map((m) => m.id)).forEach((id) => err(key, "materials", `duplicate material id "${id}"`));
  }

  for (const ev of kb.events) {
    const key = `event:${ev.code}`;
    if (!eventCodes.has(ev.code)) err(key, "code", `"${ev.code}" is not a life event in the catalogue`);
    const stepItems = new Set(ev.steps.map((s) => s.item));
    ev.steps.forEach((s, i) => {
      if (!itemCodes.has(s.item)) err(key, `steps.${i}.item`, `unknown service item "${s.item}"`);
      s.dependsOn.forEach((d, j) => {
        if (!stepItems.has(d)) err(key, `steps.${i}.dependsOn.${j}`, `"${d}" is not a step of this event`);
      });
    });
    if (hasCycle(ev.steps)) err(key, "steps", "step dependencies form a cycle");
  }

  for (const hall of kb.halls) {
    const key = `hall:${hall.code}`;
    hall.items.forEach((c, i) => {
      if (!itemCodes.has(c)) err(key, `items.${i}`, `unknown service item "${c}"`);
    });
    hall.departments.forEach((d, i) => {
      if (!departments.has(d)) err(key, `departments.${i}`, `unknown department "${d}"`);
    });
    Object.keys(hall.appointments.capacityPerSlot).forEach((c) => {
      if (!itemCodes.has(c)) err(key, `appointments.capacityPerSlot.${c}`, `unknown service item "${c}"`);
    });
  }

  for (const t of kb.templates) {
    for (const locale of ["zh", "en"] as const) {
      for (const m of t.text[locale].matchAll(/\{([a-zA-Z0-9]+)\}/g)) {
        if (!t.variables.includes(m[1]!))
          err(`template:${t.id}`, `text.${locale}`, `placeholder {${m[1]}} is not listed in variables`);
      }
    }
  }

  for (const intent of kb.intents) {
    if (!intentCodes.has(intent.code) && !itemCodes.has(intent.code) && !eventCodes.has(intent.code))
      err(`intent:${intent.code}`, "code", `"${intent.code}" is not in the catalogue`);
  }

  // The NLU lexicon is checked here too, so a broken kb/lexicon file is refused at validate and
  // publish time rather than when the model is retrained.
  for (const issue of validateNluLexicon(kb.lexicon))
    errors.push({ file: issue.file.startsWith("kb/") ? issue.file : `kb/lexicon/${issue.file}`, path: issue.path, message: issue.message });

  const described = new Set([...kb.items.map((i) => i.code), ...kb.events.map((e) => e.code)]);
  for (const code of [...itemCodes, ...eventCodes]) {
    if (!described.has(code)) warnings.push({ file: "kb/", path: code, message: `no KB entry for catalogue code ${code}` });
  }
  return { errors, warnings };
};

const duplicates = (xs: string[]) => [...new Set(xs.filter((x, i) => xs.indexOf(x) !== i))];

const hasCycle = (steps: { item: string; dependsOn: string[] }[]): boolean => {
  const deps = new Map(steps.map((s) => [s.item, s.dependsOn]));
  const state = new Map<string, 1 | 2>();
  const visit = (n: string): boolean => {
    if (state.get(n) === 2) return false;
    if (state.get(n) === 1) return true;
    state.set(n, 1);
    const cyclic = (deps.get(n) ?? []).some(visit);
    state.set(n, 2);
    return cyclic;
  };
  return steps.some((s) => visit(s.item));
};
