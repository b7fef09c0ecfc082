import { describe, expect, it } from "vitest";
import { twilioSignature, urlVariants, verifyTwilioSignature } from "./signature.js";

describe("X-Twilio-Signature", () => {
  it("matches the example Twilio publishes with its request validators", () => {
    // Auth token 12345, the documented URL with its query string, and five call parameters.
    const params = {
      CallSid: "CA1234567890ABCDE",
      Caller: "+14158675309",
      Digits: "1234",
      From: "+14158675309",
      To: "+18005551212",
    };
    const url = "https://mycompany.com/myapp.php?foo=1&bar=2";
    expect(twilioSignature("12345", url, params)).toBe("RSOYDt4T1cUTdK1PDd93/VVr8B8=");
    expect(verifyTwilioSignature("12345", url, params, "RSOYDt4T1cUTdK1PDd93/VVr8B8=")).toBe(true);
  });

  it("matches a vector computed independently (Python hmac/hashlib) with Chinese speech", () => {
    const params = {
      To: "+12025550100",
      SpeechResult: "我要给孩子办护照",
      From: "+8613700137000",
      Confidence: "0.87",
      CallSid: "CA0123456789abcdef0123456789abcdef",
    };
    const url = "https://hotline.example.gov.cn/voice/twilio/step?n=3";
    expect(twilioSignature("civicline-test-token", url, params)).toBe("bjiGYj0z1kAMvYd1I1EzZHfcAVk=");
  });

  it("signs repeated parameters once per distinct value, sorted", () => {
    const url = "https://hotline.example.gov.cn/voice/twilio/step?n=3";
    expect(twilioSignature("civicline-test-token", url, { X: "1", Tag: ["b", "a", "b"] })).toBe(
      "8VjiWxR7LGPX1MrZZUHrDwlo53c=",
    );
  });

  it("rejects a changed parameter, another URL, another token and a missing header", () => {
    const url = "https://hotline.example.gov.cn/voice/twilio";
    const params = { CallSid: "CAabc", From: "+8613800138000" };
    const sig = twilioSignature("tok", url, params);
    expect(verifyTwilioSignature("tok", url, params, sig)).toBe(true);
    expect(verifyTwilioSignature("tok", url, { ...params, From: "+8613900139000" }, sig)).toBe(false);
    expect(verifyTwilioSignature("tok", `${url}?n=1`, params, sig)).toBe(false);
    expect(verifyTwilioSignature("other", url, params, sig)).toBe(false);
    expect(verifyTwilioSignature("tok", url, params, undefined)).toBe(false);
    expect(verifyTwilioSignature("tok", url, params, "")).toBe(false);
    expect(verifyTwilioSignature("tok", url, params, sig.slice(0, -2))).toBe(false);
  });

  it("accepts the URL with or without the default port, as Twilio's helper does", () => {
    expect(urlVariants("https://h.example/voice?n=1")).toEqual([
      "https://h.example/voice?n=1",
      "https://h.example:443/voice?n=1",
    ]);
    const params = { CallSid: "CAabc" };
    const sig = twilioSignature("tok", "https://h.example:443/voice/twilio", params);
    expect(verifyTwilioSignature("tok", "https://h.example/voice/twilio", params, sig)).toBe(true);
    expect(urlVariants("http://127.0.0.1:3000/voice")).toEqual(["http://127.0.0.1:3000/voice"]);
  });
});
