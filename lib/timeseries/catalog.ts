import { normalizeMetricName } from "../telemetry/metrics-rollup";

/**
 * Which of a collector's own metrics (otelcol_*, normalized as in metrics-rollup) become time series, under which
 * FlowGate metric id, signal and component. Counters are stored as growth per bucket, gauges as readings.
 */

export type SeriesKind = "counter" | "gauge";
export type Signal = "logs" | "metrics" | "traces";

export const METRICS = {
  receiver_accepted: "counter",
  receiver_refused: "counter",
  receiver_failed: "counter",
  processor_dropped: "counter",
  processor_refused: "counter",
  processor_filtered: "counter",
  processor_incoming: "counter",
  processor_outgoing: "counter",
  exporter_sent: "counter",
  exporter_send_failed: "counter",
  exporter_enqueue_failed: "counter",
  exporter_queue_size: "gauge",
  exporter_queue_capacity: "gauge",
  bytes_received: "counter",
  bytes_sent: "counter",
} as const satisfies Record<string, SeriesKind>;

export type MetricId = keyof typeof METRICS;
export const METRIC_IDS = Object.keys(METRICS) as MetricId[];
export const GAUGES = METRIC_IDS.filter((m) => METRICS[m] === "gauge");

const SIGNAL_SUFFIX: Record<string, Signal> = { log_records: "logs", spans: "traces", metric_points: "metrics" };
const FILTER_SIGNAL: Record<string, Signal> = { logs: "logs", spans: "traces", datapoints: "metrics" };
const PER_SIGNAL =
  /^otelcol_(receiver_accepted|receiver_refused|receiver_failed|processor_dropped|processor_refused|exporter_sent|exporter_send_failed|exporter_enqueue_failed)_(log_records|spans|metric_points)$/;
const FILTERED = /^otelcol_processor_filter_(logs|spans|datapoints)_filtered$/;
const BY_ATTRIBUTE: Record<string, MetricId> = {
  otelcol_processor_incoming_items: "processor_incoming",
  otelcol_processor_outgoing_items: "processor_outgoing",
  otelcol_exporter_queue_size: "exporter_queue_size",
  otelcol_exporter_queue_capacity: "exporter_queue_capacity",
};
// Request body sizes (semantic conventions, reported at the "detailed" telemetry level): the histograms' sums.
const BYTES: Record<string, MetricId> = {
  http_server_request_body_size: "bytes_received",
  rpc_server_request_size: "bytes_received",
  http_client_request_body_size: "bytes_sent",
  rpc_client_request_size: "bytes_sent",
};
const COMPONENT_KEYS = ["receiver", "processor", "exporter"];
const SIGNAL_KEYS = ["otel.signal", "data_type"];

/** Where a metric name goes: its id, plus its signal when the name carries it. Null for everything else. */
export function classifyMetric(rawName: string): { metric: MetricId; signal?: Signal } | null {
  const name = normalizeMetricName(rawName);
  const perSignal = PER_SIGNAL.exec(name);
  if (perSignal) return { metric: perSignal[1] as MetricId, signal: SIGNAL_SUFFIX[perSignal[2]] };
  const filtered = FILTERED.exec(name);
  if (filtered) return { metric: "processor_filtered", signal: FILTER_SIGNAL[filtered[1]] };
  const metric = BY_ATTRIBUTE[name] ?? BYTES[name];
  return metric ? { metric } : null;
}

/** The component id and (when the name did not say) the signal, from a data point's string attributes. */
export function seriesLabels(attributes: Record<string, string>, signal?: Signal) {
  const component = COMPONENT_KEYS.map((k) => attributes[k]).find(Boolean) ?? "";
  const fromAttr = SIGNAL_KEYS.map((k) => attributes[k]).find((v) => v === "logs" || v === "metrics" || v === "traces");
  return { component, signal: signal ?? (fromAttr as Signal | undefined) ?? "" };
}
