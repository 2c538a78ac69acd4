import { describe, expect, it } from "vitest";
import { previewTransform } from "../preview";
import type { CompiledTransform } from "../types";
import type { ValueMap } from "../ottl/values";
import { compiled, m, transformGroups, type StatementGroup } from "./fixtures.test-helper";
import type { Batch, DataPoint, Metric, MetricType, Span } from "./model";

/** Golden cases for metric and trace steps, compiled configs written literally. */
const scope = () => ({ name: "", version: "", attributes: new Map(), droppedAttributesCount: 0 });
const summaryPoint = () => ({
  attributes: m({}),
  startTimeUnixNano: 0n,
  timeUnixNano: 1n,
  flags: 0,
  exemplars: [],
  count: 1n,
  sum: 1,
  quantileValues: [],
});

function metrics(
  ...resources: {
    attrs?: ValueMap;
    metrics: Omit<Metric, "id" | "description" | "unit" | "metadata" | "isMonotonic" | "aggregationTemporality">[];
  }[]
): Batch {
  let id = 0;
  return {
    signal: "metrics",
    resources: resources.map((r) => ({
      resource: { attributes: r.attrs ?? new Map(), droppedAttributesCount: 0 },
      schemaUrl: "",
      scopes: [
        {
          scope: scope(),
          schemaUrl: "",
          items: r.metrics.map((x) => ({
            id: id++,
            description: "",
            unit: "",
            metadata: new Map(),
            isMonotonic: false,
            aggregationTemporality: x.type === "gauge" ? 0 : 2,
            ...x,
          })),
        },
      ],
    })),
  };
}

const point = (attrs: Record<string, string>, v: number | bigint): DataPoint => ({
  attributes: m(attrs),
  startTimeUnixNano: 1n,
  timeUnixNano: 2n,
  flags: 0,
  exemplars: [],
  value: typeof v === "bigint" ? { asInt: v } : { asDouble: v },
});
const metric = (name: string, type: MetricType, dataPoints: DataPoint[] = [point({}, 1)]) => ({
  name,
  type,
  dataPoints,
});

function outMetrics(c: CompiledTransform, batch: Batch) {
  const result = previewTransform(c, batch);
  expect(result.configError).toBeUndefined();
  const out = (result.output.resources as { scopes: { items: Metric[] }[] }[]).flatMap((r) =>
    r.scopes.flatMap((s) => s.items),
  );
  return { result, out };
}

const dropMetrics = (...metric: string[]) =>
  compiled("metrics", ["filter", { error_mode: "ignore", metrics: { metric } }]);
const dropPoints = (...datapoint: string[]) =>
  compiled("metrics", ["filter", { error_mode: "ignore", metrics: { datapoint } }]);
const metricStatements = (...groups: StatementGroup[]) => transformGroups("metrics", ...groups);

describe("metrics: drop by name", () => {
  it("name and resource attribute together drop that metric on that resource only", () => {
    const batch = metrics(
      { attrs: m({ my_label: "abc123" }), metrics: [metric("my.metric", "gauge"), metric("other", "gauge")] },
      { attrs: m({ my_label: "x" }), metrics: [metric("my.metric", "gauge")] },
    );
    const { out, result } = outMetrics(
      dropMetrics(`name == "my.metric" and resource.attributes["my_label"] == "abc123"`),
      batch,
    );
    expect(out.map((x) => x.id)).toEqual([1, 2]);
    expect(result.records[0].dropped).toBe(true);
  });

  it("type == METRIC_DATA_TYPE_HISTOGRAM drops every histogram", () => {
    const { out } = outMetrics(
      dropMetrics("type == METRIC_DATA_TYPE_HISTOGRAM"),
      metrics({ metrics: [metric("h", "histogram", []), metric("g", "gauge")] }),
    );
    expect(out.map((x) => x.name)).toEqual(["g"]);
  });

  it('the unanchored trap: IsMatch(name, "cpu") drops every name containing cpu', () => {
    const { out } = outMetrics(
      dropMetrics(`IsMatch(name, "cpu")`),
      metrics({
        metrics: [metric("system.cpu.time", "sum"), metric("process.cpu.utilization", "gauge"), metric("mem", "gauge")],
      }),
    );
    expect(out.map((x) => x.name)).toEqual(["mem"]);
  });

  it("a glob compiled to an anchored regex", () => {
    const { out } = outMetrics(
      dropMetrics(String.raw`IsMatch(name, "^http\\.server\\..*$")`),
      metrics({ metrics: [metric("http.server.duration", "histogram", []), metric("xhttp.server.x", "gauge")] }),
    );
    expect(out.map((x) => x.name)).toEqual(["xhttp.server.x"]);
  });
});

