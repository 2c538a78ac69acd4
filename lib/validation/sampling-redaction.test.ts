import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { validateCollectorConfig } from "./validate";

/** A valid logs pipeline plus one processor with `settings`. */
function withProcessor(id: string, settings: unknown) {
  return validateCollectorConfig(
    stringify({
      receivers: { otlp: { protocols: { grpc: null } } },
      processors: { [id]: settings },
      exporters: { debug: null },
      service: { pipelines: { logs: { receivers: ["otlp"], processors: [id], exporters: ["debug"] } } },
    }),
  );
}
const errors = (r: ReturnType<typeof validateCollectorConfig>) => r.errors.map((e) => `${e.path}: ${e.message}`);
const warnings = (r: ReturnType<typeof validateCollectorConfig>) => r.warnings.map((e) => `${e.path}: ${e.message}`);

describe("probabilistic_sampler", () => {
  it("is allowed by default and accepts the documented settings", () => {
    const r = withProcessor("probabilistic_sampler/x", {
      sampling_percentage: 15.3,
      hash_seed: 22,
      attribute_source: "record",
      from_attribute: "logID",
      fail_closed: false,
    });
    expect(r).toMatchObject({ valid: true, warnings: [] });
  });

  it("refuses a missing or out-of-type percentage, bad enums and a record source without an attribute", () => {
    expect(errors(withProcessor("probabilistic_sampler", {}))).toEqual([
      "processors.probabilistic_sampler: The probabilistic_sampler processor needs sampling_percentage (0 drops everything, 100 keeps everything)",
    ]);
    expect(
      errors(
        withProcessor("probabilistic_sampler", {
          sampling_percentage: "ten",
          mode: "random",
          attribute_source: "record",
          fail_closed: "no",
        }),
      ),
    ).toEqual([
      'processors.probabilistic_sampler.sampling_percentage: sampling_percentage must be a number from 0 to 100, got "ten"',
      'processors.probabilistic_sampler.mode: mode must be one of hash_seed, proportional, equalizing, got "random"',
      "processors.probabilistic_sampler.attribute_source: attribute_source: record needs from_attribute, the log record attribute to hash",
      'processors.probabilistic_sampler.fail_closed: fail_closed must be true or false, got "no"',
    ]);
  });

  it("warns that 0% drops everything", () => {
    expect(warnings(withProcessor("probabilistic_sampler", { sampling_percentage: 0 }))).toEqual([
      "processors.probabilistic_sampler.sampling_percentage: sampling_percentage 0 drops every item",
    ]);
  });
});

describe("redaction", () => {
  it("is allowed by default and accepts masking by key pattern", () => {
    const r = withProcessor("redaction/x", {
      allow_all_keys: true,
      blocked_key_patterns: [".*token.*"],
      blocked_values: ["4[0-9]{12}(?:[0-9]{3})?"],
      summary: "silent",
    });
    expect(r).toMatchObject({ valid: true, warnings: [] });
  });

  it("refuses patterns RE2 does not compile, with Go's reason", () => {
    expect(
      errors(
        withProcessor("redaction", {
          allow_all_keys: true,
          blocked_values: ["(?=x)", "ok"],
          summary: "silent",
          hash_function: "sha256",
        }),
      ),
    ).toEqual([
      "processors.redaction.blocked_values.0: blocked_values[0] is not a valid RE2 regex: invalid or unsupported Perl syntax: `(?=`",
      'processors.redaction.hash_function: hash_function must be one of md5, sha1, sha3, got "sha256"',
    ]);
  });

  it("warns about the fail-closed allow-list and the diagnostic summary", () => {
    expect(warnings(withProcessor("redaction", { blocked_values: ["x+"] }))).toEqual([
      "processors.redaction: allow_all_keys is not true and allowed_keys is empty, so the redaction processor removes every attribute; set allow_all_keys: true to only mask values",
      "processors.redaction: summary defaults to adding redaction.* attributes (debug lists the redacted key names); set summary: silent unless you are testing",
    ]);
  });
});
