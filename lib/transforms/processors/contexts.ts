import type { Field, TransformContext } from "../ottl/context";
import { OttlSyntaxError } from "../ottl/parse";
import { fromHex, hex, isMap, type Value, type ValueMap } from "../ottl/values";
import type { DataPoint, LogRecord, Metric, MetricType, Resource, Scope, Span, SpanEvent } from "./model";

/**
 * OTTL contexts over the record model (ottllog, ottlspan, ottlspanevent, ottlmetric, ottldatapoint, ottlresource,
 * ottlscope READMEs). Paths may carry the context prefix (`log.body`, transform) or not (`body`, filter's legacy keys);
 * `resource.` and `instrumentation_scope.` reach the enclosing resource and scope, and `metric.` / `span.` the parent of a
 * data point or span event.
 */
export type ContextName = "resource" | "scope" | "log" | "span" | "spanevent" | "metric" | "datapoint";

const METRIC_TYPES: MetricType[] = ["gauge", "sum", "histogram", "exponential_histogram", "summary"];

type Parts = {
  resource: Resource;
  scope: Scope;
  log?: LogRecord;
  span?: Span;
  event?: SpanEvent;
  metric?: Metric;
  point?: DataPoint;
  aggregate?: TransformContext["aggregate"];
};

const unknown = (names: string[]): never => {
  throw new OttlSyntaxError(`unknown path ${names.join(".")}`);
};

function mapField(get: () => ValueMap, set: (m: ValueMap) => void): Field {
  return { get, set: (v) => isMap(v) && set(v) };
}

function strField(get: () => string, set: (s: string) => void): Field {
  return { get, set: (v) => typeof v === "string" && set(v) };
}

function intField(get: () => number, set: (n: number) => void): Field {
  return { get: () => BigInt(get()), set: (v) => typeof v === "bigint" && set(Number(v)) };
}

function bigField(get: () => bigint, set: (n: bigint) => void): Field {
  return { get, set: (v) => typeof v === "bigint" && set(v) };
}

function doubleField(get: () => number | undefined, set: (n: number) => void): Field {
  return { get: () => get() ?? null, set: (v) => typeof v === "number" && set(v) };
}

/** trace_id / span_id: bytes, or `.string` as lowercase hex. */
function idField(names: string[], get: () => Uint8Array, set: (b: Uint8Array) => void, size: number): Field {
  if (names.length === 1) return { get, set: (v) => v instanceof Uint8Array && v.length === size && set(v) };
  if (names[1] === "string" && names.length === 2)
    return { get: () => hex(get()), set: (v) => typeof v === "string" && /^[0-9a-f]*$/i.test(v) && v.length === size * 2 && set(fromHex(v)) };
  return unknown(names);
}

function resourceField(r: Resource, names: string[]): Field {
  if (names.length !== 1) return unknown(["resource", ...names]);
  if (names[0] === "attributes") return mapField(() => r.attributes, (m) => (r.attributes = m));
  if (names[0] === "dropped_attributes_count") return intField(() => r.droppedAttributesCount, (n) => (r.droppedAttributesCount = n));
  return unknown(["resource", ...names]);
}

function scopeField(s: Scope, names: string[]): Field {
  if (names.length !== 1) return unknown(["instrumentation_scope", ...names]);
  switch (names[0]) {
    case "name":
      return strField(() => s.name, (v) => (s.name = v));
    case "version":
      return strField(() => s.version, (v) => (s.version = v));
    case "attributes":
      return mapField(() => s.attributes, (m) => (s.attributes = m));
    case "dropped_attributes_count":
      return intField(() => s.droppedAttributesCount, (n) => (s.droppedAttributesCount = n));
  }
  return unknown(["instrumentation_scope", ...names]);
}