describe("metrics: drop data points", () => {
  it("dropping every summary point removes the summary metrics", () => {
    const summary = metric("s", "summary", [summaryPoint()]);
    const { out } = outMetrics(
      dropPoints("metric.type == METRIC_DATA_TYPE_SUMMARY"),
      metrics({ metrics: [summary, metric("g", "gauge")] }),
    );
    expect(out.map((x) => x.name)).toEqual(["g"]);
  });

  it("attribute and parent metric name: only matching points go; series and points are counted", () => {
    const cpu = metric("system.cpu.time", "sum", [
      point({ state: "idle", cpu: "0" }, 1),
      point({ state: "user", cpu: "0" }, 2),
      point({ state: "idle", cpu: "1" }, 3),
    ]);
    const other = metric("other", "sum", [point({ state: "idle" }, 1)]);
    const { out, result } = outMetrics(
      dropPoints(`attributes["state"] == "idle" and metric.name == "system.cpu.time"`),
      metrics({ metrics: [cpu, other] }),
    );
    expect(out[0].dataPoints.map((p) => p.attributes.get("state"))).toEqual(["user"]);
    expect(out[1].dataPoints).toHaveLength(1);
    expect(result.totals).toMatchObject({ dataPointsIn: 4, dataPointsOut: 2, seriesIn: 4, seriesOut: 2 });
    expect(result.totals.bytesOut).toBeLessThan(result.totals.bytesIn);
  });
});

describe("metrics: delete / keep / aggregate labels", () => {
  const pts = () => [
    point({ attr1: "a", attr2: "b", host: "h1" }, 1n),
    point({ attr1: "a", attr2: "b", host: "h2" }, 2n),
    point({ attr1: "a", attr2: "c", host: "h1" }, 5n),
  ];

  it("aggregate_on_attributes sum over the listed keys", () => {
    const { out, result } = outMetrics(
      metricStatements({
        context: "metric",
        statements: [`aggregate_on_attributes("sum", ["attr1", "attr2"]) where metric.name == "x"`],
      }),
      metrics({ metrics: [metric("x", "sum", pts())] }),
    );
    expect(out[0].dataPoints.map((p) => [Object.fromEntries(p.attributes), p.value])).toEqual([
      [{ attr1: "a", attr2: "b" }, { asInt: 3n }],
      [{ attr1: "a", attr2: "c" }, { asInt: 5n }],
    ]);
    expect(result.totals).toMatchObject({ seriesIn: 3, seriesOut: 2, dataPointsIn: 3, dataPointsOut: 2 });
  });

  it("aggregate_on_attributes max with [] gives one point", () => {
    const { out } = outMetrics(
      metricStatements({
        context: "metric",
        statements: [`aggregate_on_attributes("max", []) where metric.name == "x"`],
      }),
      metrics({ metrics: [metric("x", "gauge", pts())] }),
    );
    expect(out[0].dataPoints.map((p) => [p.attributes.size, p.value])).toEqual([[0, { asInt: 5n }]]);
  });

  it("delete label in a datapoint group, then merge in a metric group", () => {
    const c = metricStatements(
      { context: "datapoint", statements: [`delete_key(datapoint.attributes, "host")`] },
      { context: "metric", statements: [`aggregate_on_attributes("sum") where metric.name == "x"`] },
    );
    const { out } = outMetrics(c, metrics({ metrics: [metric("x", "sum", pts())] }));
    expect(out[0].dataPoints.map((p) => p.value)).toEqual([{ asInt: 3n }, { asInt: 5n }]);
  });

  it("summaries cannot be aggregated: the statement errors and the metric is marked", () => {
    const summary = metric("x", "summary", [summaryPoint()]);
    const { result } = outMetrics(
      metricStatements({ context: "metric", statements: [`aggregate_on_attributes("sum")`] }),
      metrics({ metrics: [summary] }),
    );
    expect(result.records[0].errors[0]).toMatch(/Summary/);
  });
});

