import { buildContext, closeContext } from "../compose.js";
import { loadConfig } from "../config.js";
import { formatProblems } from "../adapters/kb/load-kb-dir.js";
import { AppError } from "../app/errors.js";
import type { CliIo } from "./main.js";

/** kb publish / diff / history: the commands that need the database. */
export const runKbStore = async (sub: "publish" | "diff" | "history", args: string[], io: CliIo): Promise<number> => {
  const flag = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  if (sub === "publish" && !flag("note")) {
    io.stderr.write('civicline kb publish: --note "why" is required\n');
    return 2;
  }
  if (sub === "diff" && !(args.length >= 2 && args.slice(0, 2).every((a) => /^\d+$/.test(a)))) {
    io.stderr.write("civicline kb diff: give two version numbers, e.g. civicline kb diff 1 2\n");
    return 2;
  }
  const dir = flag("dir");
  const config = loadConfig({
    ...process.env,
    ...(dir ? { KB_DIR: dir } : {}),
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
  });
  const ctx = await buildContext(config);
  try {
    if (sub === "publish") {
      const r = await ctx.publishKbFromDisk(flag("by") ?? process.env.USER ?? "cli", flag("note")!);
      io.stdout.write(
        r.changed ? `published version ${r.version}\n` : `kb/ is unchanged; version ${r.version} stays current\n`,
      );
      return 0;
    }
    if (sub === "history") {
      for (const v of await ctx.kb.history())
        io.stdout.write(`v${v.number}\t${v.publishedAt.toISOString()}\t${v.publishedBy}\t${v.note}\n`);
      return 0;
    }
    const changes = await ctx.kb.diff(Number(args[0]), Number(args[1]));
    for (const c of changes) {
      const show = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v)).slice(0, 160);
      if (c.kind === "changed") io.stdout.write(`~ ${c.path}: ${show(c.before)} → ${show(c.after)}\n`);
      else if (c.kind === "added") io.stdout.write(`+ ${c.path}: ${show(c.after)}\n`);
      else io.stdout.write(`- ${c.path}: ${show(c.before)}\n`);
    }
    io.stdout.write(`${changes.length} change(s) between v${args[0]} and v${args[1]}\n`);
    return 0;
  } catch (err) {
    if (err instanceof AppError) {
      io.stderr.write(`${err.message}\n`);
      if (Array.isArray(err.details)) io.stderr.write(`${formatProblems(err.details)}\n`);
      return 1;
    }
    throw err;
  } finally {
    await closeContext(ctx);
  }
};
