import { OttlRuntimeError } from "../ottl/context";
import { asString, typeOf, type ValueMap } from "../ottl/values";
import type { DataPoint, Metric } from "./model";

/**
 * aggregate_on_attributes (transform processor README; ottl internal aggregateutil): keep only the listed attribute
 * keys (all when omitted, none for `[]`), then merge points with identical attributes and timestamps (and start times
 * for cumulative metrics). The collector emits the merged points in map order; the preview keeps first-seen order.
 */
export function aggregateOnAttributes(m: Metric, how: string, keys: string[] | undefined): void {
  if (m.type === "summary") throw new OttlRuntimeError("aggregate_on_attributes does not support Summary metrics");
  if ((m.type === "histogram" || m.type === "exponential_histogram") && how !== "sum")
    throw new OttlRuntimeError(`${how} aggregation is not supported for histograms, only sum`);
  if (keys) {
    const keep = new Set(keys);
    for (const p of m.dataPoints) for (const k of [...p.attributes.keys()]) if (!keep.has(k)) p.attributes.delete(k);
  }
  const useStart = m.aggregationTemporality === 2;
  const groups = new Map<string, DataPoint[]>();
  for (const p of m.dataPoints) {
    const key = `${attrKey(p.attributes)}|${p.timeUnixNano}|${useStart ? p.startTimeUnixNano : ""}`;
    const g = groups.get(key);
    if (g) g.push(p);
    else groups.set(key, [p]);
  }
  m.dataPoints = [...groups.values()].map((g) => merge(m.type, how, g));
}

function attrKey(a: ValueMap): string {
  return JSON.stringify([...a.keys()].sort().map((k) => [k, typeOf(a.get(k)!), asString(a.get(k)!)]));
}

function merge(type: Metric["type"], how: string, points: DataPoint[]): DataPoint {
  const [first] = points;
  if (points.length === 1 && how !== "count") return first;
  if (type === "histogram" || type === "exponential_histogram") return mergeHistograms(type, points);
  const out: DataPoint = { ...first };
  if (first.value && "asInt" in first.value) {
    const xs = points.map((p) => (p.value && "asInt" in p.value ? p.value.asInt : 0n));
    out.value = { asInt: aggregateValues(how, xs, INTS) };
  } else {
    const xs = points.map((p) => (p.value && "asDouble" in p.value ? p.value.asDouble : 0));
    out.value = { asDouble: aggregateValues(how, xs, DOUBLES) };
  }
  return out;
}

/** The arithmetic the aggregations need, for int (bigint, integer division as the collector's) and double points. */
type Arith<T> = {
  zero: T;
  add: (a: T, b: T) => T;
  div: (a: T, n: number) => T;
  cmp: (a: T, b: T) => number;
  of: (n: number) => T;
};
const INTS: Arith<bigint> = {
  zero: 0n,
  add: (a, b) => a + b,
  div: (a, n) => a / BigInt(n),
  cmp: (a, b) => (a < b ? -1 : a > b ? 1 : 0),
  of: BigInt,
};
const DOUBLES: Arith<number> = {
  zero: 0,
  add: (a, b) => a + b,
  div: (a, n) => a / n,
  cmp: (a, b) => a - b,
  of: (n) => n,
};

function aggregateValues<T>(how: string, xs: T[], ar: Arith<T>): T {
  const sum = xs.reduce(ar.add, ar.zero);
  const sorted = [...xs].sort(ar.cmp);
  switch (how) {
    case "sum":
      return sum;
    case "max":
      return sorted[sorted.length - 1];
    case "min":
      return sorted[0];
    case "mean":
      return ar.div(sum, xs.length);
    case "median": {
      const mid = Math.floor(sorted.length / 2);
      return sorted.length % 2 ? sorted[mid] : ar.div(ar.add(sorted[mid - 1], sorted[mid]), 2);
    }
    default:
      return ar.of(xs.length);
  }
}

const addCounts = (a: bigint[] | undefined, b: bigint[] | undefined) => (a ?? []).map((x, i) => x + (b?.[i] ?? 0n));

function mergeHistograms(type: Metric["type"], points: DataPoint[]): DataPoint {
  const out: DataPoint = { ...points[0], bucketCounts: points[0].bucketCounts && [...points[0].bucketCounts] };
  for (const p of points.slice(1)) {
    out.count = (out.count ?? 0n) + (p.count ?? 0n);
    if (p.sum !== undefined) out.sum = (out.sum ?? 0) + p.sum;
    if (p.min !== undefined) out.min = out.min === undefined ? p.min : Math.min(out.min, p.min);
    if (p.max !== undefined) out.max = out.max === undefined ? p.max : Math.max(out.max, p.max);
    if (type === "histogram") out.bucketCounts = addCounts(out.bucketCounts, p.bucketCounts);
    else {
      out.zeroCount = (out.zeroCount ?? 0n) + (p.zeroCount ?? 0n);
      if (out.positive && p.positive)
        out.positive = {
          offset: out.positive.offset,
          bucketCounts: addCounts(out.positive.bucketCounts, p.positive.bucketCounts),
        };
      if (out.negative && p.negative)
        out.negative = {
          offset: out.negative.offset,
          bucketCounts: addCounts(out.negative.bucketCounts, p.negative.bucketCounts),
        };
    }
  }
  return out;
}
