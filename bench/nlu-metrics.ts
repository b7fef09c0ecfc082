/** Scoring for bench/nlu.ts: intent accuracy, out-of-scope detection, confusions, emotion, latency. */
export interface Labelled {
  text: string;
  accept: string[];
}

export interface Prediction {
  intent: string;
  /** best first, the predicted intent included */
  top: string[];
  confidence?: number;
}

/**
 * Expected calibration error over all rows: predictions binned by confidence (10 bins), the
 * gap between each bin's mean confidence and its accuracy, weighted by the bin's share.
 */
export function calibrationError(
  rows: Labelled[],
  preds: Prediction[],
): { ece: number; meanConfidence: number; accuracy: number } {
  const bins = Array.from({ length: 10 }, () => ({ n: 0, conf: 0, right: 0 }));
  let conf = 0;
  let right = 0;
  rows.forEach((row, i) => {
    const p = preds[i]!;
    const c = p.confidence ?? 0;
    const ok = row.accept.includes(p.intent) ? 1 : 0;
    const bin = bins[Math.min(9, Math.floor(c * 10))]!;
    bin.n++;
    bin.conf += c;
    bin.right += ok;
    conf += c;
    right += ok;
  });
  const ece = bins.reduce(
    (sum, b) => (b.n ? sum + (b.n / rows.length) * Math.abs(b.conf / b.n - b.right / b.n) : sum),
    0,
  );
  return { ece, meanConfidence: conf / rows.length, accuracy: right / rows.length };
}

export const OOS = "out-of-scope";

export interface IntentScores {
  inScope: number;
  top1: number;
  top3: number;
  oosRows: number;
  oosPrecision: number;
  oosRecall: number;
  wronglyRejected: number;
  confusions: Array<[string, number]>;
}

export function scoreIntents(rows: Labelled[], preds: Prediction[]): IntentScores {
  let inScope = 0,
    top1 = 0,
    top3 = 0,
    rejected = 0,
    oosRows = 0,
    oosHit = 0,
    predictedOos = 0,
    predictedOosRight = 0;
  const confusions = new Map<string, number>();
  rows.forEach((row, i) => {
    const p = preds[i]!;
    const isOos = row.accept.includes(OOS);
    if (p.intent === OOS) {
      predictedOos++;
      if (isOos) predictedOosRight++;
    }
    if (isOos) {
      oosRows++;
      if (p.intent === OOS) oosHit++;
    } else {
      inScope++;
      if (row.accept.includes(p.intent)) top1++;
      if (p.top.slice(0, 3).some((c) => row.accept.includes(c))) top3++;
      if (p.intent === OOS) rejected++;
    }
    if (!row.accept.includes(p.intent)) {
      const key = `${row.accept[0]} → ${p.intent}`;
      confusions.set(key, (confusions.get(key) ?? 0) + 1);
    }
  });
  return {
    inScope,
    top1: inScope ? top1 / inScope : 0,
    top3: inScope ? top3 / inScope : 0,
    oosRows,
    oosPrecision: predictedOos ? predictedOosRight / predictedOos : 0,
    oosRecall: oosRows ? oosHit / oosRows : 0,
    wronglyRejected: inScope ? rejected / inScope : 0,
    confusions: [...confusions].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 10),
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
