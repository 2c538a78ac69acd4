import { describe, expect, it } from "vitest";
import { normalizeMetricName, rollUpMetrics, summarizeOwnMetrics } from "./metrics-rollup";

const DELTA = 1;
const CUMULATIVE = 2;
const sum = (name: string, values: number[], temporality = CUMULATIVE) => ({
  name,
  sum: { aggregationTemporality: temporality, dataPoints: values.map((v) => ({ asInt: String(v) })) },
});
const request = (...metrics: object[]) => ({ resourceMetrics: [{ scopeMetrics: [{ metrics }] }] });
const t0 = new Date("2026-01-01T00:00:00Z");
const t10 = new Date("2026-01-01T00:00:10Z");

describe("own metrics rollup", () => {
  it("normalizes OTLP, Prometheus and dotted names to one form", () => {
    expect(normalizeMetricName("otelcol_receiver_accepted_log_records_total")).toBe(
      "otelcol_receiver_accepted_log_records",
    );
    expect(normalizeMetricName("otelcol.exporter.send_failed_log_records")).toBe(
      "otelcol_exporter_send_failed_log_records",
    );
  });

  it("sums receivers' accepted logs and every refused/failed counter", () => {
    const s = summarizeOwnMetrics(
      request(
        sum("otelcol_receiver_accepted_log_records", [30, 70]),
        sum("otelcol_receiver_refused_spans_total", [2]),
        sum("otelcol_exporter_enqueue_failed_metric_points", [1]),
        sum("otelcol_processor_batch_batch_send_size", [999]),
      ),
    );
    expect(rollUpMetrics(null, s, t0)).toEqual({
      logs_processed: 100,
      errors: 3,
      latency_ms: null,
      throughput_per_sec: null,
      last_updated: t0.toISOString(),
    });
  });

  it("falls back to exporters' sent logs, adds delta counters, and derives throughput", () => {
    const prev = {
      logs_processed: 100,
      errors: 1,
      latency_ms: 5,
      throughput_per_sec: null,
      last_updated: t0.toISOString(),
    };
    const s = summarizeOwnMetrics(
      request(
        sum("otelcol_exporter_sent_log_records", [50], DELTA),
        sum("otelcol_exporter_send_failed_log_records", [2], DELTA),
      ),
    );
    expect(rollUpMetrics(prev, s, t10)).toMatchObject({
      logs_processed: 150,
      errors: 3,
      latency_ms: 5,
      throughput_per_sec: 5,
    });
  });

  it("treats a counter that went down as a collector restart", () => {
    const prev = { logs_processed: 1000, errors: 0, latency_ms: null, last_updated: t0.toISOString() };
    const s = summarizeOwnMetrics(request(sum("otelcol_receiver_accepted_log_records", [40])));
    expect(rollUpMetrics(prev, s, t10)).toMatchObject({ logs_processed: 40, throughput_per_sec: 4 });
  });

  it("converts duration histograms to milliseconds by their unit and ignores unrelated reports", () => {
    const s = summarizeOwnMetrics(
      request(
        { name: "rpc.server.duration", unit: "ms", histogram: { dataPoints: [{ count: "2", sum: 30 }] } },
        { name: "http.server.request.duration", unit: "s", histogram: { dataPoints: [{ count: "2", sum: 0.01 }] } },
      ),
    );
    expect(rollUpMetrics(null, s, t0)?.latency_ms).toBe(10);
    expect(rollUpMetrics(null, summarizeOwnMetrics(request(sum("process_uptime", [5]))), t0)).toBeNull();
  });
});
