import { startNluArea } from "./areas/nlu.js";
import type { AppContext } from "./compose.js";

/**
 * Each area (identity, journey, nlu, voice, …) wires its stores, use cases, routes and workers
 * into the context in src/areas/<area>.ts; this list fixes the order (later areas may use the
 * services of earlier ones). One line per area.
 */
export const startAreas = async (ctx: AppContext): Promise<void> => {
  // areas: one `await startXArea(ctx);` line each, in dependency order
  await startNluArea(ctx);
  await (await import("./areas/identity.js")).startIdentityArea(ctx); // identity: citizens, verification, appointments
  await (await import("./areas/journey.js")).startJourneyArea(ctx); // journey: applications, queues, notifications, /s/ pages
  await (await import("./areas/voice-core.js")).startVoiceCoreArea(ctx); // voice-core: dialogue engine and handleTurn
  await (await import("./areas/voice.js")).startVoiceArea(ctx); // voice: keep last
};
