import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * Encryption of personal data at rest: AES-256-GCM for values we must be able to read back (ID
 * numbers, proof references) and HMAC-SHA256 for values we only look up or compare (ID-number
 * hash, one-time codes). Separate subkeys are derived from the one configured key, so a leaked
 * lookup hash says nothing about the encryption key. The key is never logged.
 */

export interface PiiCipher {
  /** base64(iv | tag | ciphertext) */
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
  /** hex HMAC for lookups; `purpose` separates e.g. ID numbers from SMS codes */
  hash(value: string, purpose?: string): string;
}

const IV = 12;
const TAG = 16;

export const createPiiCipher = (key: Buffer): PiiCipher => {
  if (key.length !== 32) throw new Error("PII key must be 32 bytes");
  const sub = (info: string) => Buffer.from(hkdfSync("sha256", key, Buffer.alloc(0), `civicline:${info}`, 32));
  const encKey = sub("encrypt");
  const macKey = sub("lookup");
  return {
    encrypt(plain) {
      const iv = randomBytes(IV);
      const c = createCipheriv("aes-256-gcm", encKey, iv);
      const body = Buffer.concat([c.update(plain, "utf8"), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]).toString("base64");
    },
    decrypt(sealed) {
      const buf = Buffer.from(sealed, "base64");
      if (buf.length < IV + TAG) throw new Error("sealed value too short");
      const d = createDecipheriv("aes-256-gcm", encKey, buf.subarray(0, IV));
      d.setAuthTag(buf.subarray(IV, IV + TAG));
      return Buffer.concat([d.update(buf.subarray(IV + TAG)), d.final()]).toString("utf8");
    },
    hash(value, purpose = "id-number") {
      return createHmac("sha256", macKey).update(`${purpose}\u0000${value}`).digest("hex");
    },
  };
};

/** PII_KEY as 64 hex characters or base64 of 32 bytes. */
export const parsePiiKey = (text: string): Buffer => {
  const t = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, "hex") : Buffer.from(t, "base64");
  if (key.length !== 32) throw new Error("PII_KEY must be 32 bytes, as 64 hex characters or base64");
  return key;
};

/**
 * The configured key, or for the demo one generated at first start into DATA_DIR/pii.key (mode 0600)
 * and reused: losing it makes stored ID numbers unreadable, so it is never regenerated over an existing file.
 */
export const loadPiiKey = (opts: { piiKey?: string; dataDir: string; production: boolean }): Buffer => {
  if (opts.piiKey) return parsePiiKey(opts.piiKey);
  if (opts.production) throw new Error("PII_KEY must be set in production (32 bytes, hex or base64)");
  const file = path.join(opts.dataDir, "pii.key");
  if (existsSync(file)) return parsePiiKey(readFileSync(file, "utf8"));
  mkdirSync(opts.dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, key.toString("base64") + "\n", { mode: 0o600, flag: "wx" });
  chmodSync(file, 0o600);
  return key;
};
