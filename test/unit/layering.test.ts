import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// The layering rules of docs/ARCHITECTURE.md live in eslint.config.js; this proves they bite.
const lint = async (filePath: string, code: string) => {
  const eslint = new ESLint();
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
};

describe("layering", () => {
  it("keeps domain free of app, adapters, http and I/O", async () => {
    expect(
      await lint("src/domain/x/probe.ts", 'import { a } from "../../app/errors.js"; export const b = a;'),
    ).toHaveLength(1);
    expect(
      await lint(
        "src/domain/x/probe.ts",
        'import { a } from "../../adapters/storage/database.js"; export const b = a;',
      ),
    ).toHaveLength(1);
    expect(
      await lint("src/domain/x/probe.ts", 'import { readFileSync } from "node:fs"; export const b = readFileSync;'),
    ).toHaveLength(1);
    expect(
      await lint("src/domain/x/probe.ts", 'import { a } from "../kb/schema.js"; export const b = a;'),
    ).toHaveLength(0);
  });
  it("keeps app away from adapters and http", async () => {
    expect(
      await lint("src/app/x/probe.ts", 'import { a } from "../../adapters/storage/database.js"; export const b = a;'),
    ).toHaveLength(1);
    expect(
      await lint("src/app/x/probe.ts", 'import { a } from "../../http/server.js"; export const b = a;'),
    ).toHaveLength(1);
    expect(
      await lint("src/app/x/probe.ts", 'import { a } from "../../domain/kb/schema.js"; export const b = a;'),
    ).toHaveLength(0);
  });
});
