import { createLocalNlu, type Nlu } from "../adapters/nlu/create-local-nlu.js";
import { z } from "zod";
import type { AppContext } from "../compose.js";
import { route } from "../http/openapi.js";
import type { InterpretContext, Interpretation } from "../domain/nlu/types.js";
import { cityDate } from "../domain/time/city-time.js";

/** What every channel calls to understand an utterance. */
export interface NluService {
  interpret(text: string, ctx: InterpretContext): Promise<Interpretation & { kbVersion: number }>;
}

declare module "../compose.js" {
  interface Services {
    nlu: NluService;
  }
}

/**
 * The NLU follows the published KB: when a new version becomes current on any instance, the next
 * utterance here retrains on it (the old model answers until the new one is built).
 */
export const startNluArea = async (ctx: AppContext): Promise<void> => {
  const { config } = ctx;
  let nlu: Nlu | undefined;
  let version = -1;
  const llm =
    config.LLM_BASE_URL && config.LLM_MODEL
      ? {
          baseUrl: config.LLM_BASE_URL,
          model: config.LLM_MODEL,
          apiKey: config.LLM_API_KEY,
          timeoutMs: config.LLM_TIMEOUT_MS,
          onFallback: (reason: string) => ctx.log.warn({ reason }, "LLM fallback not used"),
        }
      : undefined;

  const current = async () => {
    const kb = await ctx.kb.current();
    if (!nlu) nlu = createLocalNlu(kb.kb, { llm, label: `v${kb.version}` });
    else if (kb.version !== version) nlu.reload(kb.kb, `v${kb.version}`);
    version = kb.version;
    return nlu;
  };
  await current(); // train at start so the first caller does not wait

  ctx.services.nlu = {
    async interpret(text, ictx) {
      const model = await current();
      return { ...(await model.interpret(text, ictx)), kbVersion: version };
    },
  };

  ctx.routePlugins.push(async (app) => {
    route(
      app,
      {
        method: "POST",
        url: "/api/admin/nlu/interpret",
        summary: "Interpret an utterance (intent, entities, emotion, explanation)",
        tags: ["admin"],
        auth: "admin",
        body: z.object({
          text: z.string().trim().min(1).max(500),
          today: z.iso.date().optional(),
          locale: z.enum(["zh", "en"]).optional(),
        }),
      },
      async ({ body }) => {
        const today = body.today ?? cityDate(ctx.clock.now(), ctx.config.TZ_CITY);
        return ctx.services.nlu.interpret(body.text, { today, locale: body.locale });
      },
    );
  });
};
