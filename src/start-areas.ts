import type { AppContext } from "./compose.js";

/**
 * Each area (journey, voice, …) wires its stores, use cases, routes and workers into the context
 * here. Kept apart from compose.ts so areas can be added without touching the KB core.
 */
export const startAreas = async (_ctx: AppContext): Promise<void> => {
  // areas register here
};
