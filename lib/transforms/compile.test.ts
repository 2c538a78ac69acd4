import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { InvalidInputError } from "../errors";
import { validateCollectorConfig } from "../validation/validate";
import { compileTransform, transformSlug } from "./compile";
import type { TransformSpecInput } from "./steps";
import type { CompiledTransform, Signal } from "./types";

const LOGS: TransformSpecInput = {
  signal: "logs",
  steps: [
    { kind: "drop_records", conditions: [{ type: "severity_below", severity: "INFO" }] },
    { kind: "parse_json" },
    { kind: "parse_regex", pattern: "^(?P<method>\\w+) (?P<path>\\S+)" },
    { kind: "parse_key_value" },
    { kind: "set_attribute", key: "env", value: "prod" },
    { kind: "rename_attribute", from: "uid", to: "user.id" },
    { kind: "delete_attributes", keys: ["token"] },
    { kind: "keep_attributes", match: "regex", pattern: "^(http|user)\\." },
    { kind: "severity_from_field", field: "attributes.level", mapping: [{ severity: "ERROR", values: ["err"] }] },
    { kind: "redact", builtin: "email", replacement: "hash", keyPatterns: ["(?i)password"] },
    { kind: "truncate", maxBytes: 1024 },
    { kind: "drop_records", conditions: [{ type: "attribute", key: "path", value: "/healthz" }] },
    { kind: "sample_percentage", percentage: 25, fromAttribute: "request.id" },
  ],
};
const METRICS: TransformSpecInput = {
  signal: "metrics",
  steps: [
    { kind: "drop_metrics", match: "glob", names: ["go.*"] },
    {
      kind: "drop_datapoints",
      metric: "system.cpu.time",
      conditions: [{ type: "attribute", key: "state", value: "idle" }],
    },
    { kind: "delete_labels", labels: ["pod"], metric: "http.server.duration" },
    { kind: "keep_labels", labels: ["service"], metric: "rpc.calls" },
    { kind: "aggregate_labels", labels: ["state"], aggregation: "median", metric: "system.memory.usage" },
    { kind: "rename_metric", from: "a", to: "b" },
  ],
};
const TRACES: TransformSpecInput = {
  signal: "traces",
  steps: [
    { kind: "drop_spans", conditions: [{ type: "attribute", key: "http.route", value: "/healthz" }] },
    { kind: "redact_attributes", builtin: "credit_card", keyPatterns: [".*token.*"] },
    { kind: "sample_percentage", percentage: 10, hashSeed: 7 },
  ],
};

/** A minimal collector config with the compiled processors in the signal's pipeline, as the template renderer would. */
function collectorConfig(c: CompiledTransform): string {
  const processors = parse(c.yaml).processors ?? {};
  return stringify({
    receivers: { otlp: { protocols: { grpc: { endpoint: "0.0.0.0:4317" } } } },
    processors,
    exporters: { "otlp/backend": { endpoint: "backend:4317" }, debug: null },
    service: {
      pipelines: {
        [c.signal]: {
          receivers: ["otlp"],
          processors: c.processors.map((p) => p.id),
          exporters: ["otlp/backend", "debug"],
        },
      },
    },
  });
}

describe("compiled transforms in a collector config", () => {
  it.each([
    ["logs", LOGS],
    ["metrics", METRICS],
    ["traces", TRACES],
  ] as [Signal, TransformSpecInput][])(
    "%s: passes the validator with the default allow-list, without warnings",
    (_signal, spec) => {
      const compiled = compileTransform(spec, { name: "Cost rules" });
      const result = validateCollectorConfig(collectorConfig(compiled));
      expect(result.errors).toEqual([]);
      expect(result.warnings).toEqual([]);
    },
  );

  it("config is exactly what the YAML parses to, per processor", () => {
    for (const spec of [LOGS, METRICS, TRACES]) {
      const compiled = compileTransform(spec, { name: "x" });
      const parsed = parse(compiled.yaml).processors;
      expect(Object.keys(parsed)).toEqual(compiled.processors.map((p) => p.id));
      for (const p of compiled.processors) expect(parsed[p.id]).toEqual(p.config);
    }
  });
});

