import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * `civicline <command> [args]`. Each command is src/cli/commands/<name>.ts exporting
 * `run(args, io)`; `kb validate` maps to commands/kb.ts with args ["validate", …].
 */

export interface CliIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

type Command = { run(args: string[], io: CliIo): Promise<number>; summary?: string };

const HELP = `civicline — the citizen-service hotline

Usage: civicline <command> [options]

Commands:
  serve                       start the hotline (same as npm start)
  kb validate [dir]           check the knowledge base files (default ./kb)
  kb publish --note "..."     load kb/ as a draft and publish it as a new version
  kb diff A B                 field-level differences between published versions A and B
  kb history                  list published versions
  classify                    one utterance per line on stdin → one JSON line each on stdout
  call --from +86138...       hold a call in the terminal
  db migrate                  apply database migrations

Environment: see README.md (DATABASE_URL, DATA_DIR, KB_DIR, …).
Run "civicline <command> --help" for details.`;

const commandsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "commands");

export const main = async (argv: string[], io: CliIo = process): Promise<number> => {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    io.stdout.write(`${HELP}\n`);
    return name ? 0 : 1;
  }
  if (!/^[a-z][a-z-]*$/.test(name) || !existsSync(path.join(commandsDir, `${name}.ts`))) {
    io.stderr.write(`civicline: unknown command "${name}". Run "civicline --help".\n`);
    return 2;
  }
  const command = (await import(path.join(commandsDir, `${name}.ts`))) as Command;
  try {
    return await command.run(rest, io);
  } catch (err) {
    io.stderr.write(`civicline ${name}: ${(err as Error).message}\n`);
    return 1;
  }
};
