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

export type ContextParts = {
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

/** trace_id / span_id (`size` bytes) held in `o[key]`: bytes, or `.string` as lowercase hex. */
function idField<K extends string>(names: string[], o: Record<K, Uint8Array>, key: K, size: number): Field {
  const set = (b: Uint8Array) => (o[key] = b);
  if (names.length === 1)
    return { get: () => o[key], set: (v) => v instanceof Uint8Array && v.length === size && set(v) };
  if (names[1] === "string" && names.length === 2)
    return {
      get: () => hex(o[key]),
      set: (v) => typeof v === "string" && /^[0-9a-f]*$/i.test(v) && v.length === size * 2 && set(fromHex(v)),
    };
  return unknown(names);
}

type Plain = "str" | "int" | "big" | "map" | "double";
/** OTTL name → how the field is typed and which property holds it, for the fields that need nothing special. */
type PlainFields<T> = Record<string, [Plain, keyof T]>;

/** Plain fields listed by type: each OTTL name is its property's name in snake_case, as in the OTLP protos. */
function plainFields<T>(byType: Partial<Record<Plain, (keyof T & string)[]>>): PlainFields<T> {
  const out: PlainFields<T> = {};
  for (const [kind, keys] of Object.entries(byType) as [Plain, (keyof T & string)[]][])
    for (const key of keys) out[key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)] = [kind, key];
  return out;
}
const PLAIN: Record<Plain, (get: () => never, set: (v: unknown) => void) => Field> = {
  str: strField,
  int: intField,
  big: bigField,
  map: mapField,
  double: doubleField,
};

function plainField<T>(o: T, fields: PlainFields<T>, names: string[]): Field | undefined {
  if (names.length !== 1 || !Object.hasOwn(fields, names[0])) return undefined;
  const [kind, key] = fields[names[0]];
  return PLAIN[kind](
    () => o[key] as never,
    (v) => (o[key] = v as T[keyof T]),
  );
}

/** attributes and dropped_attributes_count, which every context but metric and datapoint has. */
const ATTRIBUTED = plainFields<Resource>({ map: ["attributes"], int: ["droppedAttributesCount"] });
const SCOPE = { ...ATTRIBUTED, ...plainFields<Scope>({ str: ["name", "version"] }) };
const LOG = {
  ...ATTRIBUTED,
  ...plainFields<LogRecord>({
    int: ["severityNumber", "flags"],
    str: ["severityText", "eventName"],
    big: ["timeUnixNano", "observedTimeUnixNano"],
  }),
};
const SPAN = {
  ...ATTRIBUTED,
  ...plainFields<Span>({
    str: ["name", "traceState"],
    int: ["kind", "flags", "droppedEventsCount", "droppedLinksCount"],
    big: ["startTimeUnixNano", "endTimeUnixNano"],
  }),
};
const EVENT = { ...ATTRIBUTED, ...plainFields<SpanEvent>({ str: ["name"], big: ["timeUnixNano"] }) };
const METRIC = plainFields<Metric>({
  str: ["name", "description", "unit"],
  int: ["aggregationTemporality"],
  map: ["metadata"],
});
const POINT = plainFields<DataPoint>({
  map: ["attributes"],
  big: ["startTimeUnixNano", "timeUnixNano"],
  int: ["flags"],
  double: ["sum", "min", "max"],
});

function resourceField(r: Resource, names: string[]): Field {
  return plainField(r, ATTRIBUTED, names) ?? unknown(["resource", ...names]);
}

function scopeField(s: Scope, names: string[]): Field {
  return plainField(s, SCOPE, names) ?? unknown(["instrumentation_scope", ...names]);
}

function logField(l: LogRecord, names: string[]): Field {
  const [head] = names;
  if (head === "trace_id") return idField(names, l, "traceId", 16);
  if (head === "span_id") return idField(names, l, "spanId", 8);
  if (names.length === 2 && head === "body" && names[1] === "string")
    return {
      get: () => (typeof l.body === "string" ? l.body : null),
      set: (v) => typeof v === "string" && (l.body = v),
    };
  if (names.length === 1 && head === "body") return { get: () => l.body, set: (v) => (l.body = v) };
  return plainField(l, LOG, names) ?? unknown(["log", ...names]);
}

