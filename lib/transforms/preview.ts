import { InvalidInputError } from "../errors";
import { display, hex, isMap, type Value, type ValueMap } from "./ottl/values";
import { runFilter } from "./processors/filter";
import { cloneBatch, itemsOf, type Batch, type Item, type LogRecord, type Metric, type Span } from "./processors/model";
import { batchSize, itemSize } from "./processors/otlp-size";
import { runRedaction } from "./processors/redaction";
import { BatchDroppedError, ProcessorConfigError, type ProcessorImpl, type Recorder } from "./processors/run";
import { runSampler } from "./processors/sampler";
import { runTransform } from "./processors/transform";
import type { CompiledProcessor, CompiledTransform } from "./types";

/**
 * The studio preview: runs the compiled processors (not the step model) over a sample batch, in pipeline order, and
 * reports each record before and after with its changed fields, plus totals in records, OTLP bytes and, for metrics,
 * data points and distinct series. Browser-safe and synchronous.
 */
export type ChangeKind = "added" | "changed" | "removed" | "redacted";
export type FieldChange = { path: string; kind: ChangeKind; before?: string; after?: string };

export type PreviewRecord = {
  id: number;
  /** Display fields (`body`, `attributes["k"]`, `resource.attributes["k"]`, `datapoint{state="idle"}.value`, …). */
  before: Record<string, string>;
  after: Record<string, string> | null;
  changes: FieldChange[];
  dropped: boolean;
  /** Statements or conditions that failed for this record and were skipped (`error_mode: ignore`). */
  errors: string[];
  /** The outcome depends on a random choice of the collector (`limit`) or on sampling. */
  nondeterministic: boolean;
  bytesBefore: number;
  bytesAfter: number;
};

export type Figures = { records: number; bytes: number; dataPoints?: number; series?: number };

export type PreviewTotals = {
  recordsIn: number;
  recordsOut: number;
  bytesIn: number;
  bytesOut: number;
  /** Share of OTLP bytes removed, 0–100. */
  percentSaved: number;
  dataPointsIn?: number;
  dataPointsOut?: number;
  seriesIn?: number;
  seriesOut?: number;
};

export type PreviewResult = {
  signal: Batch["signal"];
  records: PreviewRecord[];
  totals: PreviewTotals;
  /** Figures after each processor (after each group of a transform processor), in pipeline order. */
  steps: { processorId: string; stepIndexes: number[]; figures: Figures }[];
  /** A sampler ran: which records survive is a per-item hash decision, shown as an estimate. */
  statistical: boolean;
  /** The collector would reject this config; the preview stops at the failing processor. */
  configError?: string;
  /** Under `error_mode: propagate` a failing statement drops the whole payload. */
  batchDropped?: string;
  /** The batch after the last processor that ran. */
  output: Batch;
  elapsedMs: number;
};

const IMPLS: Record<CompiledProcessor["type"], ProcessorImpl | undefined> = {
  transform: runTransform,
  filter: runFilter,
  probabilistic_sampler: runSampler,
  redaction: runRedaction,
  attributes: undefined,
};

/**
 * The collector's config resolver runs before any processor sees its config: `$$` is a literal `$`, and `${...}` is
 * an environment/provider reference the compiler must never emit.
 */
function resolveConfig(v: unknown): unknown {
  if (typeof v === "string") {
    if (/(^|[^$])(\$\$)*\$\{/.test(v))
      throw new ProcessorConfigError(
        `${JSON.stringify(v)} holds a \${...} reference the config resolver would expand; write $$ for a literal $`,
      );
    return v.replace(/\$\$/g, () => "$");
  }
  if (Array.isArray(v)) return v.map(resolveConfig);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolveConfig(x)]));
  return v;
}

const now = () => (typeof performance !== "undefined" ? performance.now() : Date.now());

