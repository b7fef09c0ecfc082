import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Jambonz-Signature: `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`, as the
 * feature server writes it (base-requestor.js). The body must be the exact bytes received, hence
 * the raw-body parser on the jambonz routes. Old timestamps are refused so a captured request
 * cannot be replayed later.
 */

export const JAMBONZ_TOLERANCE_SECONDS = 300;

export const jambonzSignature = (secret: string, timestamp: number, rawBody: string): string =>
  createHmac("sha256", secret).update(`${timestamp}.${rawBody}`, "utf8").digest("hex");

export const jambonzSignatureHeader = (secret: string, timestamp: number, rawBody: string): string =>
  `t=${timestamp},v1=${jambonzSignature(secret, timestamp, rawBody)}`;

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

export const verifyJambonzSignature = (
  secret: string,
  header: string | string[] | undefined,
  rawBody: string,
  nowSeconds: number,
  toleranceSeconds = JAMBONZ_TOLERANCE_SECONDS,
): SignatureCheck => {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return { ok: false, reason: "missing Jambonz-Signature header" };
  let t: number | undefined;
  const v1: string[] = [];
  for (const part of value.split(",")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    const val = part.slice(eq + 1).trim();
    if (key === "t" && /^\d{1,12}$/.test(val)) t = Number(val);
    else if (key === "v1" && /^[0-9a-f]{64}$/i.test(val)) v1.push(val.toLowerCase());
  }
  if (t === undefined || v1.length === 0) return { ok: false, reason: "malformed Jambonz-Signature header" };
  if (Math.abs(nowSeconds - t) > toleranceSeconds) return { ok: false, reason: "stale Jambonz-Signature timestamp" };
  const expected = Buffer.from(jambonzSignature(secret, t, rawBody), "hex");
  const match = v1.some((s) => {
    const given = Buffer.from(s, "hex");
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  return match ? { ok: true } : { ok: false, reason: "Jambonz-Signature does not match" };
};
