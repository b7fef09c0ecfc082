import type { AppContext } from "../compose.js";
import { voiceRoutes } from "../http/routes/voice.js";

/**
 * The telephony channels: Twilio and jambonz webhooks. They hold no state of their own; every
 * turn goes through the dialogue use case the voice-core area provides (ctx.services.dialogue).
 */
export const startVoiceArea = async (ctx: AppContext): Promise<void> => {
  const unsigned = [
    ...(ctx.config.TWILIO_AUTH_TOKEN ? [] : ["Twilio (set TWILIO_AUTH_TOKEN)"]),
    ...(ctx.config.JAMBONZ_WEBHOOK_SECRET ? [] : ["jambonz (set JAMBONZ_WEBHOOK_SECRET)"]),
  ];
  // Behind a reverse proxy on the same host every request looks local; production must sign.
  if (unsigned.length && ctx.config.NODE_ENV === "production")
    ctx.log.warn({ unsigned }, "voice webhooks without a signing secret accept requests from loopback only");
  ctx.routePlugins.push(voiceRoutes);
};
