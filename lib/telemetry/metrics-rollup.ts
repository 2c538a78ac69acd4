import type { GatewayMetrics } from "../db/schema/gateways";

/**
 * Rolls a collector's own metrics (OTLP, as decoded by otlp-codec) up into the gateway's status figures.
 * Names are normalized first ("." → "_", a trailing "_total" dropped), so the OTLP names
 * (otelcol_receiver_accepted_log_records), the Prometheus ones (…_total) and dotted ones all match.
 * - logs_processed: Σ otelcol_receiver_accepted_log_records (all receivers); when a collector reports no receiver
 *   counts, Σ otelcol_exporter_sent_log_records.
 * - errors: Σ of the refused/failed counters of receivers, processors and exporters, for every signal.
 * - latency_ms: mean of the server request-duration histograms (http.server.request.duration, http.server.duration,
 *   rpc.server.duration), in the unit each reports.
 * Cumulative counters are taken as they are (counts since the collector started); delta ones add to the last figures.
 */

type Obj = Record<string, unknown>;
type Total = { cumulative: number; delta: number; seenCumulative: boolean; seen: boolean };

export type OwnMetricsSummary = {
  logsAccepted: Total;
  logsSent: Total;
  errors: Total;
  latency: { sumMs: number; count: number };
};

const DELTA = 1;
const LOGS_ACCEPTED = "otelcol_receiver_accepted_log_records";
const LOGS_SENT = "otelcol_exporter_sent_log_records";
const ERRORS =
  /^otelcol_(receiver_(refused|failed)|processor_refused|exporter_(send_failed|enqueue_failed))_(log_records|spans|metric_points)$/;
const DURATIONS = new Map([
  ["http_server_request_duration", "s"],
  ["http_server_duration", "ms"],
  ["rpc_server_duration", "ms"],
]);
const UNIT_TO_MS: Record<string, number> = { s: 1000, ms: 1, us: 0.001, µs: 0.001, ns: 1e-6 };

export function normalizeMetricName(name: string): string {
  return name
    .toLowerCase()
    .replace(/\./g, "_")
    .replace(/_total$/, "");
}

const newTotal = (): Total => ({ cumulative: 0, delta: 0, seenCumulative: false, seen: false });
const list = (v: unknown): Obj[] => (Array.isArray(v) ? (v as Obj[]) : []);
const num = (v: unknown): number => (v === undefined || v === null ? 0 : Number(v));

function addPoints(total: Total, points: Obj[], temporality: number | undefined) {
  for (const p of points) {
    const value = num(p.asInt ?? p.asDouble);
    if (!Number.isFinite(value)) continue;
    total.seen = true;
    if (temporality === DELTA) total.delta += value;
    else {
      total.cumulative += value;
      total.seenCumulative = true;
    }
  }
}

function addMetric(s: OwnMetricsSummary, metric: Obj) {
  const name = normalizeMetricName(String(metric.name ?? ""));
  const data = (metric.sum ?? metric.gauge) as Obj | undefined;
  const points = list(data?.dataPoints);
  const temporality = data?.aggregationTemporality as number | undefined;
  if (name === LOGS_ACCEPTED) addPoints(s.logsAccepted, points, temporality);
  else if (name === LOGS_SENT) addPoints(s.logsSent, points, temporality);
  else if (ERRORS.test(name)) addPoints(s.errors, points, temporality);
  else if (DURATIONS.has(name) && metric.histogram) {
    const factor = UNIT_TO_MS[String(metric.unit || DURATIONS.get(name))] ?? 1;
    for (const p of list((metric.histogram as Obj).dataPoints)) {
      if (p.sum === undefined || !num(p.count)) continue;
      s.latency.sumMs += num(p.sum) * factor;
      s.latency.count += num(p.count);
    }
  }
}

/** Walks resourceMetrics → scopeMetrics → metrics of one ExportMetricsServiceRequest. */
export function summarizeOwnMetrics(request: Obj): OwnMetricsSummary {
  const s: OwnMetricsSummary = {
    logsAccepted: newTotal(),
    logsSent: newTotal(),
    errors: newTotal(),
    latency: { sumMs: 0, count: 0 },
  };
  for (const rm of list(request.resourceMetrics))
    for (const sm of list(rm.scopeMetrics)) for (const m of list(sm.metrics)) addMetric(s, m);
  return s;
}

function apply(total: Total, previous: number | undefined): number {
  return (total.seenCumulative ? total.cumulative : (previous ?? 0)) + total.delta;
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * The gateway's new metrics, or null when the report carried none of the metrics above. Throughput is the growth
 * of logs_processed per second since the previous report; after a collector restart (the counter went down) the
 * new count itself is the growth.
 */
export function rollUpMetrics(
  previous: GatewayMetrics | null | undefined,
  s: OwnMetricsSummary,
  now: Date,
): GatewayMetrics | null {
  const logs = s.logsAccepted.seen ? s.logsAccepted : s.logsSent;
  if (!logs.seen && !s.errors.seen && !s.latency.count) return null;
  const logsProcessed = logs.seen ? apply(logs, previous?.logs_processed) : (previous?.logs_processed ?? 0);
  let throughput = previous?.throughput_per_sec ?? null;
  if (logs.seen && previous?.last_updated) {
    const seconds = (now.getTime() - new Date(previous.last_updated).getTime()) / 1000;
    const growth = logsProcessed - (previous.logs_processed ?? 0);
    if (seconds > 0) throughput = round((growth >= 0 ? growth : logsProcessed) / seconds);
  }
  return {
    logs_processed: logsProcessed,
    errors: s.errors.seen ? apply(s.errors, previous?.errors) : (previous?.errors ?? 0),
    latency_ms: s.latency.count ? round(s.latency.sumMs / s.latency.count, 3) : (previous?.latency_ms ?? null),
    throughput_per_sec: throughput,
    last_updated: now.toISOString(),
  };
}
