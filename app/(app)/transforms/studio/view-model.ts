/** What the studio draws from a preview: records as flat field → text maps, and the totals on top. */
export type Flat = Record<string, string>;

export type FieldChange = "added" | "changed" | "removed";

export type RecordView = {
  index: number;
  before: Flat;
  /** null when the record was dropped. */
  after: Flat | null;
  status: "kept" | "dropped" | "errored";
  error?: string;
  changes: Record<string, FieldChange>;
};

export type InOut = { in: number; out: number };

export type TotalsView = {
  records: InOut;
  bytes: InOut;
  datapoints?: InOut;
  series?: InOut;
  savedPercent: number;
};

/** Nested record → `attributes.user.email: "x"` pairs; arrays and maps below the first level show as JSON. */
export function flatten(value: unknown, prefix = "", out: Flat = {}): Flat {
  if (value === null || value === undefined) return out;
  if (typeof value === "object" && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) {
      const key = prefix ? `${prefix}.${k}` : k;
      if (v !== null && typeof v === "object" && !Array.isArray(v) && prefix.split(".").length < 3) flatten(v, key, out);
      else if (v !== undefined) out[key] = typeof v === "string" ? v : JSON.stringify(v);
    }
    return out;
  }
  out[prefix || "value"] = typeof value === "string" ? value : JSON.stringify(value);
  return out;
}

/** Added, changed (redacted values included) and removed fields between two flat records. */
export function diffFlat(before: Flat, after: Flat): Record<string, FieldChange> {
  const changes: Record<string, FieldChange> = {};
  for (const [k, v] of Object.entries(after)) {
    if (!(k in before)) changes[k] = "added";
    else if (before[k] !== v) changes[k] = "changed";
  }
  for (const k of Object.keys(before)) if (!(k in after)) changes[k] = "removed";
  return changes;
}

export function savedPercent(bytes: InOut): number {
  return bytes.in === 0 ? 0 : Math.round(((bytes.in - bytes.out) / bytes.in) * 1000) / 10;
}
