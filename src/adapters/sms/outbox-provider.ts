import type { MessageProvider } from "../../app/notifications/ports.js";

/**
 * The default provider: nothing leaves the machine. The outbox row is the record of the message
 * (GET /api/admin/outbox shows it), which is what the demo and the tests read.
 */
export const createOutboxProvider = (name = "outbox"): MessageProvider => ({
  name,
  async send(m) {
    return { ok: true, providerMessageId: `${name}:${m.id}` };
  },
});

/**
 * Outbound-call requests while no dialer is plugged in: recorded in the outbox (view
 * outbound_calls) for the voice area to render and place.
 */
export const createVoiceRequestRecorder = (): MessageProvider => createOutboxProvider("voice-outbox");
