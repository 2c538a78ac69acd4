import type { OtlpJson } from "../samples/otlp-json";
import type { MetricShape } from "./prom-names";

/**
 * Series counting over OTLP/JSON metric samples. A series is what a Prometheus-compatible backend keeps apart:
 * one metric name with one set of resource attributes (they become job/instance and target_info) and data point
 * attributes (the labels). Labels are the data point attributes, the ones a transform's delete_labels step drops.
 */

type Obj = Record<string, unknown>;
const arr = (v: unknown): Obj[] => (Array.isArray(v) ? (v as Obj[]) : []);
const KINDS = ["gauge", "sum", "histogram", "exponentialHistogram", "summary"] as const;

/** An OTLP AnyValue as the text a label would carry. */
function valueText(v: unknown): string {
  if (!v || typeof v !== "object") return "";
  const o = v as Obj;
  if ("stringValue" in o) return String(o.stringValue);
  if ("intValue" in o) return String(o.intValue);
  if ("doubleValue" in o) return String(o.doubleValue);
  if ("boolValue" in o) return String(o.boolValue);
  return JSON.stringify(Object.values(o)[0] ?? null);
}

function attributes(list: unknown): [string, string][] {
  return arr(list)
    .filter((a) => typeof a.key === "string")
    .map((a): [string, string] => [a.key as string, valueText(a.value)])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

const seriesKey = (resource: string, labels: [string, string][]) => `${resource}\u0000${JSON.stringify(labels)}`;

/** The series a backend stores per data point stream: a histogram is its buckets plus _sum and _count. */
function backendSeries(kind: string, point: Obj): number {
  if (kind === "histogram") {
    const buckets = arr(point.bucketCounts).length || arr(point.explicitBounds).length + 1;
    return buckets + 2;
  }
  if (kind === "summary") return arr(point.quantileValues).length + 2;
  return 1;
}

type SeriesEntry = { labels: [string, string][]; backend: number };

export type MetricSeries = MetricShape & {
  data_points: number;
  /** Distinct series (label sets, per resource). */
  series: Map<string, SeriesEntry>;
};

/** Every metric of the payloads with its distinct series, merged across resources, scopes and samples. */
export function collectSeries(payloads: OtlpJson[]): Map<string, MetricSeries> {
  const metrics = new Map<string, MetricSeries>();
  for (const payload of payloads) {
    for (const rm of arr(payload.resourceMetrics)) {
      const resource = JSON.stringify(attributes((rm.resource as Obj | undefined)?.attributes));
      for (const sm of arr(rm.scopeMetrics)) {
        for (const m of arr(sm.metrics)) {
          if (typeof m.name !== "string" || !m.name) continue;
          const kind = KINDS.find((k) => m[k]);
          if (!kind) continue;
          const body = m[kind] as Obj;
          let entry = metrics.get(m.name);
          if (!entry) {
            entry = {
              name: m.name,
              unit: typeof m.unit === "string" ? m.unit : "",
              type: kind,
              monotonic: body.isMonotonic === true,
              data_points: 0,
              series: new Map(),
            };
            metrics.set(m.name, entry);
          }
          for (const p of arr(body.dataPoints)) {
            entry.data_points++;
            const labels = attributes(p.attributes);
            const key = seriesKey(resource, labels);
            const backend = backendSeries(kind, p);
            const seen = entry.series.get(key);
            if (!seen) entry.series.set(key, { labels, backend });
            else seen.backend = Math.max(seen.backend, backend);
          }
        }
      }
    }
  }
  return metrics;
}

export type LabelFigures = {
  name: string;
  distinct_values: number;
  /** Series carrying the label. */
  series_with_label: number;
  /** series_with_label / the metric's series. */
  share: number;
  /** Distinct series left once the label is dropped (series that differ only by it merge). */
  series_if_dropped: number;
  top_values: { value: string; series: number }[];
};

/** Per label of one metric: how many values, how many series carry it, and what dropping it leaves. */
export function labelFigures(metric: MetricSeries, topValues = 5): LabelFigures[] {
  const series = [...metric.series.entries()];
  const names = new Set(series.flatMap(([, s]) => s.labels.map(([k]) => k)));
  return [...names]
    .map((name) => {
      const values = new Map<string, number>();
      const without = new Set<string>();
      let withLabel = 0;
      for (const [key, s] of series) {
        const resource = key.slice(0, key.indexOf("\u0000"));
        const v = s.labels.find(([k]) => k === name);
        if (v) {
          withLabel++;
          values.set(v[1], (values.get(v[1]) ?? 0) + 1);
        }
        without.add(
          seriesKey(
            resource,
            s.labels.filter(([k]) => k !== name),
          ),
        );
      }
      return {
        name,
        distinct_values: values.size,
        series_with_label: withLabel,
        share: series.length ? withLabel / series.length : 0,
        series_if_dropped: without.size,
        top_values: [...values.entries()]
          .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
          .slice(0, topValues)
          .map(([value, n]) => ({ value, series: n })),
      };
    })
    .sort((a, b) => b.distinct_values - a.distinct_values || a.name.localeCompare(b.name));
}

/** The series a Prometheus-compatible backend would hold for the metric (histogram buckets count each). */
export const backendSeriesCount = (m: MetricSeries) => [...m.series.values()].reduce((n, s) => n + s.backend, 0);