/** Runs the preview; `samples` is not modified (parse it once and pass the same object again after each edit). */
export function previewTransform(compiled: CompiledTransform, samples: Batch): PreviewResult {
  const started = now();
  if (samples.signal !== compiled.signal)
    throw new InvalidInputError(`The samples are ${samples.signal}; this transform is for ${compiled.signal}`);
  const input = samples;
  let batch = cloneBatch(samples);
  const errors = new Map<number, string[]>();
  const random = new Set<number>();
  const rec: Recorder = {
    error(ids, message) {
      for (const id of ids) {
        const list = errors.get(id) ?? [];
        if (!list.includes(message)) list.push(message);
        errors.set(id, list);
      }
    },
    nondeterministic(ids) {
      for (const id of ids) random.add(id);
    },
  };
  const steps: PreviewResult["steps"] = [];
  let configError: string | undefined;
  let batchDropped: string | undefined;
  for (const p of compiled.processors) {
    const impl = IMPLS[p.type];
    const groups = p.type === "transform" && p.stepIndexes.length > 1;
    rec.groupDone = groups
      ? (i) => steps.push({ processorId: p.id, stepIndexes: [p.stepIndexes[i]], figures: figures(batch) })
      : undefined;
    try {
      if (!impl) throw new ProcessorConfigError(`the preview does not model the ${p.type} processor`);
      impl(batch, { ...p, config: resolveConfig(p.config) as Record<string, unknown> }, rec);
    } catch (err) {
      if (err instanceof ProcessorConfigError) configError = `${p.id}: ${err.message}`;
      else if (err instanceof BatchDroppedError) {
        batchDropped = err.message;
        batch = { signal: batch.signal, resources: [] } as Batch;
      } else throw err;
    }
    if (configError) break;
    if (!groups || batchDropped) steps.push({ processorId: p.id, stepIndexes: p.stepIndexes, figures: figures(batch) });
    if (batchDropped) break;
  }
  const output = configError ? input : batch;
  const afterById = new Map<number, { item: Item; resource: ValueMap; scope: string }>();
  for (const { resource, scope, item } of itemsOf(output))
    afterById.set(item.id, { item, resource: resource.resource.attributes, scope: scope.scope.name });
  const seen = beforeOf(input);
  const records: PreviewRecord[] = [];
  for (const { item, before, bytes } of seen.items) {
    const a = afterById.get(item.id);
    const after = a ? flatten(input.signal, a.item, a.resource, a.scope) : null;
    records.push({
      id: item.id,
      before,
      after,
      changes: after ? diff(before, after) : [],
      dropped: !after,
      errors: errors.get(item.id) ?? [],
      nondeterministic: random.has(item.id),
      bytesBefore: bytes,
      bytesAfter: a ? itemSize(input.signal, a.item) : 0,
    });
  }
  const fin = seen.figures;
  const fout = figures(output);
  const totals: PreviewTotals = {
    recordsIn: fin.records,
    recordsOut: fout.records,
    bytesIn: fin.bytes,
    bytesOut: fout.bytes,
    percentSaved: fin.bytes ? Math.round(((fin.bytes - fout.bytes) / fin.bytes) * 1000) / 10 : 0,
  };
  if (input.signal === "metrics")
    Object.assign(totals, {
      dataPointsIn: fin.dataPoints,
      dataPointsOut: fout.dataPoints,
      seriesIn: fin.series,
      seriesOut: fout.series,
    });
  return {
    signal: input.signal,
    records,
    totals,
    steps,
    statistical: compiled.processors.some((p) => p.type === "probabilistic_sampler"),
    configError,
    batchDropped,
    output,
    elapsedMs: now() - started,
  };
}

type Before = { items: { item: Item; before: Record<string, string>; bytes: number }[]; figures: Figures };

/** The studio re-runs the preview on the same samples at every edit: their side of the diff is computed once. */
const beforeCache = new WeakMap<Batch, Before>();

function beforeOf(input: Batch): Before {
  let b = beforeCache.get(input);
  if (!b) {
    const items = [...itemsOf(input)].map(({ resource, scope, item }) => ({
      item,
      before: flatten(input.signal, item, resource.resource.attributes, scope.scope.name),
      bytes: itemSize(input.signal, item),
    }));
    b = { items, figures: figures(input) };
    beforeCache.set(input, b);
  }
  return b;
}

