import { byteLength, typeOf, type Value, type ValueMap } from "../ottl/values";
import type {
  Batch,
  DataPoint,
  Exemplar,
  LogRecord,
  Metric,
  Resource,
  ResourceItems,
  Scope,
  ScopeItems,
  Span,
} from "./model";

/**
 * The OTLP protobuf size (Export*ServiceRequest) of a batch, computed from the protobuf wire rules instead of encoding:
 * proto3 defaults are omitted, except that resource, scope and span status are always written (as the collector's
 * pdata does) and oneof members are written when set.
 */
function varint(n: number | bigint): number {
  let v = BigInt.asUintN(64, BigInt(n));
  let size = 1;
  while (v >= 0x80n) {
    v >>= 7n;
    size++;
  }
  return size;
}

function varintNum(n: number): number {
  if (n < 0) return 10;
  if (n < 0x80) return 1;
  if (n < 0x4000) return 2;
  if (n < 0x200000) return 3;
  if (n < 0x10000000) return 4;
  return 5;
}

const tag = (field: number) => (field < 16 ? 1 : 2);
/** A length-delimited field: tag, length prefix, payload. */
const ld = (field: number, len: number) => tag(field) + varintNum(len) + len;
const str = (field: number, s: string) => (s ? ld(field, byteLength(s)) : 0);
const bytes = (field: number, b: Uint8Array) => (b.length ? ld(field, b.length) : 0);
const uvar = (field: number, n: number) => (n ? tag(field) + varintNum(n) : 0);
const fixed64 = (field: number, n: bigint | number | undefined) => (n ? tag(field) + 8 : 0);
const fixed32 = (field: number, n: number) => (n ? tag(field) + 4 : 0);
const sint32 = (field: number, n: number | undefined) => (n ? tag(field) + varintNum(n < 0 ? -2 * n - 1 : 2 * n) : 0);
const optDouble = (field: number, n: number | undefined) => (n === undefined ? 0 : tag(field) + 8);

function anyValueSize(v: Value): number {
  switch (typeOf(v)) {
    case "str":
      return ld(1, byteLength(v as string));
    case "bool":
      return 2;
    case "int":
      return 1 + varint(v as bigint);
    case "double":
      return 9;
    case "slice":
      return ld(
        5,
        (v as Value[]).reduce<number>((n, x) => n + ld(1, anyValueSize(x)), 0),
      );
    case "map":
      return ld(6, attributesSize(1, v as ValueMap));
    case "bytes":
      return ld(7, (v as Uint8Array).length);
    default:
      return 0;
  }
}

function keyValueSize(k: string, v: Value): number {
  return str(1, k) + ld(2, anyValueSize(v));
}

function attributesSize(field: number, m: ValueMap): number {
  let n = 0;
  for (const [k, v] of m) n += ld(field, keyValueSize(k, v));
  return n;
}

function resourceSize(r: Resource): number {
  return attributesSize(1, r.attributes) + uvar(2, r.droppedAttributesCount);
}

function scopeSize(s: Scope): number {
  return str(1, s.name) + str(2, s.version) + attributesSize(3, s.attributes) + uvar(4, s.droppedAttributesCount);
}

function logRecordSize(l: LogRecord): number {
  return (
    fixed64(1, l.timeUnixNano) +
    fixed64(11, l.observedTimeUnixNano) +
    uvar(2, l.severityNumber) +
    str(3, l.severityText) +
    (l.body === null ? 0 : ld(5, anyValueSize(l.body))) +
    attributesSize(6, l.attributes) +
    uvar(7, l.droppedAttributesCount) +
    fixed32(8, l.flags) +
    bytes(9, l.traceId) +
    bytes(10, l.spanId) +
    str(12, l.eventName)
  );
}

function spanSize(s: Span): number {
  let n =
    bytes(1, s.traceId) +
    bytes(2, s.spanId) +
    str(3, s.traceState) +
    bytes(4, s.parentSpanId) +
    fixed32(16, s.flags) +
    str(5, s.name) +
    uvar(6, s.kind) +
    fixed64(7, s.startTimeUnixNano) +
    fixed64(8, s.endTimeUnixNano) +
    attributesSize(9, s.attributes) +
    uvar(10, s.droppedAttributesCount) +
    uvar(12, s.droppedEventsCount) +
    uvar(14, s.droppedLinksCount) +
    ld(15, str(2, s.status.message) + uvar(3, s.status.code));
  for (const e of s.events)
    n += ld(
      11,
      fixed64(1, e.timeUnixNano) + str(2, e.name) + attributesSize(3, e.attributes) + uvar(4, e.droppedAttributesCount),
    );
  for (const l of s.links)
    n += ld(
      13,
      bytes(1, l.traceId) +
        bytes(2, l.spanId) +
        str(3, l.traceState) +
        attributesSize(4, l.attributes) +
        uvar(5, l.droppedAttributesCount) +
        fixed32(6, l.flags),
    );
  return n;
}

