import { InvalidInputError, PayloadTooLargeError } from "../errors";
import { ENUMS } from "./ottl/enums";
import { byteLength, fromBase64, fromHex, fromJSON, type Value, type ValueMap } from "./ottl/values";
import {
  newLogRecord,
  type Batch,
  type Buckets,
  type DataPoint,
  type Exemplar,
  type LogRecord,
  type Metric,
  type MetricType,
  type Resource,
  type ResourceItems,
  type Scope,
  type ScopeItems,
  type Span,
} from "./processors/model";
import type { Signal } from "./types";

/**
 * Sample input for the preview, parsed into the record model: pasted lines (each a log body), pasted JSON (one object
 * per line, or an array; each object becomes a log's body map or its attributes) and OTLP/JSON (logs, metrics or
 * traces; int64s as strings become BigInt, ids are hex). Browser-safe: the studio parses on the client.
 */
export type SampleFormat = "auto" | "lines" | "json" | "otlp";

export type SampleOptions = {
  format?: SampleFormat;
  /** Where pasted JSON objects go (logs only). */
  jsonInto?: "body" | "attributes";
  /** Reject larger input (bytes of UTF-8). */
  maxBytes?: number;
};

export const DEFAULT_MAX_SAMPLE_BYTES = 5 * 1024 * 1024;

const ROOT_KEY: Record<Signal, string> = { logs: "resourceLogs", metrics: "resourceMetrics", traces: "resourceSpans" };
const SCOPE_KEY: Record<Signal, string> = { logs: "scopeLogs", metrics: "scopeMetrics", traces: "scopeSpans" };
const ITEM_KEY: Record<Signal, string> = { logs: "logRecords", metrics: "metrics", traces: "spans" };

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

function bad(msg: string): never {
  throw new InvalidInputError(msg);
}

function checkSize(text: string, maxBytes: number): void {
  const size = byteLength(text);
  if (size > maxBytes)
    throw new PayloadTooLargeError(
      `The sample is ${(size / 1048576).toFixed(1)} MB; the limit is ${(maxBytes / 1048576).toFixed(1)} MB`,
    );
}

/** Parses pasted or uploaded sample text for a signal. */
export function parseSamples(signal: Signal, text: string, options: SampleOptions = {}): Batch {
  checkSize(text, options.maxBytes ?? DEFAULT_MAX_SAMPLE_BYTES);
  const format = options.format ?? "auto";
  if (format === "otlp") return parseOtlpJson(signal, text, options);
  const docs = format === "lines" ? null : parseJsonDocs(text);
  if (docs && docs.some((d) => isObj(d) && Object.keys(ROOT_KEY).some((s) => ROOT_KEY[s as Signal] in d)))
    return fromOtlpDocs(signal, docs);
  if (signal !== "logs")
    bad(
      `Expected OTLP/JSON ${signal} (an object with a "${ROOT_KEY[signal]}" array); pasted lines and JSON objects are log samples`,
    );
  if (format === "json" && !docs) bad("Expected JSON: one object per line, or an array of objects");
  if (docs) {
    const objects = docs.flatMap((d) => (Array.isArray(d) ? d : [d]));
    return logsBatch(
      objects.map((o) =>
        options.jsonInto === "attributes" && isObj(o) ? { attributes: fromJSON(o) as ValueMap } : { body: fromJSON(o) },
      ),
    );
  }
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "");
  return logsBatch(lines.map((body) => ({ body })));
}

/** Parses an uploaded OTLP/JSON file (one export request, or one per line as the file exporter writes them). */
export function parseOtlpJson(signal: Signal, text: string, options: Pick<SampleOptions, "maxBytes"> = {}): Batch {
  checkSize(text, options.maxBytes ?? DEFAULT_MAX_SAMPLE_BYTES);
  const docs = parseJsonDocs(text);
  if (!docs || !docs.every((d) => isObj(d) && Array.isArray(d[ROOT_KEY[signal]])))
    bad(
      `Not an OTLP/JSON ${signal} file: expected a JSON object with a "${ROOT_KEY[signal]}" array (the OTLP/HTTP JSON encoding, or the collector's file exporter output)`,
    );
  return fromOtlpDocs(signal, docs);
}

