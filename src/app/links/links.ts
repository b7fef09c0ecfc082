import type { Clock } from "../clock.js";
import { AppError } from "../errors.js";
import { LINK_KINDS, type LinkKind, type LinkStore, type ShortLink } from "./ports.js";

/**
 * Short links to citizen pages: /s/<token>. The token is random (96 bits) and says nothing about
 * the citizen; what the page shows is looked up by the token, and it stops working after its
 * time. Links in messages about a dated thing (an appointment) should not outlive it by much.
 */

export const DEFAULT_LINK_DAYS = 30;
const TOKEN = /^[A-Za-z0-9_-]{12,64}$/;

export interface CreateLinkOptions {
  locale?: "zh" | "en";
  facts?: ShortLink["facts"];
  /** defaults to 30 days */
  ttlDays?: number;
  expiresAt?: Date;
}

export interface LinksDeps {
  store: LinkStore;
  clock: Clock;
  newToken: () => string;
  publicUrl: string;
}

export type LinkLookup = { ok: true; link: ShortLink } | { ok: false; reason: "not-found" | "expired" };

export const createLinks = (deps: LinksDeps) => {
  const urlFor = (token: string) => `${deps.publicUrl}/s/${token}`;
  const service = {
    urlFor,
    /** Creates a link through `store` (a transaction's, when the cause is saved with it). */
    async createWith(
      store: LinkStore,
      kind: LinkKind,
      target: string,
      citizenId?: string | null,
      opts: CreateLinkOptions = {},
    ) {
      if (!LINK_KINDS.includes(kind)) throw new AppError("bad-request", `Unknown link kind "${kind}".`);
      if (!target || target.length > 100) throw new AppError("bad-request", "A link needs a target code or id.");
      // A personal page (an application, an appointment) is only ever shown to its own citizen.
      if ((kind === "appointment" || kind === "application") && !citizenId)
        throw new AppError("bad-request", `A link to an ${kind} must name the citizen it belongs to.`);
      const now = deps.clock.now();
      const expiresAt = opts.expiresAt ?? new Date(now.getTime() + (opts.ttlDays ?? DEFAULT_LINK_DAYS) * 86_400_000);
      if (expiresAt <= now) throw new AppError("bad-request", "A link must expire in the future.");
      const token = deps.newToken();
      await store.insert({
        token,
        kind,
        target,
        citizenId: citizenId ?? null,
        locale: opts.locale ?? null,
        facts: opts.facts ?? {},
        createdAt: now,
        expiresAt,
      });
      return { token, url: urlFor(token), expiresAt };
    },
    create(kind: LinkKind, target: string, citizenId?: string | null, opts: CreateLinkOptions = {}) {
      return service.createWith(deps.store, kind, target, citizenId, opts);
    },
    async resolve(token: string): Promise<LinkLookup> {
      if (!TOKEN.test(token)) return { ok: false, reason: "not-found" };
      const link = await deps.store.get(token);
      if (!link) return { ok: false, reason: "not-found" };
      if (link.expiresAt <= deps.clock.now()) return { ok: false, reason: "expired" };
      await deps.store.touch(token, deps.clock.now());
      return { ok: true, link };
    },
  };
  return service;
};

export type Links = ReturnType<typeof createLinks>;
