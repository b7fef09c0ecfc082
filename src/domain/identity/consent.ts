/**
 * Consents are a history, not a flag: each grant or withdrawal is kept with its purpose, time and
 * channel, and the latest one for a purpose is what holds.
 */

export const CONSENT_PURPOSES = [
  "sms-notifications", // progress and pickup SMS beyond what the law requires
  "voice-notifications", // outbound calls
  "proactive-reminders", // renewal reminders (expiring documents)
  "call-recording",
  "share-with-departments", // passing the case to the handling department
] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

export interface ConsentRecord {
  purpose: ConsentPurpose;
  granted: boolean;
  recordedAt: Date;
  channel: string;
}

export const currentConsent = (records: ConsentRecord[], purpose: ConsentPurpose): ConsentRecord | undefined =>
  records.filter((r) => r.purpose === purpose).sort((a, b) => b.recordedAt.getTime() - a.recordedAt.getTime())[0];

export const hasConsent = (records: ConsentRecord[], purpose: ConsentPurpose): boolean =>
  currentConsent(records, purpose)?.granted === true;

/** Per purpose, what holds now. */
export const consentState = (
  records: ConsentRecord[],
): Partial<Record<ConsentPurpose, { granted: boolean; at: Date; channel: string }>> =>
  Object.fromEntries(
    CONSENT_PURPOSES.flatMap((p) => {
      const c = currentConsent(records, p);
      return c ? [[p, { granted: c.granted, at: c.recordedAt, channel: c.channel }]] : [];
    }),
  );