function logField(l: LogRecord, names: string[]): Field {
  const [head] = names;
  if (head === "trace_id") return idField(names, () => l.traceId, (b) => (l.traceId = b), 16);
  if (head === "span_id") return idField(names, () => l.spanId, (b) => (l.spanId = b), 8);
  if (names.length === 2 && head === "body" && names[1] === "string")
    return { get: () => (typeof l.body === "string" ? l.body : null), set: (v) => typeof v === "string" && (l.body = v) };
  if (names.length !== 1) return unknown(["log", ...names]);
  switch (head) {
    case "body":
      return { get: () => l.body, set: (v) => (l.body = v) };
    case "attributes":
      return mapField(() => l.attributes, (m) => (l.attributes = m));
    case "severity_number":
      return intField(() => l.severityNumber, (n) => (l.severityNumber = n));
    case "severity_text":
      return strField(() => l.severityText, (v) => (l.severityText = v));
    case "time_unix_nano":
      return bigField(() => l.timeUnixNano, (n) => (l.timeUnixNano = n));
    case "observed_time_unix_nano":
      return bigField(() => l.observedTimeUnixNano, (n) => (l.observedTimeUnixNano = n));
    case "flags":
      return intField(() => l.flags, (n) => (l.flags = n));
    case "dropped_attributes_count":
      return intField(() => l.droppedAttributesCount, (n) => (l.droppedAttributesCount = n));
    case "event_name":
      return strField(() => l.eventName, (v) => (l.eventName = v));
  }
  return unknown(["log", ...names]);
}

function spanField(s: Span, names: string[]): Field {
  const [head] = names;
  if (head === "trace_id") return idField(names, () => s.traceId, (b) => (s.traceId = b), 16);
  if (head === "span_id") return idField(names, () => s.spanId, (b) => (s.spanId = b), 8);
  if (head === "parent_span_id") return idField(names, () => s.parentSpanId, (b) => (s.parentSpanId = b), 8);
  if (head === "status" && names.length === 2) {
    if (names[1] === "code") return intField(() => s.status.code, (n) => (s.status.code = n));
    if (names[1] === "message") return strField(() => s.status.message, (v) => (s.status.message = v));
  }
  if (names.length !== 1) return unknown(["span", ...names]);
  switch (head) {
    case "name":
      return strField(() => s.name, (v) => (s.name = v));
    case "kind":
      return intField(() => s.kind, (n) => (s.kind = n));
    case "attributes":
      return mapField(() => s.attributes, (m) => (s.attributes = m));
    case "trace_state":
      return strField(() => s.traceState, (v) => (s.traceState = v));
    case "start_time_unix_nano":
      return bigField(() => s.startTimeUnixNano, (n) => (s.startTimeUnixNano = n));
    case "end_time_unix_nano":
      return bigField(() => s.endTimeUnixNano, (n) => (s.endTimeUnixNano = n));
    case "flags":
      return intField(() => s.flags, (n) => (s.flags = n));
    case "dropped_attributes_count":
      return intField(() => s.droppedAttributesCount, (n) => (s.droppedAttributesCount = n));
    case "dropped_events_count":
      return intField(() => s.droppedEventsCount, (n) => (s.droppedEventsCount = n));
    case "dropped_links_count":
      return intField(() => s.droppedLinksCount, (n) => (s.droppedLinksCount = n));
  }
  return unknown(["span", ...names]);
}

function eventField(e: SpanEvent, names: string[]): Field {
  if (names.length !== 1) return unknown(["spanevent", ...names]);
  switch (names[0]) {
    case "name":
      return strField(() => e.name, (v) => (e.name = v));
    case "attributes":
      return mapField(() => e.attributes, (m) => (e.attributes = m));
    case "time_unix_nano":
      return bigField(() => e.timeUnixNano, (n) => (e.timeUnixNano = n));
    case "dropped_attributes_count":
      return intField(() => e.droppedAttributesCount, (n) => (e.droppedAttributesCount = n));
  }
  return unknown(["spanevent", ...names]);
}

