import type { AppContext } from "../compose.js";
import { voiceRoutes } from "../http/routes/voice.js";

/**
 * The telephony channels: Twilio and jambonz webhooks. They hold no state of their own; every
 * turn goes through the dialogue use case the voice-core area provides, so it must start first.
 */
export const startVoiceArea = async (ctx: AppContext): Promise<void> => {
  ctx.routePlugins.push(voiceRoutes);
};
