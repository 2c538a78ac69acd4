import { cloneMap, cloneValue, type Value, type ValueMap } from "../ottl/values";

/** OTLP pairs every attribute map with the count of attributes dropped before export. */
type Attributed = { attributes: ValueMap; droppedAttributesCount: number };

/**
 * The record model the preview's processors run on: OTLP's nesting (resource → scope → items) with pcommon values,
 * int64 fields as BigInt. Every log record, span and metric carries `id`, its position in the parsed sample, so the
 * preview can pair each record before and after.
 */
export type Resource = Attributed;
export type Scope = Attributed & { name: string; version: string };

export type LogRecord = Attributed & {
  id: number;
  timeUnixNano: bigint;
  observedTimeUnixNano: bigint;
  severityNumber: number;
  severityText: string;
  body: Value;
  flags: number;
  traceId: Uint8Array;
  spanId: Uint8Array;
  eventName: string;
};

export type SpanEvent = Attributed & { timeUnixNano: bigint; name: string };
export type SpanLink = Attributed & { traceId: Uint8Array; spanId: Uint8Array; traceState: string; flags: number };

export type Span = Attributed & {
  id: number;
  traceId: Uint8Array;
  spanId: Uint8Array;
  traceState: string;
  parentSpanId: Uint8Array;
  flags: number;
  name: string;
  kind: number;
  startTimeUnixNano: bigint;
  endTimeUnixNano: bigint;
  events: SpanEvent[];
  droppedEventsCount: number;
  links: SpanLink[];
  droppedLinksCount: number;
  status: { message: string; code: number };
};

export type MetricType = "gauge" | "sum" | "histogram" | "exponential_histogram" | "summary";

export type Exemplar = {
  filteredAttributes: ValueMap;
  timeUnixNano: bigint;
  value: { asDouble: number } | { asInt: bigint };
  spanId: Uint8Array;
  traceId: Uint8Array;
};

export type Buckets = { offset: number; bucketCounts: bigint[] };

/** One data point; which fields are set depends on the metric type (number points carry `value`). */
export type DataPoint = {
  attributes: ValueMap;
  startTimeUnixNano: bigint;
  timeUnixNano: bigint;
  flags: number;
  exemplars: Exemplar[];
  value?: { asDouble: number } | { asInt: bigint };
  count?: bigint;
  sum?: number;
  min?: number;
  max?: number;
  bucketCounts?: bigint[];
  explicitBounds?: number[];
  scale?: number;
  zeroCount?: bigint;
  zeroThreshold?: number;
  positive?: Buckets;
  negative?: Buckets;
  quantileValues?: { quantile: number; value: number }[];
};

export type Metric = {
  id: number;
  name: string;
  description: string;
  unit: string;
  type: MetricType;
  /** Sum, histogram and exponential histogram only. */
  aggregationTemporality: number;
  isMonotonic: boolean;
  dataPoints: DataPoint[];
  metadata: ValueMap;
};

export type ScopeItems<T> = { scope: Scope; schemaUrl: string; items: T[] };
export type ResourceItems<T> = { resource: Resource; schemaUrl: string; scopes: ScopeItems<T>[] };

export type Batch =
  | { signal: "logs"; resources: ResourceItems<LogRecord>[] }
  | { signal: "traces"; resources: ResourceItems<Span>[] }
  | { signal: "metrics"; resources: ResourceItems<Metric>[] };

export type Item = LogRecord | Span | Metric;

/** Every item with its resource and scope, in order. */
export function* itemsOf(
  batch: Batch,
): Generator<{ resource: ResourceItems<Item>; scope: ScopeItems<Item>; item: Item }> {
  for (const resource of batch.resources as ResourceItems<Item>[])
    for (const scope of resource.scopes) for (const item of scope.items) yield { resource, scope, item };
}

/** Drops scopes and resources left empty by a processor, as pdata's RemoveIf chains do in filter. */
export function pruneEmpty(batch: Batch): void {
  const resources = batch.resources as ResourceItems<Item>[];
  for (const r of resources) r.scopes = r.scopes.filter((s) => s.items.length > 0);
  batch.resources = resources.filter((r) => r.scopes.length > 0) as never;
}

const cloneScope = (s: Scope): Scope => ({ ...s, attributes: cloneMap(s.attributes) });

function cloneItem(signal: Batch["signal"], item: Item): Item {
  if (signal === "logs") {
    const l = item as LogRecord;
    return { ...l, body: cloneValue(l.body), attributes: cloneMap(l.attributes) };
  }
  if (signal === "traces") {
    const s = item as Span;
    return {
      ...s,
      attributes: cloneMap(s.attributes),
      events: s.events.map((e) => ({ ...e, attributes: cloneMap(e.attributes) })),
      links: s.links.map((l) => ({ ...l, attributes: cloneMap(l.attributes) })),
      status: { ...s.status },
    };
  }
  const m = item as Metric;
  return {
    ...m,
    metadata: cloneMap(m.metadata),
    dataPoints: m.dataPoints.map((p) => ({
      ...p,
      attributes: cloneMap(p.attributes),
      exemplars: p.exemplars.map((e) => ({ ...e, filteredAttributes: cloneMap(e.filteredAttributes) })),
      bucketCounts: p.bucketCounts && [...p.bucketCounts],
      explicitBounds: p.explicitBounds && [...p.explicitBounds],
      positive: p.positive && { ...p.positive, bucketCounts: [...p.positive.bucketCounts] },
      negative: p.negative && { ...p.negative, bucketCounts: [...p.negative.bucketCounts] },
      quantileValues: p.quantileValues && p.quantileValues.map((q) => ({ ...q })),
    })),
  };
}

/** A deep copy the processors may mutate (ids and byte arrays are never written in place, so they are shared). */
export function cloneBatch(batch: Batch): Batch {
  const resources = (batch.resources as ResourceItems<Item>[]).map((r) => ({
    ...r,
    resource: { ...r.resource, attributes: cloneMap(r.resource.attributes) },
    scopes: r.scopes.map((s) => ({
      ...s,
      scope: cloneScope(s.scope),
      items: s.items.map((i) => cloneItem(batch.signal, i)),
    })),
  }));
  return { signal: batch.signal, resources } as Batch;
}

/** A log record with every field at its OTLP default, as a sample or a test builds one up. */
export function newLogRecord(id: number): LogRecord {
  return {
    id,
    timeUnixNano: 0n,
    observedTimeUnixNano: 0n,
    severityNumber: 0,
    severityText: "",
    body: null,
    attributes: new Map(),
    droppedAttributesCount: 0,
    flags: 0,
    traceId: new Uint8Array(0),
    spanId: new Uint8Array(0),
    eventName: "",
  };
}
