import type { ApplicationStatus } from "./states.js";

/**
 * Which status changes a citizen hears about, and with which KB template. Acceptance happens at
 * the counter (the citizen holds the receipt) and intermediate steps (审核, 制证) are not worth a
 * message; the citizen can ask the hotline or open their link. What needs them to act is sent:
 * ready for pickup, returned for correction, not accepted.
 */

export type NotifyChannel = "sms" | "voice";

export interface StatusNotice {
  template: string;
  channel: NotifyChannel;
}

export const noticesForStatus = (to: ApplicationStatus, channels: NotifyChannel[]): StatusNotice[] => {
  const sms = (template: string): StatusNotice[] => (channels.includes("sms") ? [{ template, channel: "sms" }] : []);
  switch (to) {
    case "ready":
      return [
        ...sms("sms.certificate-ready"),
        ...(channels.includes("voice") ? [{ template: "voice.certificate-ready", channel: "voice" as const }] : []),
      ];
    case "returned":
      return sms("sms.returned-for-correction");
    case "rejected":
      return sms("sms.application-status");
    default:
      return [];
  }
};
