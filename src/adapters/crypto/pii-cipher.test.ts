import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createPiiCipher, loadPiiKey, parsePiiKey } from "./pii-cipher.js";

const key = Buffer.alloc(32, 7);

describe("PII cipher", () => {
  it("round-trips and never repeats a ciphertext", () => {
    const c = createPiiCipher(key);
    const a = c.encrypt("11010519491231002X");
    const b = c.encrypt("11010519491231002X");
    expect(a).not.toBe(b);
    expect(a).not.toContain("1949");
    expect(c.decrypt(a)).toBe("11010519491231002X");
  });
  it("detects tampering and wrong keys", () => {
    const c = createPiiCipher(key);
    const sealed = Buffer.from(c.encrypt("secret"), "base64");
    sealed[sealed.length - 1]! ^= 1;
    expect(() => c.decrypt(sealed.toString("base64"))).toThrow();
    expect(() => createPiiCipher(Buffer.alloc(32, 8)).decrypt(c.encrypt("secret"))).toThrow();
  });
  it("hashes deterministically per key and purpose", () => {
    const c = createPiiCipher(key);
    expect(c.hash("x")).toBe(c.hash("x"));
    expect(c.hash("x")).not.toBe(c.hash("x", "sms-code"));
    expect(c.hash("x")).not.toBe(createPiiCipher(Buffer.alloc(32, 8)).hash("x"));
    expect(c.hash("x")).toMatch(/^[0-9a-f]{64}$/);
  });
  it("reads hex or base64 keys and refuses other lengths", () => {
    expect(parsePiiKey("07".repeat(32))).toEqual(key);
    expect(parsePiiKey(key.toString("base64"))).toEqual(key);
    expect(() => parsePiiKey("abcd")).toThrow(/32 bytes/);
  });
  it("generates a demo key once, mode 0600, and reuses it", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "pii-"));
    const k1 = loadPiiKey({ dataDir: dir, production: false });
    const k2 = loadPiiKey({ dataDir: dir, production: false });
    expect(k1).toEqual(k2);
    expect(statSync(path.join(dir, "pii.key")).mode & 0o777).toBe(0o600);
    expect(readFileSync(path.join(dir, "pii.key"), "utf8").trim()).toBe(k1.toString("base64"));
    expect(() => loadPiiKey({ dataDir: dir, production: true })).toThrow(/PII_KEY/);
    expect(loadPiiKey({ piiKey: "07".repeat(32), dataDir: dir, production: true })).toEqual(key);
  });
});
