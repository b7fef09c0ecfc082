/**
 * Field-level differences between two KB versions. Lists of entities are matched by their
 * identity (code, id, date) rather than position, so inserting an item reads as one addition
 * and not as every later item changing.
 */

export interface FieldChange {
  path: string;
  kind: "added" | "removed" | "changed";
  before?: unknown;
  after?: unknown;
}

const IDENTITY_KEYS = ["code", "id", "date", "year", "item"] as const;

const identityOf = (v: unknown): string | undefined => {
  if (v && typeof v === "object" && !Array.isArray(v)) {
    for (const k of IDENTITY_KEYS) {
      const id = (v as Record<string, unknown>)[k];
      if (typeof id === "string" || typeof id === "number") return `${k}=${id}`;
    }
  }
  return undefined;
};

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);

export const diffValues = (before: unknown, after: unknown, path = ""): FieldChange[] => {
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => {
      const p = path ? `${path}.${k}` : k;
      if (!(k in before)) return [{ path: p, kind: "added" as const, after: after[k] }];
      if (!(k in after)) return [{ path: p, kind: "removed" as const, before: before[k] }];
      return diffValues(before[k], after[k], p);
    });
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const ids = [...before, ...after].map(identityOf);
    if (ids.every((id) => id !== undefined) && new Set(before.map(identityOf)).size === before.length) {
      const b = new Map(before.map((v) => [identityOf(v)!, v]));
      const a = new Map(after.map((v) => [identityOf(v)!, v]));
      const keys = [...new Set([...b.keys(), ...a.keys()])];
      return keys.flatMap((k) => {
        const p = `${path}[${k}]`;
        if (!b.has(k)) return [{ path: p, kind: "added" as const, after: a.get(k) }];
        if (!a.has(k)) return [{ path: p, kind: "removed" as const, before: b.get(k) }];
        return diffValues(b.get(k), a.get(k), p);
      });
    }
    if (before.every((v) => typeof v !== "object") && after.every((v) => typeof v !== "object")) {
      const removed = before.filter((v) => !after.includes(v));
      const added = after.filter((v) => !before.includes(v));
      if (removed.length || added.length)
        return [
          ...removed.map((v) => ({ path, kind: "removed" as const, before: v })),
          ...added.map((v) => ({ path, kind: "added" as const, after: v })),
        ];
      return [{ path, kind: "changed", before, after }]; // same members, new order
    }
  }
  return [{ path, kind: "changed", before, after }];
};
