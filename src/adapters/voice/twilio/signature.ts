import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * X-Twilio-Signature: base64(HMAC-SHA1(auth token, url + name1 + value1 + name2 + value2 …)) with
 * the POST parameter names sorted, array values de-duplicated and sorted (twilio-node
 * webhooks.ts). The URL is the one Twilio called, i.e. PUBLIC_URL + path + query, never the
 * address we happen to listen on behind a proxy.
 */

export type FormParams = Record<string, unknown>;

const values = (v: unknown): string[] => {
  if (Array.isArray(v)) return [...new Set(v.map(String))].sort();
  if (v === undefined || v === null) return [""];
  return [String(v)];
};

export const twilioSignature = (authToken: string, url: string, params: FormParams): string => {
  let data = url;
  for (const name of Object.keys(params).sort()) for (const v of values(params[name])) data += name + v;
  return createHmac("sha1", authToken).update(Buffer.from(data, "utf8")).digest("base64");
};

const safeEqual = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** Twilio may sign the URL with or without the default port; accept either, as its own helper does. */
export const urlVariants = (url: string): string[] => {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return [url];
  }
  const defaultPort = u.protocol === "https:" ? "443" : u.protocol === "http:" ? "80" : "";
  if (!defaultPort) return [url];
  if (u.port === "" || u.port === defaultPort) {
    const rest = `${u.pathname}${u.search}`;
    const auth = u.username ? `${u.username}${u.password ? `:${u.password}` : ""}@` : "";
    return [
      ...new Set([
        url,
        `${u.protocol}//${auth}${u.host}${rest}`,
        `${u.protocol}//${auth}${u.hostname}:${defaultPort}${rest}`,
      ]),
    ];
  }
  return [url];
};

export const verifyTwilioSignature = (
  authToken: string,
  url: string,
  params: FormParams,
  header: string | string[] | undefined,
): boolean => {
  const given = Array.isArray(header) ? header[0] : header;
  if (!given) return false;
  return urlVariants(url).some((u) => safeEqual(twilioSignature(authToken, u, params), given));
};
