import type { KnowledgeBase, LocalText } from "../../domain/kb/schema.js";

/** Names for codes, from the KB first and the service catalogue for items the KB has not written up yet. */

export type CatalogueNames = (code: string) => LocalText | undefined;

export const itemName = (kb: KnowledgeBase, names: CatalogueNames, code: string): LocalText =>
  kb.items.find((i) => i.code === code)?.name ?? names(code) ?? { zh: code, en: code };

export const isKnownItem = (kb: KnowledgeBase, names: CatalogueNames, code: string): boolean =>
  kb.items.some((i) => i.code === code) || names(code) !== undefined;
