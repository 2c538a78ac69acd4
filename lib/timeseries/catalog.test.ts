import { describe, expect, it } from "vitest";
import { classifyMetric, seriesLabels } from "./catalog";
import { counterGrowth } from "./write";
import type { ReportedSeries } from "./extract";

describe("classifyMetric", () => {
  it("maps otelcol names in OTLP, Prometheus and dotted spellings to a metric id and signal", () => {
    expect(classifyMetric("otelcol_receiver_accepted_spans")).toEqual({
      metric: "receiver_accepted",
      signal: "traces",
    });
    expect(classifyMetric("otelcol_exporter_send_failed_metric_points_total")).toEqual({
      metric: "exporter_send_failed",
      signal: "metrics",
    });
    expect(classifyMetric("otelcol.processor.filter.datapoints.filtered")).toEqual({
      metric: "processor_filtered",
      signal: "metrics",
    });
    expect(classifyMetric("otelcol_exporter_queue_size")).toEqual({ metric: "exporter_queue_size" });
    expect(classifyMetric("http.client.request.body.size")).toEqual({ metric: "bytes_sent" });
    expect(classifyMetric("otelcol_process_uptime")).toBeNull();
  });

  it("takes the component and, when the name has none, the signal from the attributes", () => {
    expect(seriesLabels({ exporter: "otlp/a", data_type: "traces" })).toEqual({
      component: "otlp/a",
      signal: "traces",
    });
    expect(seriesLabels({ receiver: "otlp", "otel.signal": "logs" }, "metrics")).toEqual({
      component: "otlp",
      signal: "metrics",
    });
    expect(seriesLabels({ transport: "grpc" })).toEqual({ component: "", signal: "" });
  });
});

describe("counterGrowth", () => {
  const t = new Date("2026-12-01T10:00:30Z");
  const start = new Date("2026-12-01T09:00:00Z");
  const reported = (cumulative: number, s = start, delta = 0): ReportedSeries => ({
    metric: "exporter_sent",
    signal: "logs",
    component: "",
    time: t,
    cumulative,
    start: s,
    delta,
    gauge: null,
  });
  const cursor = (cumulative: number, seriesStart = start) => ({
    gatewayId: "g",
    metric: "exporter_sent",
    signal: "logs",
    component: "",
    cumulative,
    seriesStart,
    lastTime: new Date(t.getTime() - 60_000),
  });

  it("is the difference while the counter runs on, and the new reading after a restart", () => {
    expect(counterGrowth(reported(250), cursor(100))).toBe(150);
    expect(counterGrowth(reported(40), cursor(100))).toBe(40);
    expect(counterGrowth(reported(400, new Date(t.getTime() - 10_000)), cursor(100))).toBe(400);
  });

  it("counts a new series from zero only when its collector just started; delta points add up", () => {
    expect(counterGrowth(reported(500), undefined)).toBe(0);
    expect(counterGrowth(reported(500, new Date(t.getTime() - 60_000)), undefined)).toBe(500);
    expect(counterGrowth({ ...reported(0), cumulative: null, delta: 7 }, cursor(100))).toBe(7);
  });
});