function mapKey(m: ValueMap): string {
  return JSON.stringify([...m.keys()].sort().map((k) => [k, display(m.get(k)!)]));
}

/** Records, bytes and, for metrics, data points and distinct series (metric name + point attributes + resource). */
export function figures(batch: Batch): Figures {
  let records = 0;
  let dataPoints = 0;
  const series = new Set<string>();
  for (const { resource, item } of itemsOf(batch)) {
    records++;
    if (batch.signal !== "metrics") continue;
    const m = item as Metric;
    dataPoints += m.dataPoints.length;
    const r = mapKey(resource.resource.attributes);
    for (const p of m.dataPoints) series.add(`${r}\u0000${m.name}\u0000${mapKey(p.attributes)}`);
  }
  const out: Figures = { records, bytes: batchSize(batch) };
  if (batch.signal === "metrics") Object.assign(out, { dataPoints, series: series.size });
  return out;
}

function putMap(out: Record<string, string>, prefix: string, m: ValueMap): void {
  for (const [k, v] of m) out[`${prefix}[${JSON.stringify(k)}]`] = display(v);
}

function flatten(signal: Batch["signal"], item: Item, resource: ValueMap, scope: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (signal === "logs") {
    const l = item as LogRecord;
    if (isMap(l.body)) putMap(out, "body", l.body);
    else out.body = display(l.body);
    out.severity_number = String(l.severityNumber);
    out.severity_text = JSON.stringify(l.severityText);
    if (l.traceId.length) out.trace_id = hex(l.traceId);
    putMap(out, "attributes", l.attributes);
  } else if (signal === "traces") {
    const s = item as Span;
    out.name = JSON.stringify(s.name);
    out.kind = String(s.kind);
    out.trace_id = hex(s.traceId);
    out.span_id = hex(s.spanId);
    if (s.traceState) out.trace_state = JSON.stringify(s.traceState);
    out["status.code"] = String(s.status.code);
    putMap(out, "attributes", s.attributes);
    s.events.forEach((e, i) => {
      out[`events[${i}].name`] = JSON.stringify(e.name);
      putMap(out, `events[${i}].attributes`, e.attributes);
    });
  } else {
    const m = item as Metric;
    out.name = JSON.stringify(m.name);
    out.type = m.type;
    if (m.unit) out.unit = JSON.stringify(m.unit);
    out.data_points = String(m.dataPoints.length);
    // Points are named by their attribute set, not their index, so dropping or merging one does not shift the rest.
    const seen = new Map<string, number>();
    for (const p of m.dataPoints) {
      const attrs = [...p.attributes].map(([k, v]) => `${k}=${display(v)}`).join(",");
      const n = (seen.get(attrs) ?? 0) + 1;
      seen.set(attrs, n);
      const label = `datapoint{${attrs}}${n > 1 ? `#${n}` : ""}`;
      const v = p.value ? ("asInt" in p.value ? p.value.asInt : p.value.asDouble) : p.sum;
      if (v !== undefined) out[`${label}.${p.value ? "value" : "sum"}`] = display(v as Value);
      if (p.count !== undefined) out[`${label}.count`] = String(p.count);
    }
  }
  if (scope) out["instrumentation_scope.name"] = JSON.stringify(scope);
  putMap(out, "resource.attributes", resource);
  return out;
}

/** A changed value that now carries a mask or a hash the old one did not. */
const REDACTION = /\*{3,}|[0-9a-f]{32,}/;

function diff(before: Record<string, string>, after: Record<string, string>): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const [path, b] of Object.entries(before)) {
    if (!(path in after)) changes.push({ path, kind: "removed", before: b });
    else if (after[path] !== b)
      changes.push({
        path,
        kind: REDACTION.test(after[path]) && !REDACTION.test(b) ? "redacted" : "changed",
        before: b,
        after: after[path],
      });
  }
  for (const [path, a] of Object.entries(after)) if (!(path in before)) changes.push({ path, kind: "added", after: a });
  return changes;
}
