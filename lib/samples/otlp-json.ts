import { HEX_ID_KEYS } from "../telemetry/otlp-codec";
import type { SampleSignal } from "../db/schema";

export type OtlpJson = Record<string, unknown>;
type Obj = Record<string, unknown>;

/** The top-level array of each signal's Export*ServiceRequest. */
export const RESOURCE_KEY: Record<SampleSignal, string> = {
  logs: "resourceLogs",
  metrics: "resourceMetrics",
  traces: "resourceSpans",
};

const SCOPE_KEY: Record<SampleSignal, string> = { logs: "scopeLogs", metrics: "scopeMetrics", traces: "scopeSpans" };
const ITEM_KEY: Record<SampleSignal, string> = { logs: "logRecords", metrics: "metrics", traces: "spans" };
const METRIC_KINDS = ["gauge", "sum", "histogram", "exponentialHistogram", "summary"];

const arr = (v: unknown): Obj[] => (Array.isArray(v) ? (v as Obj[]) : []);

/** A decoded request (protobufjs object, ids as base64) as OTLP/JSON: trace and span ids in hex. */
export function toOtlpJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toOtlpJson);
  if (!value || typeof value !== "object") return value;
  const out: Obj = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = HEX_ID_KEYS.has(k) && typeof v === "string" ? Buffer.from(v, "base64").toString("hex") : toOtlpJson(v);
  }
  return out;
}

/** Records of a metric: its data points, whatever its kind. */
function dataPoints(metric: Obj): Obj[] {
  for (const kind of METRIC_KINDS) if (metric[kind]) return arr((metric[kind] as Obj).dataPoints);
  return [];
}

/** Log records, spans, or metric data points: what the capture cap and the sample's record_count count. */
export function countRecords(signal: SampleSignal, payload: OtlpJson): number {
  let n = 0;
  for (const r of arr(payload[RESOURCE_KEY[signal]])) {
    for (const s of arr(r[SCOPE_KEY[signal]])) {
      const items = arr(s[ITEM_KEY[signal]]);
      n += signal === "metrics" ? items.reduce((sum, m) => sum + dataPoints(m).length, 0) : items.length;
    }
  }
  return n;
}

/**
 * The first `limit` records of a payload, keeping their resource and scope. A metric is kept whole or cut at
 * the data point where the limit falls.
 */
export function firstRecords(
  signal: SampleSignal,
  payload: OtlpJson,
  limit: number,
): { payload: OtlpJson; count: number } {
  let left = limit;
  const resources: Obj[] = [];
  for (const r of arr(payload[RESOURCE_KEY[signal]])) {
    if (left <= 0) break;
    const scopes: Obj[] = [];
    for (const s of arr(r[SCOPE_KEY[signal]])) {
      if (left <= 0) break;
      const items: Obj[] = [];
      for (const item of arr(s[ITEM_KEY[signal]])) {
        if (left <= 0) break;
        if (signal !== "metrics") {
          items.push(item);
          left--;
          continue;
        }
        const points = dataPoints(item);
        const kind = METRIC_KINDS.find((k) => item[k]);
        if (!kind || points.length === 0) continue;
        const kept = points.slice(0, left);
        left -= kept.length;
        items.push({ ...item, [kind]: { ...(item[kind] as Obj), dataPoints: kept } });
      }
      if (items.length) scopes.push({ ...s, [ITEM_KEY[signal]]: items });
    }
    if (scopes.length) resources.push({ ...r, [SCOPE_KEY[signal]]: scopes });
  }
  return { payload: { [RESOURCE_KEY[signal]]: resources }, count: limit - left };
}

/** One request holding the records of both, in order. */
export function mergePayloads(signal: SampleSignal, a: OtlpJson | null | undefined, b: OtlpJson): OtlpJson {
  const key = RESOURCE_KEY[signal];
  return { [key]: [...arr(a?.[key]), ...arr(b[key])] };
}
