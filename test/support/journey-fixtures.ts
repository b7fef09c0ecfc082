import path from "node:path";
import { loadKbDir } from "../../src/adapters/kb/load-kb-dir.js";
import { createApplicationStore, createSqlRecipientDirectory } from "../../src/adapters/storage/application-store.js";
import type { Db } from "../../src/adapters/storage/database.js";
import { createLinkStore, newLinkToken } from "../../src/adapters/storage/link-store.js";
import { createOutboxStore } from "../../src/adapters/storage/outbox-store.js";
import { createQueueStore } from "../../src/adapters/storage/queue-store.js";
import type { KnowledgeBase } from "../../src/domain/kb/schema.js";
import { openTestDb } from "./test-db.js";

/**
 * For the journey's use-case tests (src/app/{applications,queues,notifications}): a migrated test
 * database, the demo KB as loaded from kb/ (not published), and the real stores, so use cases run
 * against the same SQL as in production while app/ itself never imports adapters.
 */
export const openJourneyFixtures = async (): Promise<{ db: Db; kb: KnowledgeBase }> => {
  const db = await openTestDb();
  const loaded = await loadKbDir(path.resolve("kb"));
  if (!loaded.ok) throw new Error("kb/ does not load; run civicline kb validate");
  return { db, kb: loaded.kb };
};

export const stores = {
  applications: createApplicationStore,
  outbox: createOutboxStore,
  links: createLinkStore,
  queues: createQueueStore,
  recipients: createSqlRecipientDirectory,
  newLinkToken,
};

export type { Db };