/** A whole JSON document, or one per non-empty line; null when the text is not JSON. */
function parseJsonDocs(text: string): unknown[] | null {
  const t = text.trim();
  if (!t.startsWith("{") && !t.startsWith("[")) return null;
  try {
    return [JSON.parse(t)];
  } catch {
    try {
      return t
        .split(/\r?\n/)
        .filter((l) => l.trim() !== "")
        .map((l) => JSON.parse(l));
    } catch {
      return null;
    }
  }
}

function emptyResource(): Resource {
  return { attributes: new Map(), droppedAttributesCount: 0 };
}
function emptyScope(): Scope {
  return { name: "", version: "", attributes: new Map(), droppedAttributesCount: 0 };
}

function logsBatch(parts: Partial<LogRecord>[]): Batch {
  const items = parts.map((p, id) => ({ ...newLogRecord(id), ...p }));
  return {
    signal: "logs",
    resources: [{ resource: emptyResource(), schemaUrl: "", scopes: [{ scope: emptyScope(), schemaUrl: "", items }] }],
  };
}

// --- OTLP/JSON ---------------------------------------------------------------------------------------------------

function int64(v: unknown, where: string): bigint {
  if (v === undefined || v === null) return 0n;
  if (typeof v === "string" && /^-?\d+$/.test(v)) return BigInt(v);
  if (typeof v === "number" && Number.isInteger(v)) return BigInt(v);
  return bad(`${where}: expected an integer (OTLP/JSON writes 64-bit integers as strings)`);
}

function int32(v: unknown, where: string): number {
  return Number(int64(v, where));
}

function double(v: unknown, where: string): number {
  if (v === undefined || v === null) return 0;
  if (typeof v === "number") return v;
  if (v === "NaN") return NaN;
  if (v === "Infinity") return Infinity;
  if (v === "-Infinity") return -Infinity;
  if (typeof v === "string" && v.trim() !== "" && !Number.isNaN(Number(v))) return Number(v);
  return bad(`${where}: expected a number`);
}

function optDouble(v: unknown, where: string): number | undefined {
  return v === undefined || v === null ? undefined : double(v, where);
}

function str(v: unknown): string {
  return typeof v === "string" ? v : "";
}

function id(v: unknown, size: number, where: string): Uint8Array {
  if (v === undefined || v === null || v === "") return new Uint8Array(0);
  if (typeof v !== "string" || !new RegExp(`^[0-9a-fA-F]{${size * 2}}$`).test(v))
    bad(`${where}: expected ${size * 2} hex digits`);
  return fromHex(v);
}

/** An enum as a number or its proto name (`SEVERITY_NUMBER_INFO`, `SPAN_KIND_SERVER`). */
function enumValue(v: unknown, where: string): number {
  if (typeof v === "string" && !/^\d+$/.test(v)) {
    const n = ENUMS[v];
    if (n === undefined) bad(`${where}: unknown enum value ${v}`);
    return Number(n);
  }
  return int32(v, where);
}

function anyValue(v: unknown, where: string): Value {
  if (!isObj(v)) return null;
  if ("stringValue" in v) return str(v.stringValue);
  if ("boolValue" in v) return v.boolValue === true;
  if ("intValue" in v) return int64(v.intValue, where);
  if ("doubleValue" in v) return double(v.doubleValue, where);
  if ("bytesValue" in v) return fromBase64(str(v.bytesValue));
  if ("arrayValue" in v)
    return ((isObj(v.arrayValue) && Array.isArray(v.arrayValue.values) ? v.arrayValue.values : []) as unknown[]).map(
      (x) => anyValue(x, where),
    );
  if ("kvlistValue" in v) return keyValues(isObj(v.kvlistValue) ? v.kvlistValue.values : [], where);
  return null;
}

function keyValues(v: unknown, where: string): ValueMap {
  const m: ValueMap = new Map();
  if (!Array.isArray(v)) return m;
  for (const kv of v)
    if (isObj(kv) && typeof kv.key === "string") m.set(kv.key, anyValue(kv.value, `${where}["${kv.key}"]`));
  return m;
}

