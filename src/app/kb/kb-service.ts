import { createHash } from "node:crypto";
import { buildSearchDocs, kbVocabulary, toTsQuery } from "../../domain/kb/search-docs.js";
import type { KnowledgeBase } from "../../domain/kb/schema.js";
import { diffValues, type FieldChange } from "../../domain/kb/diff.js";
import { AppError } from "../errors.js";
import type { KbSearchHit, KbStore, KbVersionInfo } from "./ports.js";

/**
 * The published knowledge base every channel reads. Each instance caches the current version and
 * re-checks the database at most every `refreshMs`, so a publish on one instance reaches all.
 * Anything told to a citizen carries `version` so it can be traced to the text it came from.
 */

export interface CurrentKb {
  version: number;
  kb: KnowledgeBase;
}

export interface KbServiceDeps {
  store: KbStore;
  /** builds a segmenter that knows the KB's vocabulary */
  segmenterFor: (vocabulary: string[]) => (text: string) => string[];
  now: () => number;
  refreshMs?: number;
  /** called after a new version becomes current (e.g. to retrain the NLU) */
  onVersion?: (current: CurrentKb) => void | Promise<void>;
}

// A confident reading of the query is worth about one strong title match.
const PRIOR_WEIGHT = 0.3;

export const contentHash = (kb: KnowledgeBase): string =>
  createHash("sha256").update(JSON.stringify(kb)).digest("hex");

export const createKbService = (deps: KbServiceDeps) => {
  let current: CurrentKb | undefined;
  let checkedAt = 0;
  let segment: (text: string) => string[] = deps.segmenterFor([]);

  const adopt = async (version: number) => {
    const found = await deps.store.getPublished(version);
    if (!found) throw new Error(`KB version ${version} vanished`);
    current = { version, kb: found.content };
    segment = deps.segmenterFor(kbVocabulary(found.content));
    await deps.onVersion?.(current);
  };

  const service = {
    /** The current published KB; throws `unavailable` when nothing was ever published. */
    async current(): Promise<CurrentKb> {
      if (!current || deps.now() - checkedAt > (deps.refreshMs ?? 5000)) {
        checkedAt = deps.now();
        const latest = await deps.store.latestNumber();
        if (latest !== undefined && latest !== current?.version) await adopt(latest);
      }
      if (!current) throw new AppError("unavailable", "No knowledge-base version has been published yet.");
      return current;
    },

    /** Saves kb as the draft (replacing any open draft). Returns false when it equals the current version. */
    async saveDraft(kb: KnowledgeBase, by: string, note: string): Promise<boolean> {
      const hash = contentHash(kb);
      const latest = await deps.store.latestNumber();
      if (latest !== undefined) {
        const pub = await deps.store.getPublished(latest);
        if (pub?.info.contentHash === hash) return false;
      }
      await deps.store.saveDraft(kb, hash, by, note);
      return true;
    },

    async publish(by: string, note: string): Promise<KbVersionInfo> {
      const draft = await deps.store.getDraft();
      if (!draft) throw new AppError("conflict", "There is no draft to publish.");
      const seg = deps.segmenterFor(kbVocabulary(draft.content));
      const info = await deps.store.publishDraft(by, note, buildSearchDocs(draft.content), (s) => seg(s).join(" "));
      await adopt(info.number);
      checkedAt = deps.now();
      return info;
    },

    async diff(a: number, b: number): Promise<FieldChange[]> {
      const [va, vb] = await Promise.all([deps.store.getPublished(a), deps.store.getPublished(b)]);
      if (!va) throw new AppError("not-found", `KB version ${a} does not exist.`);
      if (!vb) throw new AppError("not-found", `KB version ${b} does not exist.`);
      return diffValues(va.content, vb.content);
    },

    history: () => deps.store.history(),

    /**
     * Ranked Chinese search over the current version; FAQ hits count for their item. `prior` (code →
     * 0..1, e.g. the NLU's reading of the query) lifts the codes the query is understood to be about,
     * so "居住证怎么办理" prefers applying over replacing even though both titles share the words.
     */
    async search(query: string, limit = 10, prior?: Map<string, number>): Promise<{ version: number; hits: KbSearchHit[] }> {
      const { version } = await service.current();
      const q = query.trim().slice(0, 200);
      const raw = await deps.store.search(version, toTsQuery(segment(q)), q, limit * 4);
      const best = new Map<string, KbSearchHit>();
      for (const hit of raw) {
        const kind = hit.kind === "faq" ? (hit.code.startsWith("event.") ? "event" : "item") : hit.kind;
        const key = `${kind}:${hit.code}`;
        const prev = best.get(key);
        if (!prev) best.set(key, { ...hit, kind });
        else prev.score += hit.score * 0.25; // corroborating FAQ hits lift their item a little
      }
      for (const [code, weight] of prior ?? []) {
        const kind = code.startsWith("event.") ? "event" : "item";
        const hit = best.get(`${kind}:${code}`);
        if (hit) hit.score += PRIOR_WEIGHT * weight;
      }
      const hits = [...best.values()].sort((x, y) => y.score - x.score).slice(0, limit);
      return { version, hits };
    },
  };
  return service;
};

export type KbService = ReturnType<typeof createKbService>;
