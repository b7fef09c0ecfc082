/**
 * npm run bench:nlu — CivicLine's NLU against the labelled dev sets in ../shared/eval/, side by side
 * with an NLP.js baseline trained on the same KB texts; then emotion, then speed.
 * Options: --kb <dir> (default kb), --eval <dir> (default ../shared/eval), --no-baseline.
 * Without the eval directory (a user's clone) it says so and measures speed only.
 */
import { existsSync, readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import path from "node:path";
import { createLocalNlu } from "../src/adapters/nlu/create-local-nlu.js";
import { parseLexicon } from "../src/domain/nlu/lexicon.js";
import { collectTrainingTexts } from "../src/domain/nlu/training-data.js";
import type { Interpretation } from "../src/domain/nlu/types.js";
import { trainNlpjsBaseline } from "./nlu-baseline.js";
import { loadKbForBench } from "./nlu-kb.js";
import {
  calibrationError,
  percentile,
  pct,
  scoreIntents,
  type IntentScores,
  type Labelled,
  type Prediction,
} from "./nlu-metrics.js";

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const kbDir = opt("--kb", "kb");
const evalDir = opt("--eval", "../shared/eval");
const withBaseline = !args.includes("--no-baseline");
const TODAY = "2026-11-25";

const readJsonl = <T>(file: string): T[] =>
  readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);

const toPrediction = (r: Interpretation): Prediction => ({
  intent: r.intent,
  confidence: r.confidence,
  top: [r.intent, ...r.alternatives.map((a) => a.intent)],
});

async function main(): Promise<void> {
  const { kb, notes } = await loadKbForBench(kbDir);
  notes.forEach((n) => console.log(n));
  const lex = parseLexicon(kb.lexicon);
  const extra = lex.ok ? lex.lexicon["extra-phrasings"] : {};
  const texts = collectTrainingTexts(kb, extra);
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const nlu = createLocalNlu(kb);
  const buildMs = performance.now() - t0;
  const buildCpu = process.cpuUsage(c0);
  const t1 = performance.now();
  const c1 = process.cpuUsage();
  nlu.reload(kb);
  const rebuildMs = performance.now() - t1;
  const rebuildCpu = process.cpuUsage(c1);
  const cpuMs = (u: NodeJS.CpuUsage) => ((u.user + u.system) / 1000).toFixed(0);
  const model = nlu.model();
  console.log(
    `KB: ${kb.items.length} items, ${kb.events.length} events, ${kb.intents.length} intents; ${model.codes.length} codes, ${texts.length} training texts`,
  );
  console.log(
    `CivicLine NLU: first build ${buildMs.toFixed(0)} ms (${cpuMs(buildCpu)} ms CPU; jieba dictionary included), ` +
      `retrain on publish ${rebuildMs.toFixed(0)} ms (${cpuMs(rebuildCpu)} ms CPU), temperature ${model.classifier.temperature}`,
  );

  const datasets: Array<[string, Labelled[]]> = [];
  for (const f of ["authored-dev.jsonl", "ishenzhen-dev.jsonl"]) {
    const file = path.join(evalDir, f);
    if (existsSync(file)) datasets.push([f.replace(".jsonl", ""), readJsonl<Labelled>(file)]);
  }
  if (datasets.length === 0) {
    console.log(
      `\nNo labelled data in ${evalDir} (it ships with the project's shared workspace, not with the code): accuracy not measured.`,
    );
  } else {
    const all: Labelled[] = datasets.flatMap(([, rows]) => rows);
    datasets.push(["all dev", all]);
    // The baseline learns from the KB's own texts; the question frames CivicLine generates around
    // item names are part of CivicLine's method, so they are left out.
    const kbTexts = texts.filter((t) => t.source !== "frame");
    const baseline = withBaseline ? await trainNlpjsBaseline(kbTexts) : undefined;
    if (baseline)
      console.log(
        `NLP.js baseline (@nlpjs/basic + @nlpjs/lang-zh): trained on the same ${kbTexts.length} KB texts ` +
          `(names, summaries, FAQ questions, phrasings, keywords, intents, extra phrasings) in ${baseline.trainMs.toFixed(0)} ms`,
      );
    for (const [name, rows] of datasets) {
      const ours: Prediction[] = [];
      for (const row of rows) ours.push(toPrediction(await nlu.interpret(row.text, { today: TODAY })));
      const theirs: Prediction[] = [];
      if (baseline) for (const row of rows) theirs.push(await baseline.predict(row.text));
      printIntentTable(name, rows.length, scoreIntents(rows, ours), baseline ? scoreIntents(rows, theirs) : undefined);
      const cal = calibrationError(rows, ours);
      console.log(
        `  calibration, CivicLine: mean confidence ${pct(cal.meanConfidence)} vs accuracy ${pct(cal.accuracy)}, ` +
          `expected calibration error ${(cal.ece * 100).toFixed(1)} points`,
      );
    }
  }

  const emotionFile = path.join(evalDir, "emotion-dev.jsonl");
  if (existsSync(emotionFile)) {
    const rows = readJsonl<{ text: string; emotion: string }>(emotionFile);
    let right = 0,
      angry = 0,
      angryHit = 0;
    const confusion = new Map<string, number>();
    for (const row of rows) {
      const got = (await nlu.interpret(row.text, { today: TODAY })).emotion.label;
      if (got === row.emotion) right++;
      else confusion.set(`${row.emotion} → ${got}`, (confusion.get(`${row.emotion} → ${got}`) ?? 0) + 1);
      if (row.emotion === "angry") {
        angry++;
        if (got === "angry") angryHit++;
      }
    }
    console.log(
      `\nEmotion (${rows.length} utterances): accuracy ${pct(right / rows.length)}, recall of angry ${pct(angryHit / Math.max(angry, 1))}  (NLP.js: no Chinese sentiment — not comparable)`,
    );
    console.log(
      `  most frequent errors: ${
        [...confusion]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 6)
          .map(([k, v]) => `${k} ×${v}`)
          .join(", ") || "none"
      }`,
    );
  }

  await measureSpeed(nlu, datasets.length ? datasets.at(-1)![1].map((r) => r.text) : texts.map((t) => t.text));
}

