import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "./logger.js";

const capture = () => {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { log: createLogger("info", stream as never), lines };
};

describe("logger", () => {
  it("masks ID and phone numbers inside messages and redacts personal fields", () => {
    const { log, lines } = capture();
    log.info(
      { idNumber: "11010519491231002X", phone: "+8613800138000", citizen: { address: "示范市某路1号" } },
      "caller 13800138000 gave 11010519491231002X",
    );
    const out = lines.join("");
    expect(out).not.toContain("13800138000");
    expect(out).not.toContain("19491231");
    expect(out).not.toContain("某路1号");
    expect(out).toContain("138****8000");
  });

  it("logs request URLs without their query string", () => {
    const { log, lines } = capture();
    log.info({ req: { id: "r1", method: "GET", url: "/api/x?phone=13800138000" } }, "request");
    expect(lines.join("")).not.toContain("13800138000");
    expect(lines.join("")).toContain('"url":"/api/x"');
  });
});
