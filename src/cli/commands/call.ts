import { spawn, spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createInterface } from "node:readline";
import type { Db } from "../../adapters/storage/database.js";
import { ensureEmbeddedDataDir } from "../../adapters/storage/init-data-dir.js";
import { normaliseCallerNumber } from "../../adapters/voice/caller-number.js";
import { buildContext, closeContext, ensureKbPublished, type AppContext } from "../../compose.js";
import { loadConfig } from "../../config.js";
import type { Action, Turn } from "../../domain/dialogue/actions.js";
import { startAreas } from "../../start-areas.js";
import type { CliIo } from "../main.js";

/**
 * `civicline call --from +8613800138000`: a phone call held in the terminal, through the same
 * dialogue use case as the Twilio and jambonz webhooks (channel "terminal"). Type words to speak,
 * `#123` for keypad digits, an empty line for silence, `/quit` to hang up.
 */

const HELP = `civicline call --from +8613800138000 [--to 12345] [--speak | --no-speak]

Holds a call with the hotline in this terminal, on the embedded database in DATA_DIR (or DATABASE_URL).
  words      what you say          #123   keypad digits (* and # allowed)
  (empty)    silence               /quit  hang up
Prompts are spoken through espeak-ng when it is installed and the output is a terminal (or --speak).
Demo callers: +8613800138000 张伟, +8613900139000 李秀英, +8613700137000 王芳; any other number is unknown.`;

export interface CallOptions {
  /** use this database instead of DATA_DIR / DATABASE_URL (tests) */
  db?: Db;
  /** environment for loadConfig (tests); defaults to process.env */
  env?: NodeJS.ProcessEnv;
}

const flag = (args: string[], name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};

/** One typed line → a turn; null means hang up. */
export const lineToTurn = (line: string): Turn | null => {
  const s = line.trim();
  if (s === "/quit" || s === "/q" || s === "/hangup") return null;
  if (s === "") return { kind: "silence" };
  if (/^#[0-9*#]+$/.test(s)) return { kind: "digits", digits: s.slice(1) };
  return { kind: "speech", text: s };
};

const hasEspeak = (): boolean => {
  try {
    return spawnSync("espeak-ng", ["--version"], { stdio: "ignore", timeout: 2000 }).status === 0;
  } catch {
    return false;
  }
};

const speak = (text: string, locale: string, slow: boolean) =>
  new Promise<void>((resolve) => {
    // Never let a missing or failing speech synthesiser break the call.
    try {
      const p = spawn("espeak-ng", ["-v", locale === "en" ? "en" : "cmn", "-s", slow ? "115" : "160", text], {
        stdio: "ignore",
      });
      p.on("error", () => resolve());
      p.on("close", () => resolve());
    } catch {
      resolve();
    }
  });

/** What the caller perceives of each action, as lines of text (and speech when enabled). */
const present = async (actions: Action[], io: CliIo, voice: boolean): Promise<"continue" | "ended"> => {
  const out = (s: string) => io.stdout.write(`${s}\n`);
  for (const a of actions) {
    switch (a.kind) {
      case "say":
      case "ask": {
        const text = a.kind === "say" ? a.text : a.prompt;
        out(`热线 ▸ ${text}`);
        if (voice) await speak(text, a.locale, a.style?.rate === "slow");
        if (a.kind === "ask") {
          const keypad = a.input.includes("speech") ? "" : "  (keypad only: type #digits)";
          out(`      [waiting ${a.timeoutSeconds}s${a.numDigits ? `, ${a.numDigits} digits` : ""}]${keypad}`);
          return "continue";
        }
        break;
      }
      case "send-sms":
        out(`      [SMS to your phone: ${a.templateId}]`);
        break;
      case "pause-recording":
        out("      [recording paused]");
        break;
      case "resume-recording":
        out("      [recording resumed]");
        break;
      case "handoff":
        out(`      [transferred to a person: queue ${a.queue}, priority ${a.priority}, context ${a.contextId}]`);
        return "ended";
      case "end":
        out("      [call ended]");
        return "ended";
    }
  }
  return "ended";
};

const openContext = async (opts: CallOptions): Promise<AppContext> => {
  const env = opts.env ?? process.env;
  // The conversation owns the terminal: logs go to stderr, and only warnings by default.
  const config = loadConfig({ ...env, LOG_LEVEL: env.LOG_LEVEL ?? "warn" });
  if (!opts.db) ensureEmbeddedDataDir(config.dataDir, config.DATABASE_URL, (l) => process.stderr.write(`${l}\n`));
  const { default: pino } = await import("pino");
  const ctx = await buildContext(config, { ...(opts.db ? { db: opts.db } : {}), logDestination: pino.destination(2) });
  await ensureKbPublished(ctx);
  await startAreas(ctx);
  return ctx;
};

export const run = async (args: string[], io: CliIo, opts: CallOptions = {}): Promise<number> => {
  if (args.includes("--help") || args.includes("-h")) {
    io.stdout.write(`${HELP}\n`);
    return 0;
  }
  const rawFrom = flag(args, "from");
  const from = normaliseCallerNumber(rawFrom);
  if (!rawFrom || from === "anonymous") {
    io.stderr.write(`civicline call: --from needs a phone number, e.g. --from +8613800138000\n\n${HELP}\n`);
    return 2;
  }
  const to = flag(args, "to");
  const tty = (io.stdout as { isTTY?: boolean }).isTTY === true;
  const voice = !args.includes("--no-speak") && (args.includes("--speak") || tty) && hasEspeak();

  const ctx = await openContext(opts);
  let rl: ReturnType<typeof createInterface> | undefined;
  try {
    const dialogue = ctx.services.dialogue;
    const callId = `term-${randomUUID()}`;
    io.stdout.write(
      `Calling the hotline from ${from}. Type words, #digits for the keypad, an empty line for silence, /quit to hang up.\n`,
    );
    let result = await dialogue.handleTurn({
      channel: "terminal",
      callId,
      from,
      ...(to ? { to } : {}),
      step: 0,
      turn: { kind: "start" },
    });
    let state = await present(result.actions, io, voice);
    rl = createInterface({ input: io.stdin, crlfDelay: Infinity, terminal: false });
    const lines = rl[Symbol.asyncIterator]();
    while (state === "continue") {
      io.stdout.write("您 ▸ ");
      const next = await lines.next();
      const turn = next.done ? null : lineToTurn(next.value);
      // Piped input is not echoed by a terminal: show it, so the transcript reads as a conversation.
      const echoed = (io.stdin as { isTTY?: boolean }).isTTY === true;
      if (next.done) io.stdout.write("\n");
      else if (!echoed) io.stdout.write(`${next.value.trim() === "" ? "(silence)" : next.value.trim()}\n`);
      if (!turn) {
        await dialogue.handleTurn({
          channel: "terminal",
          callId,
          from,
          step: result.stepNo + 1,
          turn: { kind: "event", name: "hangup" },
        });
        io.stdout.write("      [you hung up]\n");
        break;
      }
      result = await dialogue.handleTurn({ channel: "terminal", callId, from, step: result.stepNo + 1, turn });
      state = await present(result.actions, io, voice);
    }
    return 0;
  } finally {
    rl?.close();
    await closeContext(ctx);
  }
};