describe("metrics: rename", () => {
  it("set(metric.name) under a where clause", () => {
    const { out } = outMetrics(
      metricStatements({
        context: "metric",
        statements: [`set(metric.name, "http.server.request.duration") where metric.name == "http.server.duration"`],
      }),
      metrics({ metrics: [metric("http.server.duration", "histogram", []), metric("y", "gauge")] }),
    );
    expect(out.map((x) => x.name)).toEqual(["http.server.request.duration", "y"]);
  });

  it("replace_pattern with Go Expand", () => {
    const { out } = outMetrics(
      metricStatements({
        context: "metric",
        statements: [`replace_pattern(metric.name, "^kube_([0-9A-Za-z]+_)", "k8s.$${1}.")`],
      }),
      metrics({ metrics: [metric("kube_pod_status", "gauge")] }),
    );
    expect(out[0].name).toBe("k8s.pod_.status");
  });

  it("setting the name from an absent attribute leaves it unchanged", () => {
    const { out } = outMetrics(
      metricStatements({ context: "metric", statements: [`set(metric.name, resource.attributes["http.route"])`] }),
      metrics({ metrics: [metric("keep.me", "gauge")] }),
    );
    expect(out[0].name).toBe("keep.me");
  });
});

function spans(items: Partial<Span>[]): Batch {
  return {
    signal: "traces",
    resources: [
      {
        resource: { attributes: new Map(), droppedAttributesCount: 0 },
        schemaUrl: "",
        scopes: [
          {
            scope: scope(),
            schemaUrl: "",
            items: items.map((s, id) => ({
              id,
              traceId: Uint8Array.from({ length: 16 }, (_, j) => (id * 37 + j * 11 + 1) & 255),
              spanId: new Uint8Array(8).fill(id + 1),
              traceState: "",
              parentSpanId: new Uint8Array(0),
              flags: 0,
              name: "",
              kind: 0,
              startTimeUnixNano: 1n,
              endTimeUnixNano: 2n,
              attributes: new Map(),
              droppedAttributesCount: 0,
              events: [],
              droppedEventsCount: 0,
              links: [],
              droppedLinksCount: 0,
              status: { message: "", code: 0 },
              ...s,
            })),
          },
        ],
      },
    ],
  };
}

function outSpans(c: CompiledTransform, batch: Batch) {
  const result = previewTransform(c, batch);
  expect(result.configError).toBeUndefined();
  return {
    result,
    out: (result.output.resources as { scopes: { items: Span[] }[] }[]).flatMap((r) =>
      r.scopes.flatMap((s) => s.items),
    ),
  };
}

describe("traces: drop spans", () => {
  it("OR-ed span conditions", () => {
    const c = compiled("traces", [
      "filter",
      {
        error_mode: "ignore",
        traces: { span: [`attributes["container.name"] == "app_container_1"`, `name == "app_3"`] },
      },
    ]);
    const { out } = outSpans(
      c,
      spans([{ attributes: m({ "container.name": "app_container_1" }) }, { name: "app_3" }, { name: "ok" }]),
    );
    expect(out.map((s) => s.name)).toEqual(["ok"]);
  });

  it("span events are removed; the span stays with none left", () => {
    const c = compiled("traces", [
      "filter",
      { error_mode: "ignore", traces: { spanevent: [`IsMatch(name, ".*grpc.*")`] } },
    ]);
    const ev = (name: string) => ({ timeUnixNano: 1n, name, attributes: new Map(), droppedAttributesCount: 0 });
    const { out, result } = outSpans(
      c,
      spans([
        { name: "a", events: [ev("grpc.call"), ev("x.grpc")] },
        { name: "b", events: [ev("log"), ev("grpc")] },
      ]),
    );
    expect(out.map((s) => s.events.map((e) => e.name))).toEqual([[], ["log"]]);
    expect(result.records[1].changes.map((c) => c.kind)).toContain("removed");
  });

  it("kind == SPAN_KIND_INTERNAL", () => {
    const c = compiled("traces", [
      "filter",
      { error_mode: "ignore", traces: { span: ["kind == SPAN_KIND_INTERNAL"] } },
    ]);
    const { out } = outSpans(c, spans([{ kind: 1 }, { kind: 2 }]));
    expect(out.map((s) => s.kind)).toEqual([2]);
  });
});