function printIntentTable(name: string, n: number, ours: IntentScores, theirs?: IntentScores): void {
  const row = (label: string, f: (s: IntentScores) => string) =>
    `  ${label.padEnd(34)}${f(ours).padStart(10)}${theirs ? f(theirs).padStart(12) : ""}`;
  console.log(`\n== ${name}: ${n} utterances (${ours.inScope} in scope, ${ours.oosRows} out of scope)`);
  console.log(`  ${"".padEnd(34)}${"CivicLine".padStart(10)}${theirs ? "NLP.js".padStart(12) : ""}`);
  console.log(row("in-scope top-1", (s) => pct(s.top1)));
  console.log(row("in-scope top-3", (s) => pct(s.top3)));
  console.log(row("out-of-scope precision", (s) => pct(s.oosPrecision)));
  console.log(row("out-of-scope recall", (s) => pct(s.oosRecall)));
  console.log(row("in-scope wrongly rejected", (s) => pct(s.wronglyRejected)));
  if (theirs) console.log(`  top-1 gain over NLP.js: ${((ours.top1 - theirs.top1) * 100).toFixed(1)} points`);
  console.log(
    `  most confused (expected → predicted), CivicLine: ${ours.confusions.map(([k, v]) => `${k} ×${v}`).join("; ") || "none"}`,
  );
  if (theirs)
    console.log(
      `  most confused, NLP.js: ${theirs.confusions
        .slice(0, 5)
        .map(([k, v]) => `${k} ×${v}`)
        .join("; ")}`,
    );
}

async function measureSpeed(nlu: ReturnType<typeof createLocalNlu>, utterances: string[]): Promise<void> {
  const target = 10000;
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < 200; i++) await nlu.interpret(utterances[i % utterances.length]!, { today: TODAY }); // warm-up
  const started = performance.now();
  for (let i = 0; i < target; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    await nlu.interpret(utterances[i % utterances.length]!, { today: TODAY });
    wall.push(performance.now() - t);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
  }
  const total = performance.now() - started;
  wall.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const ms = (x: number) => `${x.toFixed(3)} ms`;
  console.log(
    `\nSpeed (${target} interpretations in one process, ${utterances.length} distinct utterances): ` +
      `p50 ${ms(percentile(wall, 50))}, p99 ${ms(percentile(wall, 99))}, ${Math.round((target / total) * 1000)} utterances/s`,
  );
  // Wall-clock figures on a shared machine include time spent waiting for a core; CPU time does not.
  console.log(`  CPU time per utterance: p50 ${ms(percentile(cpu, 50))}, p99 ${ms(percentile(cpu, 99))}`);
  console.log(
    `  machine: ${cpus().length} cores, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" / ")} (1/5/15 min)`,
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
