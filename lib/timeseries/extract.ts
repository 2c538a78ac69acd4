import { classifyMetric, METRICS, seriesLabels, type MetricId } from "./catalog";

/** One series of a collector's own-metrics report, its points of one series folded together. */
export type ReportedSeries = {
  metric: MetricId;
  signal: string;
  component: string;
  /** Latest point time in the report. */
  time: Date;
  /** Counters: Σ cumulative points (null when none) with their latest start time, plus Σ delta points. */
  cumulative: number | null;
  start: Date | null;
  delta: number;
  /** Gauges: Σ readings (several points of one series are e.g. one queue per transport). */
  gauge: number | null;
};

type Obj = Record<string, unknown>;
const DELTA = 1;
const list = (v: unknown): Obj[] => (Array.isArray(v) ? (v as Obj[]) : []);
const nanosToDate = (v: unknown): Date | null => {
  const n = v === undefined || v === null ? 0 : Number(BigInt(String(v)) / 1_000_000n);
  return n > 0 ? new Date(n) : null;
};

function stringAttributes(point: Obj): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of list(point.attributes)) {
    const value = (a.value as Obj | undefined)?.stringValue;
    if (typeof value === "string") out[String(a.key)] = value;
  }
  return out;
}

function pointValue(metric: Obj, point: Obj): number {
  const raw = metric.histogram ? point.sum : (point.asInt ?? point.asDouble);
  return raw === undefined || raw === null ? NaN : Number(raw);
}

function addPoint(series: ReportedSeries, metric: Obj, point: Obj, value: number, time: Date) {
  if (time > series.time) series.time = time;
  if (METRICS[series.metric] === "gauge") {
    series.gauge = (series.gauge ?? 0) + value;
    return;
  }
  const data = (metric.sum ?? metric.histogram) as Obj;
  if (data.aggregationTemporality === DELTA) {
    series.delta += value;
    return;
  }
  series.cumulative = (series.cumulative ?? 0) + value;
  const start = nanosToDate(point.startTimeUnixNano);
  if (start && (!series.start || start > series.start)) series.start = start;
}

/**
 * The time series in one ExportMetricsServiceRequest (as decoded by otlp-codec), keyed `metric|signal|component`.
 * Points without a time are taken as of `now`.
 */
export function extractSeries(request: Obj, now: Date): Map<string, ReportedSeries> {
  const out = new Map<string, ReportedSeries>();
  for (const rm of list(request.resourceMetrics))
    for (const sm of list(rm.scopeMetrics))
      for (const metric of list(sm.metrics)) {
        const found = classifyMetric(String(metric.name ?? ""));
        const data = (metric.sum ?? metric.gauge ?? metric.histogram) as Obj | undefined;
        if (!found || !data) continue;
        for (const point of list(data.dataPoints)) {
          const value = pointValue(metric, point);
          if (!Number.isFinite(value)) continue;
          const { signal, component } = seriesLabels(stringAttributes(point), found.signal);
          const key = `${found.metric}|${signal}|${component}`;
          const time = nanosToDate(point.timeUnixNano) ?? now;
          let series = out.get(key);
          if (!series) {
            series = {
              metric: found.metric,
              signal,
              component,
              time,
              cumulative: null,
              start: null,
              delta: 0,
              gauge: null,
            };
            out.set(key, series);
          }
          addPoint(series, metric, point, value, time);
        }
      }
  return out;
}