describe("traces: sampling", () => {
  it("25% proportional: kept spans carry ot=th:c, roughly a quarter kept", () => {
    const { out, result } = outSpans(
      compiled("traces", ["probabilistic_sampler", { sampling_percentage: 25, mode: "proportional" }]),
      spans(Array.from({ length: 800 }, () => ({}))),
    );
    expect(result.statistical).toBe(true);
    expect(out.length / 800).toBeGreaterThan(0.15);
    expect(out.length / 800).toBeLessThan(0.35);
    for (const s of out) expect(s.traceState).toBe("ot=th:c");
  });

  it("an incoming th:0 with rv at 50%: kept and re-thresholded", () => {
    const { out } = outSpans(
      compiled("traces", ["probabilistic_sampler", { sampling_percentage: 50 }]),
      spans([{ traceState: "ot=th:0;rv:9b8233f7e3a151" }]),
    );
    expect(out.map((s) => s.traceState)).toEqual(["ot=th:8;rv:9b8233f7e3a151"]);
  });

  it("proportional multiplies: an arriving th:8 (50%) sampled at 50% becomes th:c (25%)", () => {
    const c = compiled("traces", ["probabilistic_sampler", { sampling_percentage: 50 }]);
    const { out } = outSpans(
      c,
      spans([{ traceState: "ot=th:8;rv:f00000000000ff" }, { traceState: "ot=th:8;rv:b0000000000000" }]),
    );
    expect(out.map((s) => s.traceState)).toEqual(["ot=th:c;rv:f00000000000ff"]);
  });

  it("hash_seed mode is deterministic per TraceID", () => {
    const c = compiled("traces", ["probabilistic_sampler", { hash_seed: 22, sampling_percentage: 15.3 }]);
    const batch = spans(Array.from({ length: 300 }, () => ({})));
    expect(outSpans(c, batch).out.map((s) => s.id)).toEqual(outSpans(c, batch).out.map((s) => s.id));
  });
});

describe("traces: redact attributes", () => {
  it("keep_keys → replace_pattern → limit → truncate_all on span attributes", () => {
    const c = transformGroups("traces", {
      context: "span",
      statements: [
        `keep_keys(span.attributes, ["service", "name", "sensitive", "long"])`,
        String.raw`replace_pattern(span.attributes["sensitive"], "password=\\S+", "password=***")`,
        `limit(span.attributes, 100, [])`,
        `truncate_all(span.attributes, 4)`,
      ],
    });
    const { out, result } = outSpans(
      c,
      spans([{ attributes: m({ service: "svc", sensitive: "password=abc", drop: "x", long: "abcdefgh" }) }]),
    );
    expect(out[0].attributes).toEqual(m({ service: "svc", sensitive: "pass", long: "abcd" }));
    expect(result.records[0].nondeterministic).toBe(false);
  });

  it("redaction processor with an allowlist removes every other attribute", () => {
    const c = compiled("traces", [
      "redaction",
      { allow_all_keys: false, allowed_keys: ["description", "group", "id", "name"], summary: "silent" },
    ]);
    const { out } = outSpans(c, spans([{ attributes: m({ id: "1", name: "n", secret: "s", token: "t" }) }]));
    expect(out[0].attributes).toEqual(m({ id: "1", name: "n" }));
  });
});