function list(v: unknown): Obj[] {
  return Array.isArray(v) ? v.filter(isObj) : [];
}

function resourceOf(v: unknown): Resource {
  const r = isObj(v) ? v : {};
  return {
    attributes: keyValues(r.attributes, "resource.attributes"),
    droppedAttributesCount: int32(r.droppedAttributesCount, "resource"),
  };
}

function scopeOf(v: unknown): Scope {
  const s = isObj(v) ? v : {};
  return {
    name: str(s.name),
    version: str(s.version),
    attributes: keyValues(s.attributes, "scope.attributes"),
    droppedAttributesCount: int32(s.droppedAttributesCount, "scope"),
  };
}

function fromOtlpDocs(signal: Signal, docs: unknown[]): Batch {
  let next = 0;
  const item = signal === "logs" ? logOf : signal === "traces" ? spanOf : metricOf;
  const resources: ResourceItems<unknown>[] = [];
  for (const doc of docs) {
    if (!isObj(doc) || !Array.isArray(doc[ROOT_KEY[signal]])) {
      const other = isObj(doc) ? (Object.keys(ROOT_KEY) as Signal[]).find((s) => ROOT_KEY[s] in doc) : undefined;
      bad(
        other ? `This is OTLP/JSON ${other}, not ${signal}` : `Expected OTLP/JSON with a "${ROOT_KEY[signal]}" array`,
      );
    }
    for (const r of list(doc[ROOT_KEY[signal]]))
      resources.push({
        resource: resourceOf(r.resource),
        schemaUrl: str(r.schemaUrl),
        scopes: list(r[SCOPE_KEY[signal]]).map((s): ScopeItems<unknown> => ({
          scope: scopeOf(s.scope),
          schemaUrl: str(s.schemaUrl),
          items: list(s[ITEM_KEY[signal]]).map((x) => item(x, next++)),
        })),
      });
  }
  return { signal, resources } as Batch;
}

function logOf(o: Obj, n: number): LogRecord {
  const where = `logRecords[${n}]`;
  return {
    id: n,
    timeUnixNano: int64(o.timeUnixNano, where),
    observedTimeUnixNano: int64(o.observedTimeUnixNano, where),
    severityNumber: enumValue(o.severityNumber, where),
    severityText: str(o.severityText),
    body: anyValue(o.body, `${where}.body`),
    attributes: keyValues(o.attributes, `${where}.attributes`),
    droppedAttributesCount: int32(o.droppedAttributesCount, where),
    flags: int32(o.flags, where),
    traceId: id(o.traceId, 16, `${where}.traceId`),
    spanId: id(o.spanId, 8, `${where}.spanId`),
    eventName: str(o.eventName),
  };
}

function spanOf(o: Obj, n: number): Span {
  const where = `spans[${n}]`;
  const status = isObj(o.status) ? o.status : {};
  return {
    id: n,
    traceId: id(o.traceId, 16, `${where}.traceId`),
    spanId: id(o.spanId, 8, `${where}.spanId`),
    traceState: str(o.traceState),
    parentSpanId: id(o.parentSpanId, 8, `${where}.parentSpanId`),
    flags: int32(o.flags, where),
    name: str(o.name),
    kind: enumValue(o.kind, where),
    startTimeUnixNano: int64(o.startTimeUnixNano, where),
    endTimeUnixNano: int64(o.endTimeUnixNano, where),
    attributes: keyValues(o.attributes, `${where}.attributes`),
    droppedAttributesCount: int32(o.droppedAttributesCount, where),
    events: list(o.events).map((e) => ({
      timeUnixNano: int64(e.timeUnixNano, where),
      name: str(e.name),
      attributes: keyValues(e.attributes, `${where}.events`),
      droppedAttributesCount: int32(e.droppedAttributesCount, where),
    })),
    droppedEventsCount: int32(o.droppedEventsCount, where),
    links: list(o.links).map((l) => ({
      traceId: id(l.traceId, 16, `${where}.links.traceId`),
      spanId: id(l.spanId, 8, `${where}.links.spanId`),
      traceState: str(l.traceState),
      attributes: keyValues(l.attributes, `${where}.links`),
      droppedAttributesCount: int32(l.droppedAttributesCount, where),
      flags: int32(l.flags, where),
    })),
    droppedLinksCount: int32(o.droppedLinksCount, where),
    status: { message: str(status.message), code: enumValue(status.code, `${where}.status`) },
  };
}

