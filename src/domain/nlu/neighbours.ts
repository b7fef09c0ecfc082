import type { SparseExample } from "./linear.js";

/**
 * Nearest-phrasing evidence: for each class, the highest cosine similarity between the utterance and
 * any one of its training phrasings. The linear model averages over all of a class's phrasings; this
 * rewards an utterance that closely resembles one specific way of asking, which the KB authors often
 * wrote exactly once (a colloquial name, an official service title).
 */
export interface NeighbourIndex {
  numClasses: number;
  labels: Int32Array;
  /** feature id → flat [example, value, example, value, …] */
  postings: Map<number, Float64Array>;
  scratch: Float64Array;
}

export function buildNeighbourIndex(
  examples: SparseExample[],
  numClasses: number,
  include: (i: number) => boolean,
): NeighbourIndex {
  const lists = new Map<number, number[]>();
  examples.forEach((ex, e) => {
    if (!include(e)) return;
    for (let k = 0; k < ex.ids.length; k++) {
      const list = lists.get(ex.ids[k]!) ?? [];
      list.push(e, ex.vals[k]!);
      lists.set(ex.ids[k]!, list);
    }
  });
  const postings = new Map<number, Float64Array>();
  for (const [id, list] of lists) postings.set(id, Float64Array.from(list));
  return {
    numClasses,
    labels: Int32Array.from(examples.map((e) => e.label)),
    postings,
    scratch: new Float64Array(examples.length),
  };
}

/** Adds weight × (best similarity per class) to the logits. Features are L2-normalised, so a dot product is the cosine. */
export function addNeighbourEvidence(
  index: NeighbourIndex,
  ids: ArrayLike<number>,
  vals: ArrayLike<number>,
  weight: number,
  logits: Float64Array,
): void {
  const dots = index.scratch;
  const touched: number[] = [];
  for (let k = 0; k < ids.length; k++) {
    const list = index.postings.get(ids[k]!);
    if (!list) continue;
    const v = vals[k]!;
    for (let p = 0; p < list.length; p += 2) {
      const e = list[p]!;
      if (dots[e] === 0) touched.push(e);
      dots[e]! += list[p + 1]! * v;
    }
  }
  const best = new Float64Array(index.numClasses);
  for (const e of touched) {
    const c = index.labels[e]!;
    if (dots[e]! > best[c]!) best[c] = dots[e]!;
    dots[e] = 0;
  }
  for (let c = 0; c < index.numClasses; c++) logits[c]! += weight * best[c]!;
}
