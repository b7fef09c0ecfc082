import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough, Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { openTestDb } from "../../../test/support/test-db.js";
import { lineToTurn, run } from "./call.js";

/** `civicline call` driven with in-memory streams: typed lines in, the hotline's words out. */

const collect = () => {
  const stream = new PassThrough();
  let text = "";
  stream.on("data", (c: Buffer) => (text += c.toString("utf8")));
  return { stream, text: () => text };
};

const env = () => ({
  NODE_ENV: "test",
  LOG_LEVEL: "silent",
  DATA_DIR: mkdtempSync(path.join(tmpdir(), "civicline-call-")),
  KB_DIR: path.resolve("kb"),
  ADMIN_TOKEN: "test-admin-token-0123456789",
});

describe("lineToTurn", () => {
  it("reads words, #digits, an empty line and /quit", () => {
    expect(lineToTurn("我要办护照")).toEqual({ kind: "speech", text: "我要办护照" });
    expect(lineToTurn("#1234*")).toEqual({ kind: "digits", digits: "1234*" });
    expect(lineToTurn("   ")).toEqual({ kind: "silence" });
    expect(lineToTurn("/quit")).toBeNull();
    expect(lineToTurn("#12a")).toEqual({ kind: "speech", text: "#12a" });
  });
});

describe("civicline call", () => {
  it("holds a call: greeting, a question, keypad, silence and hang-up", async () => {
    const out = collect();
    const err = collect();
    const stdin = Readable.from(["新生儿要办哪些手续\n", "#1\n", "\n", "/quit\n"]);
    const code = await run(
      ["--from", "+8613700137000", "--no-speak"],
      { stdin, stdout: out.stream, stderr: err.stream },
      {
        db: await openTestDb(),
        env: env(),
      },
    );
    expect(code).toBe(0);
    const text = out.text();
    expect(text).toMatch(/热线 ▸ [^\n]*录音/);
    expect(text).toMatch(/护照[^\n]*(办好|领取)/);
    expect(text).toMatch(/出生医学证明|户口/);
    expect(text).toMatch(/短信已经发送/);
    expect(text).toMatch(/\[SMS to your phone: /);
    expect(text).toMatch(/\[you hung up\]/);
  });

  it("ends on end of input like a hang-up", async () => {
    const out = collect();
    const code = await run(
      ["--from", "13800138000"],
      { stdin: Readable.from([]), stdout: out.stream, stderr: collect().stream },
      {
        db: await openTestDb(),
        env: env(),
      },
    );
    expect(code).toBe(0);
    expect(out.text()).toMatch(/明天[^\n]*护照/);
    expect(out.text()).toMatch(/\[you hung up\]/);
  });

  it("refuses to start without a calling number", async () => {
    const err = collect();
    const code = await run([], { stdin: Readable.from([]), stdout: collect().stream, stderr: err.stream });
    expect(code).toBe(2);
    expect(err.text()).toMatch(/--from/);
  });
});
