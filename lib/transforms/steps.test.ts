import { describe, expect, it } from "vitest";
import { STEP_LABELS } from "./step-labels";
import { formatSpecIssues, stepKindsFor, transformSpec, type StepKind } from "./steps";

function issues(spec: unknown): string[] {
  const r = transformSpec.safeParse(spec);
  return r.success ? [] : formatSpecIssues(r.error);
}

describe("step kinds per signal", () => {
  it("lists each signal's kinds, and every kind has a label and a description", () => {
    expect(stepKindsFor("metrics")).toEqual([
      "drop_metrics",
      "drop_datapoints",
      "delete_labels",
      "keep_labels",
      "aggregate_labels",
      "rename_metric",
    ]);
    expect(stepKindsFor("traces")).toEqual(["drop_spans", "sample_percentage", "redact_attributes"]);
    const all = new Set<StepKind>([...stepKindsFor("logs"), ...stepKindsFor("metrics"), ...stepKindsFor("traces")]);
    expect(new Set(Object.keys(STEP_LABELS))).toEqual(all);
    for (const { label, description } of Object.values(STEP_LABELS)) expect(label && description).toBeTruthy();
  });

  it("refuses a step for the wrong signal, naming the kind and the signal", () => {
    expect(
      issues({ signal: "logs", steps: [{ kind: "parse_json" }, { kind: "rename_metric", from: "a", to: "b" }] }),
    ).toEqual(['steps.1.kind: step kind "rename_metric" is not available for logs (it is a metrics step)']);
    expect(issues({ signal: "metrics", steps: [{ kind: "sample_percentage", percentage: 5 }] })).toEqual([
      'steps.0.kind: step kind "sample_percentage" is not available for metrics (it is a logs/traces step)',
    ]);
    expect(
      issues({ signal: "traces", steps: [{ kind: "sample_percentage", percentage: 5, fromAttribute: "id" }] }),
    ).toEqual(["steps.0.fromAttribute: spans are always sampled by TraceID; fromAttribute is for logs only"]);
    expect(issues({ signal: "logs", steps: [{ kind: "nope" }] })).toEqual(["steps.0.kind: unknown step kind"]);
  });
});

describe("step validation names the step index and field", () => {
  it.each([
    [
      { kind: "redact", pattern: "(?=secret)x" },
      "steps.0.pattern: invalid regex: lookahead (?= is not supported by the collector's RE2",
    ],
    [
      { kind: "redact", pattern: "x*" },
      "steps.0.pattern: invalid regex: the pattern can match an empty string (for example x* or a|): require at least one character, such as x+",
    ],
    [{ kind: "redact" }, "steps.0.pattern: choose a built-in pattern, a custom pattern or key patterns"],
    [
      { kind: "redact", builtin: "email", pattern: "x+" },
      "steps.0.pattern: choose either a built-in pattern or a custom pattern, not both",
    ],
    [
      { kind: "redact", keyPatterns: ["ok", "(a)\\1"] },
      "steps.0.keyPatterns.1: invalid regex: backreference \\1 is not supported by the collector's RE2",
    ],
    [
      { kind: "parse_regex", pattern: "(\\d+)" },
      "steps.0.pattern: invalid regex: add at least one named group, such as (?P<status>\\d+): the collector refuses a pattern without one",
    ],
    [
      { kind: "parse_regex", pattern: "(?P<git.sha>\\w+)" },
      'steps.0.pattern: invalid regex: group name "git.sha" is not allowed: use letters, digits and _ only (extract, then rename with a separate step)',
    ],
    [
      { kind: "parse_key_value", delimiter: " " },
      "steps.0.pairDelimiter: the pair delimiter must differ from the key/value delimiter",
    ],
    [
      { kind: "set_attribute", key: "a\nb", value: "x" },
      "steps.0.key: must not contain control characters (tabs, line breaks)",
    ],
    [
      { kind: "set_attribute", key: "a", value: { nested: 1 } },
      "steps.0.value: must be a string, a number or true/false",
    ],
    [{ kind: "rename_attribute", from: "a", to: "a" }, "steps.0.to: the new name must differ from the old one"],
    [{ kind: "delete_attributes", match: "regex" }, "steps.0.pattern: a key pattern is required"],
    [{ kind: "keep_attributes", keys: [] }, "steps.0.keys: list at least one key"],
    [
      { kind: "severity_from_field", field: "level", mapping: [{ severity: "ERROR", values: ["err"] }] },
      "steps.0.field: unknown path: use body, attributes.<key> or resource.attributes.<key>",
    ],
    [
      { kind: "drop_records", conditions: [{ type: "body_matches", pattern: "a(?i)b" }] },
      "steps.0.conditions.0.pattern: invalid regex: inline flags (?i) are only supported at the very start of the pattern, as (?i), (?s) or (?m)",
    ],
    [{ kind: "drop_records", conditions: [] }, "steps.0.conditions: add at least one condition"],
    [{ kind: "sample_percentage", percentage: 0 }, "steps.0.percentage: must be greater than 0"],
    [
      { kind: "sample_percentage", percentage: 5, attributeSource: "record" },
      "steps.0.fromAttribute: attributeSource record needs fromAttribute, the attribute to hash",
    ],
    [{ kind: "truncate", maxBytes: 0.5 }, "steps.0.maxBytes: must be a whole number of bytes"],
  ])("%j", (step, message) => {
    expect(issues({ signal: "logs", steps: [step] })).toEqual([message]);
  });

  it("checks metric-name regexes and glob text per name", () => {
    expect(
      issues({ signal: "metrics", steps: [{ kind: "drop_metrics", match: "regex", names: ["ok", "a{2000}"] }] }),
    ).toEqual([
      "steps.0.names.1: invalid regex: invalid repeat count: `{2000}` (RE2 allows counts up to 1000, minimum not above maximum)",
    ]);
    expect(issues({ signal: "metrics", steps: [{ kind: "drop_metrics", match: "glob", names: ["(?=x)*"] }] })).toEqual(
      [],
    );
  });
});

describe("defaults", () => {
  it("fills enabled, strategies, masks, targets and fail_closed", () => {
    const spec = transformSpec.parse({
      signal: "logs",
      steps: [
        { kind: "parse_json" },
        { kind: "redact", builtin: "email" },
        { kind: "sample_percentage", percentage: 10 },
        { kind: "drop_records", conditions: [{ type: "severity_below", severity: "INFO" }] },
      ],
    });
    expect(spec.steps).toEqual([
      { kind: "parse_json", enabled: true, strategy: "upsert" },
      {
        kind: "redact",
        enabled: true,
        builtin: "email",
        keyPatterns: [],
        replacement: "mask",
        mask: "****",
        targets: ["body", "attributes"],
      },
      { kind: "sample_percentage", enabled: true, percentage: 10, attributeSource: "traceID", failClosed: true },
      {
        kind: "drop_records",
        enabled: true,
        match: "any",
        conditions: [{ type: "severity_below", severity: "INFO", dropUnspecified: false }],
      },
    ]);
  });
});
