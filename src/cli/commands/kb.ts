import path from "node:path";
import { formatProblems, loadKbDir } from "../../adapters/kb/load-kb-dir.js";
import type { CliIo } from "../main.js";

const HELP = `civicline kb validate [dir]          check kb files; exit 1 with file → field: reason on errors
civicline kb publish --note "why" [--by name] [--dir kb]
civicline kb diff A B                 field-level diff between published versions
civicline kb history                  published versions, newest first`;

export const run = async (args: string[], io: CliIo): Promise<number> => {
  const [sub, ...rest] = args;
  switch (sub) {
    case "validate":
      return validate(rest[0] ?? "kb", io);
    case "publish":
    case "diff":
    case "history": {
      const { runKbStore } = await import("../kb-store.js");
      return runKbStore(sub, rest, io);
    }
    default:
      io.stdout.write(`${HELP}\n`);
      return sub === "--help" ? 0 : 2;
  }
};

const validate = async (dir: string, io: CliIo): Promise<number> => {
  const result = await loadKbDir(path.resolve(dir));
  if (!result.ok) {
    io.stderr.write(`${formatProblems(result.errors)}\n${result.errors.length} problem(s); the KB was not accepted.\n`);
    return 1;
  }
  const { kb } = result;
  if (result.warnings.length) io.stderr.write(`${formatProblems(result.warnings)}\n`);
  io.stdout.write(
    `ok: ${kb.items.length} items, ${kb.events.length} life events, ${kb.halls.length} halls, ` +
      `${kb.templates.length} templates, ${kb.intents.length} intents (${result.files} files)\n`,
  );
  return 0;
};
