import { loadConfig } from "../../config.js";
import { start } from "../../main.js";
import type { CliIo } from "../main.js";

/** `civicline serve`: the same server as `npm start`, run through the TypeScript loader. */
export const run = async (args: string[], io: CliIo): Promise<number> => {
  if (args.includes("--help")) {
    io.stdout.write("civicline serve    start the hotline (configuration from the environment; see README)\n");
    return 0;
  }
  await start(loadConfig());
  // keep running until SIGTERM/SIGINT; start() installs the shutdown handlers
  await new Promise(() => undefined);
  return 0;
};