function exemplarSize(e: Exemplar): number {
  return (
    attributesSize(7, e.filteredAttributes) +
    fixed64(2, e.timeUnixNano) +
    tag(3) +
    8 +
    bytes(4, e.spanId) +
    bytes(5, e.traceId)
  );
}

const exemplarsSize = (field: number, xs: Exemplar[]) => xs.reduce((n, e) => n + ld(field, exemplarSize(e)), 0);
const packedFixed = (field: number, count: number) => (count ? ld(field, count * 8) : 0);
const packedVarint = (field: number, xs: bigint[]) =>
  xs.length
    ? ld(
        field,
        xs.reduce((n, x) => n + varint(x), 0),
      )
    : 0;

function dataPointSize(type: Metric["type"], p: DataPoint): number {
  const times = fixed64(2, p.startTimeUnixNano) + fixed64(3, p.timeUnixNano);
  switch (type) {
    case "gauge":
    case "sum":
      return (
        attributesSize(7, p.attributes) +
        times +
        (p.value ? tag(4) + 8 : 0) +
        exemplarsSize(5, p.exemplars) +
        uvar(8, p.flags)
      );
    case "histogram":
      return (
        attributesSize(9, p.attributes) +
        times +
        fixed64(4, p.count) +
        optDouble(5, p.sum) +
        packedFixed(6, p.bucketCounts?.length ?? 0) +
        packedFixed(7, p.explicitBounds?.length ?? 0) +
        exemplarsSize(8, p.exemplars) +
        uvar(10, p.flags) +
        optDouble(11, p.min) +
        optDouble(12, p.max)
      );
    case "exponential_histogram": {
      const buckets = (field: number, b: DataPoint["positive"]) =>
        b ? ld(field, sint32(1, b.offset) + packedVarint(2, b.bucketCounts)) : 0;
      return (
        attributesSize(1, p.attributes) +
        times +
        fixed64(4, p.count) +
        optDouble(5, p.sum) +
        sint32(6, p.scale) +
        fixed64(7, p.zeroCount) +
        buckets(8, p.positive) +
        buckets(9, p.negative) +
        uvar(10, p.flags) +
        exemplarsSize(11, p.exemplars) +
        optDouble(12, p.min) +
        optDouble(13, p.max) +
        (p.zeroThreshold ? tag(14) + 8 : 0)
      );
    }
    case "summary":
      return (
        attributesSize(7, p.attributes) +
        times +
        fixed64(4, p.count) +
        (p.sum ? tag(5) + 8 : 0) +
        (p.quantileValues ?? []).reduce((n, q) => n + ld(6, (q.quantile ? 9 : 0) + (q.value ? 9 : 0)), 0) +
        uvar(8, p.flags)
      );
  }
}

const DATA_FIELD: Record<Metric["type"], number> = {
  gauge: 5,
  sum: 7,
  histogram: 9,
  exponential_histogram: 10,
  summary: 11,
};

function metricSize(m: Metric): number {
  let data = m.dataPoints.reduce((n, p) => n + ld(1, dataPointSize(m.type, p)), 0);
  if (m.type === "sum") data += uvar(2, m.aggregationTemporality) + (m.isMonotonic ? 2 : 0);
  if (m.type === "histogram" || m.type === "exponential_histogram") data += uvar(2, m.aggregationTemporality);
  return (
    str(1, m.name) +
    str(2, m.description) +
    str(3, m.unit) +
    ld(DATA_FIELD[m.type], data) +
    attributesSize(12, m.metadata)
  );
}

function scopeItemsSize<T>(s: ScopeItems<T>, itemSize: (x: T) => number): number {
  return ld(1, scopeSize(s.scope)) + s.items.reduce((n, x) => n + ld(2, itemSize(x)), 0) + str(3, s.schemaUrl);
}

function resourceItemsSize<T>(r: ResourceItems<T>, itemSize: (x: T) => number): number {
  return (
    ld(1, resourceSize(r.resource)) +
    r.scopes.reduce((n, s) => n + ld(2, scopeItemsSize(s, itemSize)), 0) +
    str(3, r.schemaUrl)
  );
}

/** Bytes of the batch as one Export{Logs,Trace,Metrics}ServiceRequest. */
export function batchSize(batch: Batch): number {
  const itemSize = (batch.signal === "logs" ? logRecordSize : batch.signal === "traces" ? spanSize : metricSize) as (
    x: unknown,
  ) => number;
  return (batch.resources as ResourceItems<unknown>[]).reduce((n, r) => n + ld(1, resourceItemsSize(r, itemSize)), 0);
}

/** One item's own encoded size (without its resource and scope), for per-record figures. */
export function itemSize(signal: Batch["signal"], item: LogRecord | Span | Metric): number {
  return signal === "logs"
    ? logRecordSize(item as LogRecord)
    : signal === "traces"
      ? spanSize(item as Span)
      : metricSize(item as Metric);
}
