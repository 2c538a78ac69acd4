import { describe, expect, it } from "vitest";
import { compileTransform } from "./compile";
import type { StepInput } from "./steps";
import type { Signal } from "./types";

function compileOne(signal: Signal, step: StepInput) {
  return compileTransform({ signal, steps: [step] }, { name: "t" }).processors.map((p) => [p.type, p.config]);
}
const metricFilter = (sections: Record<string, string[]>) => [["filter", { error_mode: "ignore", metrics: sections }]];
const metricGroups = (...groups: [string, string[]][]) => [
  [
    "transform",
    { error_mode: "ignore", metric_statements: groups.map(([context, statements]) => ({ context, statements })) },
  ],
];
const r = String.raw;

describe("metrics steps", () => {
  it("drop_metrics by exact name, glob (anchored, escaped) or regex (as written: unanchored)", () => {
    expect(compileOne("metrics", { kind: "drop_metrics", names: ["http.client.duration", "rpc.calls"] })).toEqual(
      metricFilter({ metric: [`name == "http.client.duration"`, `name == "rpc.calls"`] }),
    );
    expect(compileOne("metrics", { kind: "drop_metrics", match: "glob", names: ["http.server.*"] })).toEqual(
      metricFilter({ metric: [r`IsMatch(name, "^http\\.server\\..*$$")`] }),
    );
    expect(compileOne("metrics", { kind: "drop_metrics", match: "regex", names: ["cpu"] })).toEqual(
      metricFilter({ metric: [`IsMatch(name, "cpu")`] }),
    );
  });

  it("drop_datapoints: attribute conditions, scoped to one metric when named", () => {
    expect(
      compileOne("metrics", {
        kind: "drop_datapoints",
        metric: "system.cpu.time",
        conditions: [
          { type: "attribute", key: "state", value: "idle" },
          { type: "attribute_matches", key: "cpu", pattern: "^cpu[4-7]$" },
        ],
      }),
    ).toEqual(
      metricFilter({
        datapoint: [
          `metric.name == "system.cpu.time" and attributes["state"] == "idle"`,
          `metric.name == "system.cpu.time" and IsMatch(attributes["cpu"], "^cpu[4-7]$$")`,
        ],
      }),
    );
    expect(
      compileOne("metrics", {
        kind: "drop_datapoints",
        match: "all",
        conditions: [
          { type: "attribute", key: "state", value: "idle" },
          { type: "attribute", key: "host", resource: true, op: "not_equals", value: "a" },
        ],
      }),
    ).toEqual(metricFilter({ datapoint: [`attributes["state"] == "idle" and resource.attributes["host"] != "a"`] }));
  });

  it("delete_labels: a datapoint group deletes, then a metric group re-aggregates the identical series", () => {
    expect(
      compileOne("metrics", { kind: "delete_labels", labels: ["pod", "container.id"], metric: "http.server.duration" }),
    ).toEqual(
      metricGroups(
        [
          "datapoint",
          [
            `delete_key(datapoint.attributes, "pod") where metric.name == "http.server.duration"`,
            `delete_key(datapoint.attributes, "container.id") where metric.name == "http.server.duration"`,
          ],
        ],
        ["metric", [`aggregate_on_attributes("sum") where metric.name == "http.server.duration"`]],
      ),
    );
    expect(compileOne("metrics", { kind: "delete_labels", labels: ["pod"] })).toEqual(
      metricGroups(
        ["datapoint", [`delete_key(datapoint.attributes, "pod")`]],
        ["metric", [`aggregate_on_attributes("sum")`]],
      ),
    );
  });

  it("keep_labels and aggregate_labels: aggregate_on_attributes over the kept labels, in a metric group", () => {
    expect(compileOne("metrics", { kind: "keep_labels", labels: ["service", "route"], metric: "x" })).toEqual(
      metricGroups(["metric", [`aggregate_on_attributes("sum", ["service", "route"]) where metric.name == "x"`]]),
    );
    expect(
      compileOne("metrics", { kind: "aggregate_labels", labels: ["state"], aggregation: "max", metric: "x" }),
    ).toEqual(metricGroups(["metric", [`aggregate_on_attributes("max", ["state"]) where metric.name == "x"`]]));
    expect(compileOne("metrics", { kind: "aggregate_labels", labels: [], aggregation: "count" })).toEqual(
      metricGroups(["metric", [`aggregate_on_attributes("count", [])`]]),
    );
  });

  it("rename_metric: set(metric.name) where the old name matches", () => {
    expect(
      compileOne("metrics", {
        kind: "rename_metric",
        from: "http.server.duration",
        to: "http.server.request.duration",
      }),
    ).toEqual(
      metricGroups([
        "metric",
        [`set(metric.name, "http.server.request.duration") where metric.name == "http.server.duration"`],
      ]),
    );
  });
});

describe("traces steps", () => {
  it("drop_spans: name, kind and attribute conditions with unprefixed paths", () => {
    expect(
      compileOne("traces", {
        kind: "drop_spans",
        conditions: [
          { type: "attribute", key: "http.route", value: "/healthz" },
          { type: "name", value: "GET /ready" },
          { type: "name_matches", pattern: r`^health\.` },
          { type: "span_kind", spanKind: "INTERNAL" },
        ],
      }),
    ).toEqual([
      [
        "filter",
        {
          error_mode: "ignore",
          traces: {
            span: [
              `attributes["http.route"] == "/healthz"`,
              `name == "GET /ready"`,
              r`IsMatch(name, "^health\\.")`,
              "kind == SPAN_KIND_INTERNAL",
            ],
          },
        },
      ],
    ]);
    expect(
      compileOne("traces", {
        kind: "drop_spans",
        match: "all",
        conditions: [
          { type: "span_kind", spanKind: "SERVER" },
          { type: "name", op: "not_equals", value: "checkout" },
        ],
      }),
    ).toEqual([
      ["filter", { error_mode: "ignore", traces: { span: [`kind == SPAN_KIND_SERVER and name != "checkout"`] } }],
    ]);
  });

  it("sample_percentage: sampling_percentage and hash_seed", () => {
    expect(compileOne("traces", { kind: "sample_percentage", percentage: 15.3, hashSeed: 22 })).toEqual([
      ["probabilistic_sampler", { sampling_percentage: 15.3, hash_seed: 22, fail_closed: true }],
    ]);
  });

  it("redact_attributes: replace_all_patterns on span attributes, and key patterns through the redaction processor", () => {
    expect(
      compileOne("traces", { kind: "redact_attributes", pattern: r`/account/\d{4}`, mask: "/account/{accountId}" }),
    ).toEqual([
      [
        "transform",
        {
          error_mode: "ignore",
          trace_statements: [
            {
              context: "span",
              statements: [
                r`replace_all_patterns(span.attributes, "value", "/account/\\d{4}", "/account/{accountId}")`,
              ],
            },
          ],
        },
      ],
    ]);
    expect(
      compileOne("traces", { kind: "redact_attributes", keyPatterns: [".*token.*"], replacement: "hash" }),
    ).toEqual([
      [
        "redaction",
        { allow_all_keys: true, blocked_key_patterns: [".*token.*"], summary: "silent", hash_function: "sha3" },
      ],
    ]);
  });
});
