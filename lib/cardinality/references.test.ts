import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../errors";
import { extractReferences } from "./references";

/** Shaped like a Grafana 10 export: a prom datasource variable, a collapsed row, a Loki panel, an annotation. */
const dashboard = {
  __inputs: [{ name: "DS_PROMETHEUS", type: "datasource", pluginId: "prometheus" }],
  annotations: {
    list: [
      { builtIn: 1, datasource: { type: "grafana", uid: "-- Grafana --" }, name: "Annotations & Alerts" },
      {
        datasource: { type: "prometheus", uid: "${DS_PROMETHEUS}" },
        name: "deploys",
        expr: "changes(build_info[5m]) > 0",
      },
    ],
  },
  panels: [
    {
      type: "timeseries",
      title: "Request rate",
      datasource: { type: "prometheus", uid: "${DS_PROMETHEUS}" },
      targets: [
        {
          expr: 'sum by (http_route) (rate(http_server_duration_milliseconds_count{service_name=~"$service"}[$__rate_interval]))',
          legendFormat: "{{http_route}}",
          refId: "A",
        },
        { expr: "", refId: "B" },
      ],
    },
    {
      type: "row",
      title: "Collector",
      collapsed: true,
      panels: [
        {
          type: "stat",
          title: "Dropped",
          datasource: { type: "prometheus", uid: "abc" },
          targets: [{ expr: "sum(rate(otelcol_processor_dropped_spans_total[5m]))", refId: "A" }],
        },
      ],
    },
    {
      type: "logs",
      title: "Errors",
      datasource: { type: "loki", uid: "loki" },
      targets: [{ expr: '{app="api"} |= "error" | json | line_format "{{.msg}}"', refId: "A" }],
    },
  ],
  templating: {
    list: [
      {
        name: "service",
        type: "query",
        datasource: { type: "prometheus", uid: "${DS_PROMETHEUS}" },
        query: {
          query: "label_values(target_info, service_name)",
          refId: "PrometheusVariableQueryEditor-VariableQuery",
        },
      },
      { name: "job", type: "query", query: "label_values(job)" },
      { name: "pod", type: "query", query: 'query_result(topk(5, kube_pod_info{namespace="x"}))' },
      { name: "interval", type: "interval", query: "1m,5m" },
    ],
  },
  schemaVersion: 39,
  title: "API",
};

describe("extractReferences", () => {
  it("reads a Grafana dashboard: targets in nested rows, variables, annotations; skips Loki", () => {
    const r = extractReferences("grafana_dashboard", JSON.stringify(dashboard));
    expect(r.names).toEqual([
      "build_info",
      "http_server_duration_milliseconds_count",
      "kube_pod_info",
      "otelcol_processor_dropped_spans_total",
      "target_info",
    ]);
    expect(r.warnings).toEqual(['panel "Errors": skipped a loki query (not PromQL)']);
    expect(r.expressions).toBe(5);
  });

  it("takes the API's {dashboard: …} wrapper and the pre-5 rows layout", () => {
    const old = { dashboard: { rows: [{ panels: [{ title: "x", targets: [{ expr: "up" }] }] }] } };
    expect(extractReferences("grafana_dashboard", JSON.stringify(old)).names).toEqual(["up"]);
    const library = { panels: [{ title: "Shared", libraryPanel: { uid: "u", name: "Shared" } }] };
    expect(extractReferences("grafana_dashboard", JSON.stringify(library)).warnings).toEqual([
      'panel "Shared": a library panel; its queries are not in the dashboard JSON',
    ]);
  });

  it("refuses what is not a dashboard", () => {
    expect(() => extractReferences("grafana_dashboard", "{")).toThrow(InvalidInputError);
    expect(() => extractReferences("grafana_dashboard", '{"title":"x"}')).toThrow(/not a Grafana dashboard/);
  });

  it("reads rule files and leaves recording-rule outputs out", () => {
    const rules = `
groups:
  - name: http
    interval: 1m
    rules:
      - record: job:http_requests:rate5m
        expr: sum by (job) (rate(http_requests_total[5m]))
      - record: job:http_errors:ratio5m
        expr: |
          sum by (job) (rate(http_requests_total{code=~"5.."}[5m]))
            / on (job) job:http_requests:rate5m
      - alert: HighErrorRate
        expr: job:http_errors:ratio5m > 0.05
        for: 10m
        labels: { severity: page }
        annotations:
          summary: "{{ $labels.job }} errors"
      - alert: CollectorDown
        expr: absent(up{job="otelcol"}) == 1
`;
    const r = extractReferences("prometheus_rules", rules);
    expect(r.names).toEqual(["http_requests_total", "up"]);
    expect(r.recorded).toEqual(["job:http_errors:ratio5m", "job:http_requests:rate5m"]);
    expect(r.expressions).toBe(4);
  });

  it("reads mimirtool namespaces and Kubernetes PrometheusRule objects, several documents", () => {
    const yaml = `namespace: team-a
groups:
  - name: g
    rules:
      - alert: QueueFull
        expr: otelcol_exporter_queue_size / otelcol_exporter_queue_capacity > 0.8
---
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata: { name: x }
spec:
  groups:
    - name: k
      rules:
        - alert: PodRestarts
          expr: increase(kube_pod_container_status_restarts_total[1h]) > 3
`;
    expect(extractReferences("prometheus_rules", yaml).names).toEqual([
      "kube_pod_container_status_restarts_total",
      "otelcol_exporter_queue_capacity",
      "otelcol_exporter_queue_size",
    ]);
    expect(() => extractReferences("prometheus_rules", "a: [")).toThrow(/invalid YAML/);
    expect(() => extractReferences("prometheus_rules", "foo: bar")).toThrow(/no rule groups/);
  });

  it("reads a plain list with comments, commas and OTLP names", () => {
    const r = extractReferences(
      "name_list",
      "# used by billing\nup, http.server.duration\n\nnode_cpu_seconds_total # cpu\n",
    );
    expect(r.names).toEqual(["http.server.duration", "node_cpu_seconds_total", "up"]);
    expect(() => extractReferences("name_list", "rate(up[5m])")).toThrow(/not a metric name/);
  });
});
