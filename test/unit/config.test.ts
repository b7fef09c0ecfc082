import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";

describe("configuration", () => {
  it("has a default for everything the demo needs", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      PORT: 3000,
      HOST: "127.0.0.1",
      SMS_PROVIDER: "outbox",
      KB_AUTO_PUBLISH: true,
      LLM_TIMEOUT_MS: 1500,
    });
    expect(c.adminTokenGenerated).toBe(true);
    expect(c.adminToken.length).toBeGreaterThanOrEqual(24);
  });

  it("stops with a message naming each invalid variable", () => {
    const bad = () => loadConfig({ PORT: "eighty", DATABASE_URL: "mysql://x", ADMIN_TOKEN: "short" });
    expect(bad).toThrow(ConfigError);
    try {
      bad();
    } catch (e) {
      const msg = (e as Error).message;
      expect(msg).toMatch(/PORT/);
      expect(msg).toMatch(/DATABASE_URL: must be a postgres/);
      expect(msg).toMatch(/ADMIN_TOKEN: must be at least 16/);
    }
  });

  it("treats an empty variable as unset", () => {
    const c = loadConfig({ PORT: "", DATABASE_URL: "" });
    expect(c.PORT).toBe(3000);
    expect(c.DATABASE_URL).toBeUndefined();
  });
});
