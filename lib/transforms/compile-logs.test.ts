import { describe, expect, it } from "vitest";
import { compileTransform } from "./compile";
import type { StepInput } from "./steps";

/** The compiled processors of a one-step logs transform, as [type, what the step became]. */
function compileLog(step: StepInput) {
  return compileTransform({ signal: "logs", steps: [step] }, { name: "t" }).processors.map((p) => [p.type, p.config]);
}
const transform = (...statements: string[]) => [
  ["transform", { error_mode: "ignore", log_statements: [{ context: "log", statements }] }],
];
const filter = (...conditions: string[]) => [["filter", { error_mode: "ignore", logs: { log_record: conditions } }]];
const r = String.raw;

describe("logs steps compile to the statements of §1", () => {
  it("parse_json", () => {
    expect(compileLog({ kind: "parse_json" })).toEqual(
      transform(
        r`merge_maps(log.attributes, ParseJSON(log.body), "upsert") where IsString(log.body) and IsMatch(log.body, "^\\s*\\{")`,
      ),
    );
    expect(compileLog({ kind: "parse_json", strategy: "insert" })[0][1]).toMatchObject({
      log_statements: [{ statements: [expect.stringContaining(`"insert")`)] }],
    });
  });

  it("parse_regex, with (?<n> rewritten to Go's (?P<n> and a field source", () => {
    expect(compileLog({ kind: "parse_regex", pattern: r`^(?<method>\w+) (?P<path>\S+)` })).toEqual(
      transform(
        r`merge_maps(log.attributes, ExtractPatterns(log.body, "^(?P<method>\\w+) (?P<path>\\S+)"), "upsert") where IsString(log.body)`,
      ),
    );
    expect(
      compileLog({ kind: "parse_regex", source: "attributes.msg", pattern: r`id=(?P<id>\d+)`, strategy: "insert" }),
    ).toEqual(
      transform(
        r`merge_maps(log.attributes, ExtractPatterns(log.attributes["msg"], "id=(?P<id>\\d+)"), "insert") where IsString(log.attributes["msg"])`,
      ),
    );
  });

  it("parse_key_value, guarded against the empty-string error", () => {
    expect(compileLog({ kind: "parse_key_value" })).toEqual(
      transform(
        `merge_maps(log.attributes, ParseKeyValue(log.body, "=", " "), "upsert") where IsString(log.body) and log.body != ""`,
      ),
    );
    expect(
      compileLog({ kind: "parse_key_value", source: "resource.attributes.raw", delimiter: "!", pairDelimiter: "_" }),
    ).toEqual(
      transform(
        `merge_maps(log.attributes, ParseKeyValue(resource.attributes["raw"], "!", "_"), "upsert") where IsString(resource.attributes["raw"]) and resource.attributes["raw"] != ""`,
      ),
    );
  });

  it("set_attribute with string, int, double and bool values, on the record or the resource", () => {
    expect(compileLog({ kind: "set_attribute", key: "env", value: "prod" })).toEqual(
      transform(`set(log.attributes["env"], "prod")`),
    );
    expect(compileLog({ kind: "set_attribute", key: "n", value: 3 })).toEqual(transform(`set(log.attributes["n"], 3)`));
    expect(compileLog({ kind: "set_attribute", key: "ratio", value: 0.5 })).toEqual(
      transform(`set(log.attributes["ratio"], 0.5)`),
    );
    expect(compileLog({ kind: "set_attribute", key: "ok", value: true, resource: true })).toEqual(
      transform(`set(resource.attributes["ok"], true)`),
    );
  });

  it("rename_attribute: set then delete_key in one group", () => {
    expect(compileLog({ kind: "rename_attribute", from: "uid", to: "user.id" })).toEqual(
      transform(`set(log.attributes["user.id"], log.attributes["uid"])`, `delete_key(log.attributes, "uid")`),
    );
    expect(
      compileLog({ kind: "rename_attribute", from: "service.name", to: "service.new_name", resource: true }),
    ).toEqual(
      transform(
        `set(resource.attributes["service.new_name"], resource.attributes["service.name"])`,
        `delete_key(resource.attributes, "service.name")`,
      ),
    );
  });

  it("delete_attributes by exact keys or key regex", () => {
    expect(compileLog({ kind: "delete_attributes", keys: ["token", "http.request.header.authorization"] })).toEqual(
      transform(
        `delete_key(log.attributes, "token")`,
        `delete_key(log.attributes, "http.request.header.authorization")`,
      ),
    );
    expect(compileLog({ kind: "delete_attributes", match: "regex", pattern: "(?i)^x-debug-" })).toEqual(
      transform(`delete_matching_keys(log.attributes, "(?i)^x-debug-")`),
    );
  });

  it("keep_attributes by exact keys or key regex", () => {
    expect(compileLog({ kind: "keep_attributes", keys: ["http.method", "http.route"] })).toEqual(
      transform(`keep_keys(log.attributes, ["http.method", "http.route"])`),
    );
    expect(compileLog({ kind: "keep_attributes", match: "regex", pattern: r`^http\.`, resource: true })).toEqual(
      transform(r`keep_matching_keys(resource.attributes, "^http\\.")`),
    );
  });

  it("severity_from_field: number and text per severity, values quoted and matched whole, case-insensitive", () => {
    expect(
      compileLog({
        kind: "severity_from_field",
        field: "attributes.level",
        mapping: [
          { severity: "ERROR", values: ["err", "error"] },
          { severity: "WARN", values: ["warn*"] },
        ],
      }),
    ).toEqual(
      transform(
        `set(log.severity_number, SEVERITY_NUMBER_ERROR) where IsMatch(log.attributes["level"], "(?i)^(?:err|error)$$")`,
        `set(log.severity_text, "ERROR") where IsMatch(log.attributes["level"], "(?i)^(?:err|error)$$")`,
        r`set(log.severity_number, SEVERITY_NUMBER_WARN) where IsMatch(log.attributes["level"], "(?i)^(?:warn\\*)$$")`,
        r`set(log.severity_text, "WARN") where IsMatch(log.attributes["level"], "(?i)^(?:warn\\*)$$")`,
      ),
    );
  });

  it("redact with a built-in, masking body and attributes", () => {
    const ipv4 = r`\\b(?:(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\b`;
    expect(compileLog({ kind: "redact", builtin: "ipv4" })).toEqual(
      transform(
        `replace_pattern(log.body, "${ipv4}", "****")`,
        `replace_all_patterns(log.attributes, "value", "${ipv4}", "****")`,
      ),
    );
  });

  it("redact with a custom regex, hashing the whole match with SHA256 (the $ of ${0} doubled for the resolver)", () => {
    expect(compileLog({ kind: "redact", pattern: r`password=\S+`, replacement: "hash", targets: ["body"] })).toEqual(
      transform('replace_pattern(log.body, "password=\\\\S+", "$${0}", SHA256, "sha256:%s")'),
    );
  });

  it("redact: a mask's $ is literal for Go's Expand ($$) and then for the resolver ($$$$)", () => {
    expect(compileLog({ kind: "redact", pattern: "secret", mask: "$X", targets: ["attributes"] })).toEqual(
      transform(`replace_all_patterns(log.attributes, "value", "secret", "$$$$X")`),
    );
  });

  it("redact by key pattern: the redaction processor masks whole values and keeps every key", () => {
    expect(compileLog({ kind: "redact", keyPatterns: ["(?i)token", "^password$"] })).toEqual([
      ["redaction", { allow_all_keys: true, blocked_key_patterns: ["(?i)token", "^password$$"], summary: "silent" }],
    ]);
    expect(
      compileLog({ kind: "redact", builtin: "email", keyPatterns: ["secret"], replacement: "hash" }).map(
        ([type, c]) => [type, (c as { hash_function?: string }).hash_function],
      ),
    ).toEqual([
      ["transform", undefined],
      ["redaction", "sha3"],
    ]);
  });

  it("drop_records: severity below (UNSPECIFIED kept unless asked), body and attribute conditions, OR-ed or AND-ed", () => {
    expect(compileLog({ kind: "drop_records", conditions: [{ type: "severity_below", severity: "WARN" }] })).toEqual(
      filter("severity_number != SEVERITY_NUMBER_UNSPECIFIED and severity_number < SEVERITY_NUMBER_WARN"),
    );
    expect(
      compileLog({
        kind: "drop_records",
        conditions: [{ type: "severity_below", severity: "INFO", dropUnspecified: true }],
      }),
    ).toEqual(filter("severity_number < SEVERITY_NUMBER_INFO"));
    expect(
      compileLog({
        kind: "drop_records",
        conditions: [
          { type: "body_matches", pattern: "password" },
          { type: "attribute", key: "tier", value: "debug" },
          { type: "attribute", key: "status", op: "not_equals", value: 200 },
          { type: "attribute_matches", key: "k8s.namespace.name", resource: true, pattern: "^kube-" },
        ],
      }),
    ).toEqual(
      filter(
        `IsMatch(body, "password")`,
        `attributes["tier"] == "debug"`,
        `attributes["status"] != 200`,
        `IsMatch(resource.attributes["k8s.namespace.name"], "^kube-")`,
      ),
    );
    expect(
      compileLog({
        kind: "drop_records",
        match: "all",
        conditions: [
          { type: "body_matches", pattern: "GET /healthz" },
          { type: "attribute", key: "status", value: 200 },
        ],
      }),
    ).toEqual(filter(`IsMatch(body, "GET /healthz") and attributes["status"] == 200`));
  });

  it("sample_percentage: by TraceID, or by a record attribute; fail_closed always written", () => {
    expect(compileLog({ kind: "sample_percentage", percentage: 15 })).toEqual([
      ["probabilistic_sampler", { sampling_percentage: 15, fail_closed: true }],
    ]);
    expect(
      compileLog({
        kind: "sample_percentage",
        percentage: 10,
        fromAttribute: "logID",
        attributeSource: "record",
        hashSeed: 22,
        failClosed: false,
      }),
    ).toEqual([
      [
        "probabilistic_sampler",
        {
          sampling_percentage: 10,
          hash_seed: 22,
          attribute_source: "record",
          from_attribute: "logID",
          fail_closed: false,
        },
      ],
    ]);
  });

  it("truncate: Substring guarded by IsString and Len for the body, truncate_all for attributes", () => {
    expect(compileLog({ kind: "truncate", maxBytes: 4096 })).toEqual(
      transform(
        `set(log.body, Substring(log.body, 0, 4096)) where IsString(log.body) and Len(log.body) > 4096`,
        `truncate_all(log.attributes, 4096)`,
      ),
    );
    expect(compileLog({ kind: "truncate", maxBytes: 100, targets: ["attributes"] })).toEqual(
      transform(`truncate_all(log.attributes, 100)`),
    );
  });
});
