import { PassThrough, Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { run } from "./classify.js";

const collect = () => {
  const out = new PassThrough();
  const chunks: string[] = [];
  out.on("data", (c) => chunks.push(String(c)));
  return { out, text: () => chunks.join("") };
};

const classify = async (lines: string[], args: string[] = ["--today", "2026-11-25", "--no-llm"]) => {
  const stdout = collect();
  const stderr = collect();
  const code = await run(args, {
    stdin: Readable.from(lines.map((l) => `${l}\n`)),
    stdout: stdout.out,
    stderr: stderr.out,
  });
  return {
    code,
    lines: stdout
      .text()
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l)),
    stderr: stderr.text(),
  };
};

describe("civicline classify", { timeout: 60_000 }, () => {
  it("handles 10,000 lines in one run, one JSON object per line in the documented shape", async () => {
    const samples = [
      "身份证丢了怎么补办",
      "护照过期了",
      "转人工",
      "今天天气怎么样",
      "我要预约下周三上午",
      "公积金怎么提取",
    ];
    const input = ["我的身份证号11010519491231002X丢了", "今天天气怎么样"];
    while (input.length < 10000) input.push(`${samples[input.length % samples.length]}${input.length % 3 ? "吗" : ""}`);
    const { code, lines } = await classify(input);
    expect(code).toBe(0);
    expect(lines).toHaveLength(10000);
    expect(lines[9999].text).toBe(input[9999]);
    const first = lines[0];
    expect(Object.keys(first)).toEqual(
      expect.arrayContaining(["text", "intent", "confidence", "alternatives", "clarify", "entities", "emotion"]),
    );
    expect(first.text).toBe("我的身份证号11010519491231002X丢了");
    expect(typeof first.confidence).toBe("number");
    expect(first.alternatives[0]).toEqual({ intent: expect.any(String), confidence: expect.any(Number) });
    expect(first.entities).toContainEqual({
      type: "id_number",
      value: "11010519491231002X",
      text: "11010519491231002X",
      valid: true,
    });
    expect(first.emotion).toMatchObject({ label: expect.any(String), intensity: expect.any(Number) });
    expect(lines[1].intent).toBe("out-of-scope");
  });

  it("rejects a malformed --today", async () => {
    const { code, stderr } = await classify(["x"], ["--today", "tomorrow"]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/YYYY-MM-DD/);
  });
});
