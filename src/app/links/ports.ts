import type { CitizenFacts } from "../../domain/applications/conditions.js";

export const LINK_KINDS = ["item", "event", "hall", "appointment", "application"] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

export interface ShortLink {
  token: string;
  kind: LinkKind;
  /** an item, event or hall code, or an appointment or application id */
  target: string;
  citizenId: string | null;
  locale: "zh" | "en" | null;
  /** what the sender knew about the citizen's situation, for tailoring the page */
  facts: Pick<CitizenFacts, "situations" | "flags" | "notFlags">;
  createdAt: Date;
  expiresAt: Date;
  openedCount: number;
}

export interface LinkStore {
  insert(l: Omit<ShortLink, "openedCount">): Promise<void>;
  get(token: string): Promise<ShortLink | undefined>;
  touch(token: string, at: Date): Promise<void>;
}
