import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";

const run = async (argv: string[]) => {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (d) => (out += d));
  stderr.on("data", (d) => (err += d));
  const code = await main(argv, { stdin: new PassThrough(), stdout, stderr });
  return { code, out, err };
};

describe("civicline CLI", () => {
  it("prints help and lists its commands", async () => {
    const r = await run(["--help"]);
    expect(r.code).toBe(0);
    for (const c of ["serve", "kb validate", "kb publish", "kb diff", "classify", "call", "db migrate"])
      expect(r.out).toContain(c);
  });

  it("refuses an unknown command with a clear message", async () => {
    const r = await run(["kb-store"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown command "kb-store"/);
  });

  it("validates the demo KB", async () => {
    const r = await run(["kb", "validate", "kb"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/ok: 58 items, 9 life events, 7 halls/);
  });

  it("asks for a note before publishing and two numbers before a diff", async () => {
    expect((await run(["kb", "publish"])).err).toMatch(/--note/);
    expect((await run(["kb", "diff", "1"])).code).toBe(2);
  });
});
