import { describe, expect, it } from "vitest";
import { promqlMetricNames } from "./promql";

const names = (e: string) => promqlMetricNames(e).names;

describe("promqlMetricNames", () => {
  it("reads metric names, not functions, aggregations or label names in by/without/on lists", () => {
    expect(
      names(
        'histogram_quantile(0.99, sum by (le, service_name) (rate(http_server_duration_milliseconds_bucket{job="api", code=~"5.."}[$__rate_interval])))',
      ),
    ).toEqual(["http_server_duration_milliseconds_bucket"]);
    expect(names('sum without (instance) (rate(node_cpu_seconds_total{mode!="idle"}[5m]))')).toEqual([
      "node_cpu_seconds_total",
    ]);
    // The by clause may follow the expression, and `sum` is then followed by `(`.
    expect(names("sum(rate(otelcol_exporter_sent_spans_total[1m])) by (exporter)")).toEqual([
      "otelcol_exporter_sent_spans_total",
    ]);
  });

  it("handles binary operators with vector matching, bool, offsets, @ and subqueries", () => {
    expect(
      names(
        "rate(errors_total[5m]) / on (job, instance) group_left (version) build_info > bool 0.1 unless ignoring(x) up offset 1h",
      ),
    ).toEqual(["errors_total", "build_info", "up"]);
    expect(names("max_over_time(deriv(queue_size[10m:1m])[1h:]) @ end()")).toEqual(["queue_size"]);
    expect(names('time() - process_start_time_seconds{job="x"} and on() vector(1) or absent(up)')).toEqual([
      "process_start_time_seconds",
      "up",
    ]);
  });

  it("leaves string arguments, numbers, durations and keywords alone", () => {
    expect(names('label_replace(kube_pod_info, "pod_name", "$1", "pod", "(.*)")')).toEqual(["kube_pod_info"]);
    expect(names('count_values("version", build_info) > 1e3 and 0x1F < Inf or NaN')).toEqual(["build_info"]);
    expect(names("topk(5, sum by (route) (increase(http_requests_total[1d])))")).toEqual(["http_requests_total"]);
    expect(names("quantile(0.9, latency_seconds) # comment with words_here")).toEqual(["latency_seconds"]);
  });

  it("reads __name__ matchers and Prometheus 3 quoted UTF-8 names", () => {
    const r = promqlMetricNames(
      'sum({__name__=~"otelcol_.*_total", job="x"}) + {__name__="up"} + {"http.server.duration", method="GET"}',
    );
    expect(r.names).toEqual(["up", "http.server.duration"]);
    expect(r.patterns).toEqual(["otelcol_.*_total"]);
  });

  it("reports names built from Grafana variables instead of guessing", () => {
    const r = promqlMetricNames(
      'rate(${prefix}_requests_total[5m]) + node_${suffix} + rate($metric[$__interval]) + up{job=~"$job"}',
    );
    expect(r.names).toEqual(["up"]);
    expect(r.unresolved).toEqual(["${prefix}_requests_total", "node_${suffix}", "$metric"]);
    expect(names('sum by ($groupBy) (rate(requests_total{env="[[env]]"}[5m]))')).toEqual(["requests_total"]);
  });

  it("keeps recording-rule names with colons", () => {
    expect(names("job:http_requests:rate5m > 10")).toEqual(["job:http_requests:rate5m"]);
  });
});
