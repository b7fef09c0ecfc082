import { createRequire } from "node:module";
import type { TrainingText } from "../src/domain/nlu/training-data.js";
import { OOS, type Prediction } from "./nlu-metrics.js";

const require = createRequire(import.meta.url);

/**
 * The NLP.js baseline: @nlpjs/basic with @nlpjs/lang-zh, trained on exactly the texts the CivicLine
 * model learns from, with its default pipeline (its own tokenizer, its neural classifier, threshold 0.5
 * below which it answers None — counted as out-of-scope).
 */
export interface Baseline {
  trainMs: number;
  predict(text: string): Promise<Prediction>;
}

export async function trainNlpjsBaseline(texts: TrainingText[]): Promise<Baseline> {
  // NLP.js logs through pino-pretty unless in production mode.
  process.env.NODE_ENV ??= "production";
  const { containerBootstrap, Nlp } = require("@nlpjs/basic");
  const { LangZh } = require("@nlpjs/lang-zh");
  const container = await containerBootstrap();
  container.use(LangZh);
  const nlp = new Nlp({ languages: ["zh"], autoSave: false, autoLoad: false, nlu: { log: false }, container });
  for (const t of texts) nlp.addDocument("zh", t.text, t.code);
  const started = performance.now();
  const log = console.log;
  console.log = () => {}; // it prints "Compiling dictionary"
  try {
    await nlp.train();
  } finally {
    console.log = log;
  }
  const trainMs = performance.now() - started;
  return {
    trainMs,
    async predict(text) {
      const r = await nlp.process("zh", text);
      const ranked: string[] = (r.classifications ?? []).map((c: { intent: string }) =>
        c.intent === "None" ? OOS : c.intent,
      );
      const intent = !r.intent || r.intent === "None" ? OOS : r.intent;
      return { intent, top: [intent, ...ranked.filter((c) => c !== intent)] };
    },
  };
}