describe("pipeline order and component ids", () => {
  it("keeps the author's order, merging consecutive steps of one processor type; one group per step", () => {
    const c = compileTransform(LOGS, { name: "Drop debug & redact e-mails!" });
    expect(c.processors.map((p) => [p.id, p.stepIndexes])).toEqual([
      ["filter/fg_drop_debug_redact_e_mails", [0]],
      ["transform/fg_drop_debug_redact_e_mails", [1, 2, 3, 4, 5, 6, 7, 8, 9]],
      ["redaction/fg_drop_debug_redact_e_mails", [9]],
      ["transform/fg_drop_debug_redact_e_mails_2", [10]],
      ["filter/fg_drop_debug_redact_e_mails_2", [11]],
      ["probabilistic_sampler/fg_drop_debug_redact_e_mails", [12]],
    ]);
  });

  it("splits metric-context groups from datapoint ones and orders filter sections metric → datapoint", () => {
    const c = compileTransform(
      {
        signal: "metrics",
        steps: [
          { kind: "drop_datapoints", conditions: [{ type: "attribute", key: "a", value: 1 }] },
          { kind: "drop_metrics", names: ["m"] },
          ...METRICS.steps.slice(2),
        ],
      },
      { name: "m" },
    );
    expect(c.processors[0].config).toEqual({
      error_mode: "ignore",
      metrics: { metric: ['name == "m"'], datapoint: ['attributes["a"] == 1'] },
    });
    expect(c.processors[0].stepIndexes).toEqual([1, 0]);
    const groups = (c.processors[1].config.metric_statements as { context: string }[]).map((g) => g.context);
    expect(groups).toEqual(["datapoint", "metric", "metric", "metric", "metric"]);
    expect(c.processors[1].stepIndexes).toEqual([2, 2, 3, 4, 5]);
  });

  it("leaves disabled steps out, keeping the indexes of the others", () => {
    const c = compileTransform(
      { signal: "traces", steps: [{ ...TRACES.steps[0], enabled: false }, TRACES.steps[2]] },
      { name: "t" },
    );
    expect(c.processors.map((p) => [p.type, p.stepIndexes])).toEqual([["probabilistic_sampler", [1]]]);
    expect(compileTransform({ signal: "logs", steps: [] }, { name: "t" })).toEqual({
      signal: "logs",
      processors: [],
      yaml: "processors: {}\n",
    });
  });

  it("is deterministic: the same name and steps render the same YAML", () => {
    expect(compileTransform(LOGS, { name: "Cost rules" }).yaml).toBe(
      compileTransform(structuredClone(LOGS), { name: "Cost rules" }).yaml,
    );
  });

  it("slugs names into collector-safe ids", () => {
    expect(transformSlug("Drop debug logs (prod)")).toBe("drop_debug_logs_prod");
    expect(transformSlug("Ünïcode—names")).toBe("unicode_names");
    expect(transformSlug("!!!")).toBe("transform");
    expect(transformSlug("x".repeat(80))).toHaveLength(48);
  });
});

describe("escaping chain: regex → OTTL literal → YAML single quotes → $$", () => {
  it("escapes \\, \", ' and $ in keys, values and patterns", () => {
    const c = compileTransform(
      {
        signal: "logs",
        steps: [
          { kind: "set_attribute", key: 'a"b', value: "C:\\tmp 'q' $HOME ${env:X}" },
          { kind: "drop_records", conditions: [{ type: "body_matches", pattern: 'it\'s \\$\\d+ "quoted"' }] },
        ],
      },
      { name: "esc" },
    );
    expect(c.yaml).toBe(
      [
        "processors:",
        "  transform/fg_esc:",
        "    error_mode: ignore",
        "    log_statements:",
        "      - context: log",
        "        statements:",
        "          - 'set(log.attributes[\"a\\\"b\"], \"C:\\\\tmp ''q'' $$HOME $${env:X}\")'",
        "  filter/fg_esc:",
        "    error_mode: ignore",
        "    logs:",
        "      log_record:",
        `        - 'IsMatch(body, "it''s \\\\$$\\\\d+ \\"quoted\\"")'`,
        "",
      ].join("\n"),
    );
    // Undoing YAML and the resolver's $$ gives the OTTL statement; undoing the OTTL literal gives the value back.
    const statement = (parse(c.yaml).processors["transform/fg_esc"].log_statements[0].statements[0] as string).replace(
      /\$\$/g,
      "$",
    );
    expect(statement).toBe('set(log.attributes["a\\"b"], "C:\\\\tmp \'q\' $HOME ${env:X}")');
    expect(JSON.parse(statement.slice(statement.indexOf(", ") + 2, -1))).toBe("C:\\tmp 'q' $HOME ${env:X}");
  });
});

describe("invalid specs", () => {
  it("throws InvalidInputError naming each step and field", () => {
    const bad = {
      signal: "logs",
      steps: [{ kind: "parse_json" }, { kind: "drop_metrics", names: ["x"] }, { kind: "redact", pattern: "a(?=b)" }],
    } as TransformSpecInput;
    expect(() => compileTransform(bad, { name: "x" })).toThrow(InvalidInputError);
    try {
      compileTransform(bad, { name: "x" });
    } catch (err) {
      expect((err as InvalidInputError).extra?.issues).toEqual([
        "steps.2.pattern: invalid regex: lookahead (?= is not supported by the collector's RE2",
        'steps.1.kind: step kind "drop_metrics" is not available for logs (it is a metrics step)',
      ]);
    }
  });
});
