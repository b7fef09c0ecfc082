/**
 * A single left-to-right pass that replaces the longest matching key at each position. One pass (not
 * repeated String.replace calls) so that replacements never feed into each other and the cost stays
 * linear in the text, whatever the size of the table.
 */
export type Replacer = (text: string) => string;

export function buildReplacer(table: Record<string, string>): Replacer {
  const byFirst = new Map<string, string[]>();
  for (const key of Object.keys(table)) {
    if (!key) continue;
    const first = key[0]!;
    const list = byFirst.get(first) ?? [];
    list.push(key);
    byFirst.set(first, list);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.length - a.length);
  if (byFirst.size === 0) return (text) => text;
  return (text) => {
    let out = "";
    let i = 0;
    while (i < text.length) {
      const candidates = byFirst.get(text[i]!);
      let matched: string | undefined;
      if (candidates) {
        for (const key of candidates) {
          if (text.startsWith(key, i)) {
            matched = key;
            break;
          }
        }
      }
      if (matched !== undefined) {
        out += table[matched];
        i += matched.length;
      } else {
        out += text[i];
        i += 1;
      }
    }
    return out;
  };
}

/** Finds every non-overlapping occurrence of any key, longest first, reporting what each key maps to. */
export interface Match<T> {
  start: number;
  end: number;
  text: string;
  value: T;
}

export function buildMatcher<T>(entries: Array<[string, T]>): (text: string) => Match<T>[] {
  const byFirst = new Map<string, Array<[string, T]>>();
  for (const [key, value] of entries) {
    if (!key) continue;
    const list = byFirst.get(key[0]!) ?? [];
    list.push([key, value]);
    byFirst.set(key[0]!, list);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b[0].length - a[0].length);
  return (text) => {
    const found: Match<T>[] = [];
    let i = 0;
    while (i < text.length) {
      const candidates = byFirst.get(text[i]!);
      let hit: [string, T] | undefined;
      if (candidates) hit = candidates.find(([key]) => text.startsWith(key, i));
      if (hit) {
        found.push({ start: i, end: i + hit[0].length, text: hit[0], value: hit[1] });
        i += hit[0].length;
      } else i += 1;
    }
    return found;
  };
}
