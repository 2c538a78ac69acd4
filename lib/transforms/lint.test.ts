import { describe, expect, it } from "vitest";
import { lintTransform } from "./lint";
import { transformSpec, type TransformSpecInput } from "./steps";

const lint = (spec: TransformSpecInput) => lintTransform(transformSpec.parse(spec));

describe("lintTransform", () => {
  it("has nothing to say about the recommended order", () => {
    expect(
      lint({
        signal: "logs",
        steps: [
          { kind: "drop_records", conditions: [{ type: "severity_below", severity: "INFO" }] },
          { kind: "parse_json" },
          { kind: "redact", builtin: "email" },
          { kind: "sample_percentage", percentage: 10, fromAttribute: "request.id" },
        ],
      }),
    ).toEqual([]);
  });

  it("warns about redaction before parsing, TraceID-less log sampling, stacked samplers and unsalted hashes", () => {
    expect(
      lint({
        signal: "logs",
        steps: [
          { kind: "redact", builtin: "email", replacement: "hash" },
          { kind: "parse_json" },
          { kind: "sample_percentage", percentage: 10 },
          { kind: "sample_percentage", percentage: 50, fromAttribute: "id", enabled: true },
          { kind: "sample_percentage", percentage: 50, enabled: false },
        ],
      }),
    ).toEqual([
      { step: 0, message: "runs before step 2 (parse_json): attributes parsed there are not redacted" },
      {
        step: 0,
        message:
          "an unsalted hash of a low-entropy value (e-mail, IP) can be reversed with a dictionary: it is pseudonymisation",
      },
      {
        step: 2,
        message:
          "log records without a TraceID are all dropped (fail_closed): set fromAttribute, or turn failClosed off",
      },
      { step: 3, message: "a second sampler multiplies with step 3's: the rates compound" },
    ]);
  });

  it("warns about unanchored metric regexes and label steps on every metric", () => {
    expect(
      lint({
        signal: "metrics",
        steps: [
          { kind: "drop_metrics", match: "regex", names: ["cpu", "^go\\..*$"] },
          { kind: "delete_labels", labels: ["pod"] },
          { kind: "keep_labels", labels: ["service"], metric: "x" },
        ],
      }),
    ).toEqual([
      { step: 0, message: '"cpu" is unanchored and matches anywhere in a name; write ^cpu$ to match whole names' },
      { step: 1, message: "applies to every metric; summaries are skipped and histograms only aggregate with sum" },
    ]);
  });
});
