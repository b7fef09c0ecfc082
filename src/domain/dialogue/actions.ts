/**
 * Channel-neutral actions the dialogue engine returns. Each channel adapter renders them: TwiML
 * for Twilio, verbs for jambonz, lines of text for the terminal and web chat.
 */

export type Locale = "zh" | "en";

export interface SpeechStyle {
  /** silver channel: slower speech */
  rate?: "slow" | "normal";
}

export type Action =
  | { kind: "say"; text: string; locale: Locale; style?: SpeechStyle }
  | {
      kind: "ask";
      prompt: string;
      locale: Locale;
      /** what input is expected */
      input: ("speech" | "digits")[];
      /** expected number of digits, or max digits, for keypad input */
      numDigits?: number;
      finishOnKey?: string;
      /** seconds of silence before a no-input turn */
      timeoutSeconds: number;
      /** recognition hints (words likely said) */
      hints?: string[];
      style?: SpeechStyle;
      /** the answer is personal data (ID digits, a code): never log or echo it */
      sensitive?: boolean;
    }
  | { kind: "send-sms"; templateId: string; to: "caller"; variables: Record<string, string>; idempotencyKey: string }
  | {
      kind: "handoff";
      /** agent queue, e.g. "general", "elderly", "priority", "en" */
      queue: string;
      reason: string;
      priority: "normal" | "high";
      /** opaque id of the stored context packet; no personal data in it */
      contextId: string;
    }
  | { kind: "pause-recording" }
  | { kind: "resume-recording" }
  | { kind: "end"; reason: string };

/** What a channel tells the engine happened. */
export type Turn =
  | { kind: "start" }
  | { kind: "speech"; text: string; confidence?: number }
  | { kind: "digits"; digits: string }
  | { kind: "silence" }
  | { kind: "event"; name: "hangup" | "handoff-failed" | "sms-delivered" };
