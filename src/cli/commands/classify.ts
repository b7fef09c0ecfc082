import path from "node:path";
import { createInterface } from "node:readline";
import { formatProblems, loadKbDir } from "../../adapters/kb/load-kb-dir.js";
import { createLocalNlu, type LocalNluOptions } from "../../adapters/nlu/create-local-nlu.js";
import { loadConfig } from "../../config.js";
import type { CliIo } from "../main.js";
import { cityDate } from "../../domain/time/city-time.js";

const HELP = `civicline classify [--kb dir] [--today YYYY-MM-DD] [--no-llm]
Reads one utterance per line on stdin and writes one JSON object per line on stdout:
{"text","intent","confidence","alternatives","clarify","entities","emotion", …}.
The model is built once; any number of lines are classified in the same run.
--today    date that relative dates (明天, 下周三) resolve against; default today in the city's timezone
--no-llm   never consult the LLM fallback even when LLM_BASE_URL and LLM_MODEL are set`;

const flag = (args: string[], name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

/** Today's date in the city's timezone: the CLI is the shell, so it may read the clock. */
const todayIn = (timeZone: string): string => cityDate(new Date(), timeZone);

export const run = async (args: string[], io: CliIo): Promise<number> => {
  if (args.includes("--help") || args.includes("-h")) {
    io.stdout.write(`${HELP}\n`);
    return 0;
  }
  const config = loadConfig();
  const today = flag(args, "--today") ?? todayIn(config.TZ_CITY);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) {
    io.stderr.write(`civicline classify: --today must be YYYY-MM-DD, got "${today}"\n`);
    return 2;
  }
  const kbDir = path.resolve(flag(args, "--kb") ?? config.kbDir);
  const loaded = await loadKbDir(kbDir);
  if (!loaded.ok) {
    io.stderr.write(
      `${formatProblems(loaded.errors)}\ncivicline classify: the knowledge base in ${kbDir} is not valid.\n`,
    );
    return 1;
  }
  const options: LocalNluOptions = {};
  if (!args.includes("--no-llm") && config.LLM_BASE_URL && config.LLM_MODEL) {
    options.llm = {
      baseUrl: config.LLM_BASE_URL,
      model: config.LLM_MODEL,
      apiKey: config.LLM_API_KEY,
      timeoutMs: config.LLM_TIMEOUT_MS,
      onFallback: (reason) => io.stderr.write(`llm fallback not used: ${reason}\n`),
    };
  }
  const nlu = createLocalNlu(loaded.kb, options);
  const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    const result = await nlu.interpret(line, { today });
    // Respect back-pressure so 10,000 lines piped to a slow reader do not pile up in memory.
    if (!io.stdout.write(`${JSON.stringify(result)}\n`))
      await new Promise((resolve) => io.stdout.once("drain", resolve));
  }
  return 0;
};