function metricField(m: Metric, names: string[]): Field {
  if (names.length !== 1) return unknown(["metric", ...names]);
  switch (names[0]) {
    case "name":
      return strField(() => m.name, (v) => (m.name = v));
    case "description":
      return strField(() => m.description, (v) => (m.description = v));
    case "unit":
      return strField(() => m.unit, (v) => (m.unit = v));
    case "type":
      // Read-only here: changing a metric's type goes through convert_* functions.
      return { get: () => BigInt(METRIC_TYPES.indexOf(m.type) + 1), set: () => undefined };
    case "aggregation_temporality":
      return intField(() => m.aggregationTemporality, (n) => (m.aggregationTemporality = n));
    case "is_monotonic":
      return { get: () => m.isMonotonic, set: (v) => typeof v === "boolean" && (m.isMonotonic = v) };
    case "metadata":
      return mapField(() => m.metadata, (x) => (m.metadata = x));
  }
  return unknown(["metric", ...names]);
}

function pointField(p: DataPoint, names: string[]): Field {
  if (names.length !== 1) return unknown(["datapoint", ...names]);
  switch (names[0]) {
    case "attributes":
      return mapField(() => p.attributes, (m) => (p.attributes = m));
    case "start_time_unix_nano":
      return bigField(() => p.startTimeUnixNano, (n) => (p.startTimeUnixNano = n));
    case "time_unix_nano":
      return bigField(() => p.timeUnixNano, (n) => (p.timeUnixNano = n));
    case "flags":
      return intField(() => p.flags, (n) => (p.flags = n));
    case "value_double":
      return { get: () => (p.value && "asDouble" in p.value ? p.value.asDouble : 0), set: (v) => typeof v === "number" && (p.value = { asDouble: v }) };
    case "value_int":
      return { get: () => (p.value && "asInt" in p.value ? p.value.asInt : 0n), set: (v) => typeof v === "bigint" && (p.value = { asInt: v }) };
    case "count":
      return bigField(() => p.count ?? 0n, (n) => (p.count = n));
    case "sum":
      return doubleField(() => p.sum, (n) => (p.sum = n));
    case "min":
      return doubleField(() => p.min, (n) => (p.min = n));
    case "max":
      return doubleField(() => p.max, (n) => (p.max = n));
    case "scale":
      return intField(() => p.scale ?? 0, (n) => (p.scale = n));
    case "zero_count":
      return bigField(() => p.zeroCount ?? 0n, (n) => (p.zeroCount = n));
    case "bucket_counts":
      return { get: () => (p.bucketCounts ?? []) as Value, set: (v) => Array.isArray(v) && v.every((x) => typeof x === "bigint") && (p.bucketCounts = v as bigint[]) };
    case "explicit_bounds":
      return { get: () => (p.explicitBounds ?? []) as Value, set: (v) => Array.isArray(v) && v.every((x) => typeof x === "number") && (p.explicitBounds = v as number[]) };
  }
  return unknown(["datapoint", ...names]);
}

const OWN: Record<ContextName, (p: Parts, names: string[]) => Field> = {
  resource: (p, n) => resourceField(p.resource, n),
  scope: (p, n) => scopeField(p.scope, n),
  log: (p, n) => logField(p.log!, n),
  span: (p, n) => spanField(p.span!, n),
  spanevent: (p, n) => eventField(p.event!, n),
  metric: (p, n) => metricField(p.metric!, n),
  datapoint: (p, n) => pointField(p.point!, n),
};

/** Builds the TransformContext for one item of a context. */
export function makeContext(kind: ContextName, parts: Parts): TransformContext {
  let cache: ValueMap | undefined;
  return {
    nondeterministic: false,
    aggregate: parts.aggregate,
    field(names) {
      const [head, ...rest] = names;
      if (head === "cache" && rest.length === 0) return mapField(() => (cache ??= new Map()), (m) => (cache = m));
      if (head === kind && kind !== "resource" && kind !== "scope") return OWN[kind](parts, rest);
      if (head === "resource") return rest.length ? resourceField(parts.resource, rest) : unknown(names);
      if (head === "instrumentation_scope" || head === "scope") return rest.length && kind !== "resource" ? scopeField(parts.scope, rest) : unknown(names);
      if (head === "metric" && parts.metric && kind === "datapoint") return metricField(parts.metric, rest);
      if (head === "span" && parts.span && kind === "spanevent") return spanField(parts.span, rest);
      return OWN[kind](parts, names);
    },
  };
}
