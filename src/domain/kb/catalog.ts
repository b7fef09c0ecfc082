import { z } from "zod";

/** The canonical catalogue (catalog/service-catalog.json): codes every part of the system uses. */

const Named = z.object({ code: z.string(), name_zh: z.string(), name_en: z.string() });

export const Catalogue = z.object({
  about: z.string(),
  departments: z.array(Named),
  items: z.array(Named.extend({ department: z.string() })),
  events: z.array(Named.extend({ items: z.array(z.string()) })),
  intents: z.array(Named),
});
export type Catalogue = z.infer<typeof Catalogue>;

export const OUT_OF_SCOPE = "out-of-scope";

/** Every code an utterance can be classified as. */
export const allIntentCodes = (c: Catalogue): string[] => [
  ...c.items.map((i) => i.code),
  ...c.events.map((e) => e.code),
  ...c.intents.map((i) => i.code),
];
