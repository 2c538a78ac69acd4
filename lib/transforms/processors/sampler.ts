import { asString, typeOf, utf8, type Value } from "../ottl/values";
import { pruneEmpty, type LogRecord, type Span } from "./model";
import { ProcessorConfigError, type ProcessorImpl } from "./run";

/**
 * probabilistic_sampler (probabilisticsamplerprocessor README, v0.136): `hash_seed` mode keeps an item when the
 * 14-bit murmur3 hash of its TraceID (or of `from_attribute`) falls below percentage × 16384/100; `proportional` mode
 * keeps it when the 56-bit randomness (TraceID's last 7 bytes, or tracestate `rv`) reaches the threshold
 * (1 − p) × 2^56 (p: the arriving `th` probability times ours), rounded to `sampling_precision` hex digits, and
 * writes `ot=th:..` on kept spans (`sampling.threshold` on kept logs). Items without
 * randomness are errors, dropped under `fail_closed` (the default). The preview labels these results statistical:
 * they were not diffed against the real collector.
 */
const NUM_HASH_BUCKETS = 0x4000;
const MAX_56 = 1n << 56n;

/** MurmurHash3 x86 32-bit, as the sampler's computeHash. */
function murmur3(data: Uint8Array, seed: number): number {
  const c1 = 0xcc9e2d51;
  const c2 = 0x1b873593;
  let h = seed >>> 0;
  const n = data.length & ~3;
  for (let i = 0; i < n; i += 4) {
    let k = data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24);
    k = Math.imul(k, c1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, c2);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  let k = 0;
  switch (data.length & 3) {
    case 3:
      k ^= data[n + 2] << 16;
    // falls through
    case 2:
      k ^= data[n + 1] << 8;
    // falls through
    case 1:
      k ^= data[n];
      k = Math.imul(k, c1);
      k = (k << 15) | (k >>> 17);
      k = Math.imul(k, c2);
      h ^= k;
  }
  h ^= data.length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

type Config = {
  percentage: number;
  hashSeed: number;
  mode: "hash_seed" | "proportional";
  failClosed: boolean;
  precision: number;
  fromAttribute: string;
  recordSource: boolean;
  priority: string;
};

function config(c: Record<string, unknown>, signal: string): Config {
  if (signal === "metrics") throw new ProcessorConfigError("probabilistic_sampler supports logs and traces only");
  const num = (k: string, d: number) => {
    const v = c[k] ?? d;
    if (typeof v !== "number") throw new ProcessorConfigError(`${k} must be a number`);
    return v;
  };
  const hashSeed = num("hash_seed", 0);
  const recordSource = c.attribute_source === "record";
  if (c.attribute_source !== undefined && c.attribute_source !== "record" && c.attribute_source !== "traceID")
    throw new ProcessorConfigError(`invalid attribute_source ${JSON.stringify(c.attribute_source)}`);
  if (recordSource && !c.from_attribute)
    throw new ProcessorConfigError("from_attribute is required when attribute_source is record");
  const explicit = c.mode as string | undefined;
  if (explicit !== undefined && !["hash_seed", "proportional", "equalizing"].includes(explicit))
    throw new ProcessorConfigError(`invalid mode ${explicit}`);
  if (explicit === "equalizing") throw new ProcessorConfigError("the preview does not model equalizing mode");
  const mode =
    explicit === "hash_seed" || (!explicit && (hashSeed !== 0 || recordSource)) ? "hash_seed" : "proportional";
  return {
    percentage: Math.fround(num("sampling_percentage", 0)),
    hashSeed,
    mode,
    failClosed: c.fail_closed === undefined ? true : c.fail_closed === true,
    precision: num("sampling_precision", 4),
    fromAttribute: typeof c.from_attribute === "string" ? c.from_attribute : "",
    recordSource,
    priority: typeof c.sampling_priority === "string" ? c.sampling_priority : "",
  };
}

/** sampling.ProbabilityToThresholdWithPrecision: the rejection threshold for probability `p`, or 0 (keep all). */
function thresholdFor(p: number, precision: number): bigint {
  if (p >= 1) return 0n;
  if (p <= 0) return MAX_56;
  const expF = Math.floor(Math.log2(p)) + 1;
  const expR = Math.floor(Math.log2(1 - p)) + 1;
  const digits = Math.min(14, Math.max(precision + Math.trunc(expF / -4), precision + Math.trunc(expR / -4)));
  let t = MAX_56 - BigInt(Math.round(p * 2 ** 56));
  const shift = BigInt(4 * (14 - digits));
  if (shift > 0n) {
    t += 1n << (shift - 1n);
    t = (t >> shift) << shift;
  }
  return t;
}

/** The `th` value of a threshold: 14 hex digits with trailing zeros trimmed ("0" keeps everything). */
function thresholdText(t: bigint): string {
  if (t === 0n) return "0";
  return t.toString(16).padStart(14, "0").replace(/0+$/, "");
}

const isZero = (b: Uint8Array) => b.every((x) => x === 0);

function attrBytes(v: Value): Uint8Array | null {
  if (v === null) return null;
  if (v instanceof Uint8Array) return v;
  return utf8(asString(v));
}

function numeric(v: Value | undefined): number | undefined {
  const t = v === undefined ? "empty" : typeOf(v);
  if (t === "int" || t === "double") return Number(v);
  if (t === "str" && (v as string).trim() !== "" && !Number.isNaN(Number(v))) return Number(v);
  return undefined;
}

/** Keep decision for one item from its randomness source; null when it has none. */
function decide(
  cfg: Config,
  percentage: number,
  traceId: Uint8Array | null,
  attr: Uint8Array | null,
  tracestate?: string,
): { keep: boolean; th?: string } | null {
  if (cfg.mode === "hash_seed") {
    const source = traceId ?? attr;
    if (!source) return null;
    const scaled = Math.trunc(Math.fround(Math.fround(percentage) * Math.fround(NUM_HASH_BUCKETS / 100)));
    return { keep: (murmur3(source, cfg.hashSeed) & (NUM_HASH_BUCKETS - 1)) < scaled };
  }
  let randomness: bigint | null = null;
  const rv = tracestate && /(?:^|;)rv:([0-9a-f]{14})(?:;|$)/.exec(otValue(tracestate));
  if (rv) randomness = BigInt(`0x${rv[1]}`);
  else if (traceId) randomness = traceId.slice(9, 16).reduce((n, b) => (n << 8n) | BigInt(b), 0n);
  else if (attr)
    randomness = BigInt(NUM_HASH_BUCKETS - 1 - (murmur3(attr, cfg.hashSeed) & (NUM_HASH_BUCKETS - 1))) << 42n;
  if (randomness === null) return null;
  // Proportional: the arriving probability (from `th`) times ours, re-encoded at the configured precision.
  const incoming = tracestate && /(?:^|;)th:([0-9a-f]{1,14})(?:;|$)/.exec(otValue(tracestate));
  const arriving = incoming ? Number(MAX_56 - BigInt(`0x${incoming[1].padEnd(14, "0")}`)) / 2 ** 56 : 1;
  const t = thresholdFor(arriving * (Math.min(percentage, 100) / 100), cfg.precision);
  return { keep: randomness >= t, th: thresholdText(t) };
}

function otValue(tracestate: string): string {
  const ot = tracestate
    .split(",")
    .map((s) => s.trim())
    .find((s) => s.startsWith("ot="));
  return ot ? ot.slice(3) : "";
}

function withThreshold(tracestate: string, th: string): string {
  const parts = tracestate ? tracestate.split(",").map((s) => s.trim()) : [];
  const at = parts.findIndex((s) => s.startsWith("ot="));
  const ot =
    at >= 0
      ? parts[at]
          .slice(3)
          .split(";")
          .filter((kv) => kv && !kv.startsWith("th:"))
      : [];
  const value = `ot=${[`th:${th}`, ...ot].join(";")}`;
  if (at >= 0) parts[at] = value;
  else parts.unshift(value);
  return parts.join(",");
}

export const runSampler: ProcessorImpl = (batch, processor, rec) => {
  const cfg = config(processor.config, batch.signal);
  if (batch.signal === "logs") {
    for (const r of batch.resources)
      for (const s of r.scopes) {
        rec.nondeterministic(s.items.map((l) => l.id));
        s.items = s.items.filter((l) => keepLog(cfg, l, (msg) => rec.error([l.id], `${processor.id}: ${msg}`)));
      }
  } else if (batch.signal === "traces") {
    for (const r of batch.resources)
      for (const s of r.scopes) {
        rec.nondeterministic(s.items.map((x) => x.id));
        s.items = s.items.filter((x) => keepSpan(cfg, x, (msg) => rec.error([x.id], `${processor.id}: ${msg}`)));
      }
  }
  pruneEmpty(batch);
};

function keepLog(cfg: Config, l: LogRecord, error: (msg: string) => void): boolean {
  let percentage = cfg.percentage;
  if (cfg.priority) {
    const p = numeric(l.attributes.get(cfg.priority));
    if (p !== undefined) {
      if (p <= 0) return false;
      if (p >= 100) return true;
      percentage = Math.fround(Math.min(p, 100));
    }
  }
  const traceId = !cfg.recordSource && !isZero(l.traceId) && l.traceId.length === 16 ? l.traceId : null;
  const attr =
    cfg.fromAttribute && (cfg.recordSource || !traceId) ? attrBytes(l.attributes.get(cfg.fromAttribute) ?? null) : null;
  const d = decide(cfg, percentage, traceId, attr);
  if (!d) {
    error("missing randomness: no TraceID and no from_attribute value");
    return !cfg.failClosed;
  }
  if (d.keep && d.th !== undefined) l.attributes.set("sampling.threshold", d.th);
  return d.keep;
}

function keepSpan(cfg: Config, x: Span, error: (msg: string) => void): boolean {
  const priority = numeric(x.attributes.get("sampling.priority"));
  if (priority !== undefined) return priority > 0;
  const traceId = !isZero(x.traceId) && x.traceId.length === 16 ? x.traceId : null;
  const d = decide(cfg, cfg.percentage, traceId, null, x.traceState);
  if (!d) {
    error("missing randomness: the span has no TraceID");
    return !cfg.failClosed;
  }
  if (d.keep && d.th !== undefined) x.traceState = withThreshold(x.traceState, d.th);
  return d.keep;
}