const METRIC_KEYS: Record<string, MetricType> = {
  gauge: "gauge",
  sum: "sum",
  histogram: "histogram",
  exponentialHistogram: "exponential_histogram",
  summary: "summary",
};

function numberValue(o: Obj, where: string): DataPoint["value"] {
  if ("asInt" in o) return { asInt: int64(o.asInt, where) };
  if ("asDouble" in o) return { asDouble: double(o.asDouble, where) };
  return undefined;
}

function exemplarOf(e: Obj, where: string): Exemplar {
  return {
    filteredAttributes: keyValues(e.filteredAttributes, where),
    timeUnixNano: int64(e.timeUnixNano, where),
    value: numberValue(e, where) ?? { asDouble: 0 },
    spanId: id(e.spanId, 8, `${where}.spanId`),
    traceId: id(e.traceId, 16, `${where}.traceId`),
  };
}

function buckets(v: unknown, where: string): Buckets | undefined {
  if (!isObj(v)) return undefined;
  return {
    offset: int32(v.offset, where),
    bucketCounts: (Array.isArray(v.bucketCounts) ? v.bucketCounts : []).map((x) => int64(x, where)),
  };
}

function pointOf(type: MetricType, o: Obj, where: string): DataPoint {
  const p: DataPoint = {
    attributes: keyValues(o.attributes, `${where}.attributes`),
    startTimeUnixNano: int64(o.startTimeUnixNano, where),
    timeUnixNano: int64(o.timeUnixNano, where),
    flags: int32(o.flags, where),
    exemplars: list(o.exemplars).map((e) => exemplarOf(e, `${where}.exemplars`)),
  };
  if (type === "gauge" || type === "sum") p.value = numberValue(o, where);
  else {
    p.count = int64(o.count, where);
    p.sum = optDouble(o.sum, where);
  }
  if (type === "histogram" || type === "exponential_histogram") {
    p.min = optDouble(o.min, where);
    p.max = optDouble(o.max, where);
  }
  if (type === "histogram") {
    p.bucketCounts = (Array.isArray(o.bucketCounts) ? o.bucketCounts : []).map((x) => int64(x, where));
    p.explicitBounds = (Array.isArray(o.explicitBounds) ? o.explicitBounds : []).map((x) => double(x, where));
  }
  if (type === "exponential_histogram") {
    p.scale = int32(o.scale ?? 0, where);
    p.zeroCount = int64(o.zeroCount, where);
    p.zeroThreshold = optDouble(o.zeroThreshold, where);
    p.positive = buckets(o.positive, where);
    p.negative = buckets(o.negative, where);
  }
  if (type === "summary")
    p.quantileValues = list(o.quantileValues).map((q) => ({
      quantile: double(q.quantile, where),
      value: double(q.value, where),
    }));
  return p;
}

function metricOf(o: Obj, n: number): Metric {
  const where = `metrics[${n}]`;
  const key = Object.keys(METRIC_KEYS).find((k) => isObj(o[k]));
  if (!key) bad(`${where} (${str(o.name)}): no gauge, sum, histogram, exponentialHistogram or summary`);
  const type = METRIC_KEYS[key];
  const data = o[key] as Obj;
  return {
    id: n,
    name: str(o.name),
    description: str(o.description),
    unit: str(o.unit),
    type,
    aggregationTemporality: type === "gauge" || type === "summary" ? 0 : enumValue(data.aggregationTemporality, where),
    isMonotonic: type === "sum" && data.isMonotonic === true,
    dataPoints: list(data.dataPoints).map((p, i) => pointOf(type, p, `${where}.dataPoints[${i}]`)),
    metadata: keyValues(o.metadata, `${where}.metadata`),
  };
}
