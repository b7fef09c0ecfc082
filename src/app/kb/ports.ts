import type { SearchDoc } from "../../domain/kb/search-docs.js";
import type { KnowledgeBase } from "../../domain/kb/schema.js";

/** What the KB use cases need from storage. */

export interface KbVersionInfo {
  number: number;
  createdBy: string;
  createdAt: Date;
  publishedBy: string;
  publishedAt: Date;
  note: string;
  contentHash: string;
}

export interface KbDraft {
  id: number;
  content: KnowledgeBase;
  contentHash: string;
  createdBy: string;
  note: string;
}

export interface KbSearchHit {
  kind: SearchDoc["kind"];
  code: string;
  title: string;
  snippet: string;
  score: number;
}

export interface KbStore {
  /** Creates the draft, or replaces the open draft's content. */
  saveDraft(content: KnowledgeBase, contentHash: string, by: string, note: string): Promise<KbDraft>;
  getDraft(): Promise<KbDraft | undefined>;
  /** Freezes the open draft as the next numbered version, with its search rows, in one transaction. */
  publishDraft(by: string, note: string, docs: SearchDoc[], segment: (s: string) => string): Promise<KbVersionInfo>;
  latestNumber(): Promise<number | undefined>;
  getPublished(number: number): Promise<{ info: KbVersionInfo; content: KnowledgeBase } | undefined>;
  history(): Promise<KbVersionInfo[]>;
  search(version: number, tsQuery: string | undefined, query: string, limit: number): Promise<KbSearchHit[]>;
}
