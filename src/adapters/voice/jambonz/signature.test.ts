import { describe, expect, it } from "vitest";
import { jambonzSignature, jambonzSignatureHeader, verifyJambonzSignature } from "./signature.js";

const body =
  '{"call_sid":"b7f6c1a2-0000-4000-8000-00000000beef","from":"13700137000","speech":{"alternatives":[{"transcript":"我要预约","confidence":0.8}]}}';
const secret = "jambonz-test-secret";

describe("Jambonz-Signature", () => {
  it("matches a vector computed independently (Python hmac/hashlib)", () => {
    expect(jambonzSignature(secret, 1700000000, body)).toBe(
      "9192fc3b90040340d21bd41b766761c0147ec2e94d1a79251150ded0a57fa5f1",
    );
  });

  it("accepts a fresh, matching header", () => {
    const header = jambonzSignatureHeader(secret, 1700000000, body);
    expect(verifyJambonzSignature(secret, header, body, 1700000100)).toEqual({ ok: true });
    // a second v1 (secret rotation) may come first
    expect(
      verifyJambonzSignature(secret, `t=1700000000,v1=${"0".repeat(64)},${header.split(",")[1]}`, body, 1700000000),
    ).toEqual({ ok: true });
  });

  it("refuses stale or future timestamps", () => {
    const header = jambonzSignatureHeader(secret, 1700000000, body);
    expect(verifyJambonzSignature(secret, header, body, 1700000301)).toEqual({
      ok: false,
      reason: "stale Jambonz-Signature timestamp",
    });
    expect(verifyJambonzSignature(secret, header, body, 1699999000).ok).toBe(false);
  });

  it("refuses a changed body, another secret, and malformed headers", () => {
    const header = jambonzSignatureHeader(secret, 1700000000, body);
    expect(verifyJambonzSignature(secret, header, body.replace("预约", "转人工"), 1700000000).ok).toBe(false);
    expect(verifyJambonzSignature("other", header, body, 1700000000).ok).toBe(false);
    for (const h of [undefined, "", "v1=abc", "t=1700000000", "t=abc,v1=" + "a".repeat(64), "garbage"])
      expect(verifyJambonzSignature(secret, h, body, 1700000000).ok).toBe(false);
  });
});
