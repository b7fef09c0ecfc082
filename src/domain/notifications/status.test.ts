import { describe, expect, it } from "vitest";
import { applyReport, mapReportedStatus } from "./status.js";

describe("delivery status mapping", () => {
  it("maps CMPP/SMPP receipt words and REST gateway words to one enum", () => {
    expect(mapReportedStatus("DELIVRD")).toBe("delivered");
    expect(mapReportedStatus("delivered")).toBe("delivered");
    expect(mapReportedStatus(" UNDELIV ")).toBe("failed");
    expect(mapReportedStatus("EXPIRED")).toBe("failed");
    expect(mapReportedStatus("REJECTD")).toBe("failed");
    expect(mapReportedStatus("ENROUTE")).toBe("sent");
    expect(mapReportedStatus("sent")).toBe("sent");
  });

  it("does not guess an unknown word", () => {
    expect(mapReportedStatus("MAYBE")).toBeUndefined();
  });

  it("moves forward only", () => {
    expect(applyReport("sent", "delivered")).toBe("delivered");
    expect(applyReport("sent", "failed")).toBe("failed");
    expect(applyReport("sending", "sent")).toBe("sent");
    expect(applyReport("delivered", "sent")).toBeUndefined();
    expect(applyReport("delivered", "failed")).toBeUndefined();
    expect(applyReport("sent", "sent")).toBeUndefined();
    expect(applyReport("failed", "delivered")).toBeUndefined();
  });

  it("ignores reports for suppressed messages", () => {
    expect(applyReport("suppressed", "delivered")).toBeUndefined();
  });
});
