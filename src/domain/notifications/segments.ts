/**
 * SMS length as the carriers bill it. Chinese texts travel as UCS-2: one message holds 70
 * characters; a longer text is split into parts of 67 (each part carries a 3-character
 * concatenation header). The signature counts too. Characters, not bytes: "护照" is 2, not 6.
 */

export const SINGLE_SMS_CHARS = 70;
export const MULTIPART_SMS_CHARS = 67;

export interface SmsLength {
  /** Unicode characters (code points), signature included */
  characters: number;
  segments: number;
  /** characters left in the last part before another part is needed */
  remaining: number;
}

export const smsLength = (text: string): SmsLength => {
  const characters = [...text].length;
  if (characters === 0) return { characters, segments: 0, remaining: SINGLE_SMS_CHARS };
  if (characters <= SINGLE_SMS_CHARS) return { characters, segments: 1, remaining: SINGLE_SMS_CHARS - characters };
  const segments = Math.ceil(characters / MULTIPART_SMS_CHARS);
  return { characters, segments, remaining: segments * MULTIPART_SMS_CHARS - characters };
};