function spanField(s: Span, names: string[]): Field {
  const [head] = names;
  if (head === "trace_id") return idField(names, s, "traceId", 16);
  if (head === "span_id") return idField(names, s, "spanId", 8);
  if (head === "parent_span_id") return idField(names, s, "parentSpanId", 8);
  if (head === "status" && names.length === 2) {
    if (names[1] === "code")
      return intField(
        () => s.status.code,
        (n) => (s.status.code = n),
      );
    if (names[1] === "message")
      return strField(
        () => s.status.message,
        (v) => (s.status.message = v),
      );
  }
  return plainField(s, SPAN, names) ?? unknown(["span", ...names]);
}

function eventField(e: SpanEvent, names: string[]): Field {
  return plainField(e, EVENT, names) ?? unknown(["spanevent", ...names]);
}

function metricField(m: Metric, names: string[]): Field {
  if (names.length === 1 && names[0] === "type")
    // Read-only here: changing a metric's type goes through convert_* functions.
    return { get: () => BigInt(METRIC_TYPES.indexOf(m.type) + 1), set: () => undefined };
  if (names.length === 1 && names[0] === "is_monotonic")
    return { get: () => m.isMonotonic, set: (v) => typeof v === "boolean" && (m.isMonotonic = v) };
  return plainField(m, METRIC, names) ?? unknown(["metric", ...names]);
}

function pointField(p: DataPoint, names: string[]): Field {
  if (names.length !== 1) return unknown(["datapoint", ...names]);
  switch (names[0]) {
    case "value_double":
      return {
        get: () => (p.value && "asDouble" in p.value ? p.value.asDouble : 0),
        set: (v) => typeof v === "number" && (p.value = { asDouble: v }),
      };
    case "value_int":
      return {
        get: () => (p.value && "asInt" in p.value ? p.value.asInt : 0n),
        set: (v) => typeof v === "bigint" && (p.value = { asInt: v }),
      };
    case "count":
      return bigField(
        () => p.count ?? 0n,
        (n) => (p.count = n),
      );
    case "scale":
      return intField(
        () => p.scale ?? 0,
        (n) => (p.scale = n),
      );
    case "zero_count":
      return bigField(
        () => p.zeroCount ?? 0n,
        (n) => (p.zeroCount = n),
      );
    case "bucket_counts":
      return {
        get: () => (p.bucketCounts ?? []) as Value,
        set: (v) => Array.isArray(v) && v.every((x) => typeof x === "bigint") && (p.bucketCounts = v as bigint[]),
      };
    case "explicit_bounds":
      return {
        get: () => (p.explicitBounds ?? []) as Value,
        set: (v) => Array.isArray(v) && v.every((x) => typeof x === "number") && (p.explicitBounds = v as number[]),
      };
  }
  return plainField(p, POINT, names) ?? unknown(["datapoint", ...names]);
}

const OWN: Record<ContextName, (p: ContextParts, names: string[]) => Field> = {
  resource: (p, n) => resourceField(p.resource, n),
  scope: (p, n) => scopeField(p.scope, n),
  log: (p, n) => logField(p.log!, n),
  span: (p, n) => spanField(p.span!, n),
  spanevent: (p, n) => eventField(p.event!, n),
  metric: (p, n) => metricField(p.metric!, n),
  datapoint: (p, n) => pointField(p.point!, n),
};

/** Builds the TransformContext for one item of a context. */
export function makeContext(kind: ContextName, parts: ContextParts): TransformContext {
  let cache: ValueMap | undefined;
  return {
    nondeterministic: false,
    aggregate: parts.aggregate,
    field(names) {
      const [head, ...rest] = names;
      if (head === "cache" && rest.length === 0)
        return mapField(
          () => (cache ??= new Map()),
          (m) => (cache = m),
        );
      if (head === kind && kind !== "resource" && kind !== "scope") return OWN[kind](parts, rest);
      if (head === "resource") return rest.length ? resourceField(parts.resource, rest) : unknown(names);
      if (head === "instrumentation_scope" || head === "scope")
        return rest.length && kind !== "resource" ? scopeField(parts.scope, rest) : unknown(names);
      if (head === "metric" && parts.metric && kind === "datapoint") return metricField(parts.metric, rest);
      if (head === "span" && parts.span && kind === "spanevent") return spanField(parts.span, rest);
      return OWN[kind](parts, names);
    },
  };
}
