import { describe, expect, it } from "vitest";
import { previewTransform } from "../preview";
import type { CompiledTransform } from "../types";
import { compiled, logs, m, transformGroups } from "./fixtures.test-helper";
import type { Batch, LogRecord } from "./model";

/**
 * Golden cases for log steps (from the ottlfuncs, transform, filter, redaction and sampler READMEs): each compiled
 * config is written literally, as the collector receives it after YAML parsing.
 */
const transformIn = (context: "log" | "resource", ...statements: string[]) =>
  transformGroups("logs", { context, statements });
const transform = (...statements: string[]) => transformIn("log", ...statements);
const filter = (...log_record: string[]) =>
  compiled("logs", ["filter", { error_mode: "ignore", logs: { log_record } }]);

function run(c: CompiledTransform, batch: Batch) {
  const result = previewTransform(c, batch);
  expect(result.configError).toBeUndefined();
  const out = (result.output.resources as { scopes: { items: unknown[] }[] }[]).flatMap((r) =>
    r.scopes.flatMap((s) => s.items),
  ) as LogRecord[];
  return { result, out, byId: new Map(out.map((l) => [l.id, l])) };
}

const PARSE_JSON = String.raw`merge_maps(log.attributes, ParseJSON(log.body), "upsert") where IsString(log.body) and IsMatch(log.body, "^\\s*\\{")`;

describe("logs: parse JSON", () => {
  it("turns a JSON body into attributes, booleans staying bool", () => {
    const { out } = run(transform(PARSE_JSON), logs([{ body: '{"attr":true}' }]));
    expect(out[0].attributes).toEqual(m({ attr: true }));
  });

  it("merge_maps insert / update / upsert, with JSON numbers as doubles", () => {
    const body = '{"a":"2","b":3}';
    const merged = (strategy: string) =>
      run(
        transform(`merge_maps(log.attributes, ParseJSON(log.body), "${strategy}")`),
        logs([{ body, attributes: m({ a: "1" }) }]),
      ).out[0].attributes;
    expect(merged("insert")).toEqual(m({ a: "1", b: 3 }));
    expect(typeof merged("insert").get("b")).toBe("number");
    expect(merged("update")).toEqual(m({ a: "2" }));
    expect(merged("upsert")).toEqual(m({ a: "2", b: 3 }));
  });

  it("a JSON array body makes merge_maps error: the record passes unchanged and is marked", () => {
    const { result, out } = run(
      transform(`merge_maps(log.attributes, ParseJSON(log.body), "upsert")`),
      logs([{ body: '["attr1","attr2"]' }]),
    );
    expect(out[0].attributes.size).toBe(0);
    expect(result.records[0].errors[0]).toMatch(/merge_maps: expected a map but got slice/);
  });
});

describe("logs: regex named groups (ExtractPatterns)", () => {
  const SYSLOG = String.raw`merge_maps(log.attributes, ExtractPatterns(log.body, "^(?P<timestamp>\\w+ \\d+ [\\d:]+) (?P<hostname>\\S+) (?P<process>[^\\[:]+)(?:\\[(?P<pid>\\d+)\\])?: (?P<message>.*)$"), "upsert") where IsString(log.body)`;

  it("extracts every named group", () => {
    const { out } = run(transform(SYSLOG), logs([{ body: "Jan 12 10:00:01 web-1 sshd[42]: Accepted publickey" }]));
    expect(out[0].attributes).toEqual(
      m({ timestamp: "Jan 12 10:00:01", hostname: "web-1", process: "sshd", pid: "42", message: "Accepted publickey" }),
    );
  });

  it("a group that did not participate gives an empty string, text that does not match gives nothing", () => {
    const { out } = run(
      transform(SYSLOG),
      logs([{ body: "Jan 12 10:00:01 web-1 sshd: Accepted" }, { body: "garbage" }]),
    );
    expect(out[0].attributes.get("pid")).toBe("");
    expect(out[0].attributes.get("message")).toBe("Accepted");
    expect(out[1].attributes.size).toBe(0);
  });

  it("a dotted group name does not compile in Go: a config error, not a per-record one", () => {
    const result = previewTransform(
      transform(
        String.raw`merge_maps(log.attributes, ExtractPatterns(log.body, "GIT_SHA=(?P<git.sha>\\w+)"), "upsert")`,
      ),
      logs([{ body: "x" }]),
    );
    expect(result.configError).toMatch(/invalid regex/);
  });
});

describe("logs: key=value (ParseKeyValue)", () => {
  it("parses pairs with the default and custom delimiters", () => {
    const a = run(
      transform(
        `merge_maps(log.attributes, ParseKeyValue(log.body, "=", " "), "upsert") where IsString(log.body) and log.body != ""`,
      ),
      logs([{ body: "k1=v1 k2=v2 k3=v3" }]),
    );
    expect(a.out[0].attributes).toEqual(m({ k1: "v1", k2: "v2", k3: "v3" }));
    const b = run(
      transform(`merge_maps(log.attributes, ParseKeyValue(log.body, "!", "_"), "upsert")`),
      logs([{ body: "k1!v1_k2!v2_k3!v3" }]),
    );
    expect(b.out[0].attributes).toEqual(m({ k1: "v1", k2: "v2", k3: "v3" }));
  });

  it("respects quotes", () => {
    const { out } = run(
      transform(`merge_maps(log.attributes, ParseKeyValue(log.body), "upsert")`),
      logs([{ body: `msg="hello world" user='a b' n=1` }]),
    );
    expect(out[0].attributes).toEqual(m({ msg: "hello world", user: "a b", n: "1" }));
  });

  it("an empty body errors: the statement is skipped and the record kept", () => {
    const { result, out } = run(
      transform(`merge_maps(log.attributes, ParseKeyValue(log.body, "=", " "), "upsert")`),
      logs([{ body: "" }]),
    );
    expect(out).toHaveLength(1);
    expect(result.records[0].errors[0]).toMatch(/empty/);
    expect(result.records[0].dropped).toBe(false);
  });
});

describe("logs: set / rename / delete / keep", () => {
  it("delete_key", () => {
    const { out } = run(
      transform(`delete_key(log.attributes, "http.request.header.authorization")`),
      logs([{ attributes: m({ "http.request.header.authorization": "Bearer x", user: "u" }) }]),
    );
    expect(out[0].attributes).toEqual(m({ user: "u" }));
  });

  it("keep_keys", () => {
    const { out } = run(
      transform(`keep_keys(log.attributes, ["http.method"])`),
      logs([{ attributes: m({ "http.method": "GET", "http.url": "/a" }) }]),
    );
    expect(out[0].attributes).toEqual(m({ "http.method": "GET" }));
  });

  it("delete_matching_keys is unanchored and honours (?i)", () => {
    const { out } = run(
      transform(`delete_matching_keys(log.attributes, "(?i).*password.*")`),
      logs([{ attributes: m({ Password: "x", db_password_hash: "y", user: "u" }) }]),
    );
    expect(out[0].attributes).toEqual(m({ user: "u" }));
  });

  it("rename is set then delete_key, here on resource attributes", () => {
    const c = transformIn(
      "resource",
      `set(resource.attributes["service.new_name"], resource.attributes["service.name"])`,
      `delete_key(resource.attributes, "service.name")`,
    );
    const { result } = run(c, logs([{ body: "x" }], m({ "service.name": "my.service" })));
    expect(result.output.resources[0].resource.attributes).toEqual(m({ "service.new_name": "my.service" }));
    expect(result.records[0].changes.map((c) => [c.path, c.kind])).toEqual([
      ['resource.attributes["service.name"]', "removed"],
      ['resource.attributes["service.new_name"]', "added"],
    ]);
  });

  it("set with a nil value is a no-op", () => {
    const { out } = run(
      transform(`set(log.attributes["user.id"], log.attributes["uid"])`),
      logs([{ attributes: m({ a: "1" }) }]),
    );
    expect(out[0].attributes).toEqual(m({ a: "1" }));
  });
});

describe("logs: severity", () => {
  it("where clauses compare strings case-sensitively", () => {
    const { out } = run(
      transform(`set(log.severity_text, "FAIL") where log.body == "request failed"`),
      logs([{ body: "request failed" }, { body: "Request failed" }]),
    );
    expect(out.map((l) => l.severityText)).toEqual(["FAIL", ""]);
  });

  it("maps a level field to number and text; an int level is stringified by IsMatch and matches nothing", () => {
    const where = String.raw`where IsMatch(log.attributes["level"], "(?i)^(err|error)$")`;
    const { out } = run(
      transform(`set(log.severity_number, SEVERITY_NUMBER_ERROR) ${where}`, `set(log.severity_text, "ERROR") ${where}`),
      logs([{ attributes: m({ level: "ERR" }) }, { attributes: m({ level: 3n }) }]),
    );
    expect([out[0].severityNumber, out[0].severityText]).toEqual([17, "ERROR"]);
    expect([out[1].severityNumber, out[1].severityText]).toEqual([0, ""]);
  });
});

describe("logs: redaction with replace_pattern / replace_all_patterns / redaction processor", () => {
  it("consumes the captured space exactly as Go does", () => {
    const { result, out } = run(
      transform(String.raw`replace_pattern(log.body, "password\\=[^\\s]*(\\s?)", "password=***")`),
      logs([{ body: "app --password=hunter2 --verbose" }]),
    );
    expect(out[0].body).toBe("app --password=***--verbose");
    expect(result.records[0].changes[0]).toMatchObject({ path: "body", kind: "redacted" });
  });

  it("replace_all_patterns value mode rewrites strings only", () => {
    const c = transformIn(
      "resource",
      String.raw`replace_all_patterns(resource.attributes, "value", "/account/\\d{4}", "/account/{accountId}")`,
    );
    const { result } = run(c, logs([{}], m({ u: "/account/1234/orders", n: 1234n })));
    expect(result.output.resources[0].resource.attributes).toEqual(m({ u: "/account/{accountId}/orders", n: 1234n }));
  });

  it("replace_all_patterns key mode renames keys", () => {
    const { out } = run(
      transform(`replace_all_patterns(log.attributes, "key", "^x_", "y_")`),
      logs([{ attributes: m({ x_a: "1", b: "2" }) }]),
    );
    expect([...out[0].attributes.keys()]).toEqual(["y_a", "b"]);
  });

  it("hashes the expanded replacement, then formats it (the resolver's $$ undone first)", () => {
    const c = transformGroups("metrics", {
      context: "metric",
      statements: [`replace_pattern(metric.name, "^kube_([0-9A-Za-z]+_)", "$$1.", SHA256, "k8s.%s")`],
    });
    const batch: Batch = {
      signal: "metrics",
      resources: [
        {
          resource: { attributes: new Map(), droppedAttributesCount: 0 },
          schemaUrl: "",
          scopes: [
            {
              scope: { name: "", version: "", attributes: new Map(), droppedAttributesCount: 0 },
              schemaUrl: "",
              items: [
                {
                  id: 0,
                  name: "kube_pod_status",
                  description: "",
                  unit: "",
                  type: "gauge",
                  aggregationTemporality: 0,
                  isMonotonic: false,
                  dataPoints: [],
                  metadata: new Map(),
                },
              ],
            },
          ],
        },
      ],
    };
    const result = previewTransform(c, batch);
    expect((result.output.resources[0].scopes[0].items[0] as { name: string }).name).toBe(
      "k8s.6d84a506bd7fb1f256ed60c44bd7cd7fb1c12b2f531231e13db610d418021420status",
    );
  });

  it("hash redaction of a body keeps the format prefix", () => {
    const { out } = run(
      transform(String.raw`replace_pattern(log.body, "[a-z]+@[a-z]+\\.com", "$${0}", SHA256, "sha256:%s")`),
      logs([{ body: "mail bob@example.com now" }]),
    );
    expect(out[0].body).toMatch(/^mail sha256:[0-9a-f]{64} now$/);
  });

  const redactionCases = [
    {
      name: "blocked values mask the match, allowed values win",
      attributes: m({ card: "card 4111111111111111", host: "support.mycompany.com", other: "www.mycompany.com" }),
      expected: m({ card: "card ****", host: "support.mycompany.com", other: "www.****" }),
      config: {
        allow_all_keys: true,
        blocked_values: ["4[0-9]{12}(?:[0-9]{3})?", "mycompany.com"],
        allowed_values: ["support.mycompany.com"],
        summary: "silent",
      },
    },
    {
      name: "allow_all_keys false removes everything not allowed; blocked key patterns mask whole values",
      attributes: m({ id: "1", auth_token: "abc", secret: "s" }),
      expected: m({
        id: "1",
        auth_token: "****",
        "redaction.redacted.keys": "secret",
        "redaction.redacted.count": 1n,
        "redaction.masked.keys": "auth_token",
        "redaction.masked.count": 1n,
      }),
      config: {
        allow_all_keys: false,
        allowed_keys: ["id", "auth_token"],
        blocked_key_patterns: [".*token.*"],
        summary: "debug",
      },
    },
  ];
  for (const { name, config, attributes, expected } of redactionCases)
    it(`redaction processor: ${name}`, () => {
      const { out } = run(compiled("logs", ["redaction", config]), logs([{ attributes }]));
      expect(out[0].attributes).toEqual(expected);
    });
});

describe("logs: drop (filter)", () => {
  it("IsMatch on the body", () => {
    const { out } = run(
      filter(`IsMatch(body, ".*password.*")`),
      logs([{ body: "user password reset" }, { body: "ok" }]),
    );
    expect(out.map((l) => l.body)).toEqual(["ok"]);
  });

  it("severity_number < SEVERITY_NUMBER_WARN drops INFO and UNSPECIFIED alike", () => {
    const { result, out } = run(
      filter("severity_number < SEVERITY_NUMBER_WARN"),
      logs([{ severityNumber: 9 }, { severityNumber: 0 }, { severityNumber: 17 }]),
    );
    expect(out.map((l) => l.severityNumber)).toEqual([17]);
    expect(result.records.map((r) => r.dropped)).toEqual([true, true, false]);
  });

  it("the guarded form keeps UNSPECIFIED", () => {
    const { out } = run(
      filter("severity_number != SEVERITY_NUMBER_UNSPECIFIED and severity_number < SEVERITY_NUMBER_WARN"),
      logs([{ severityNumber: 9 }, { severityNumber: 0 }]),
    );
    expect(out.map((l) => l.severityNumber)).toEqual([0]);
  });

  it("a missing attribute is nil, and nil is not equal to a string", () => {
    const { out } = run(
      filter(`attributes["tier"] == "debug"`),
      logs([{ attributes: m({}) }, { attributes: m({ tier: "debug" }) }]),
    );
    expect(out.map((l) => l.id)).toEqual([0]);
  });

  it("conditions are OR-ed; a condition that errors counts as false under ignore", () => {
    const { result, out } = run(
      filter(`Len(body) > 3`, `body == "x"`),
      logs([{ body: "x" }, { body: m({}) }, { body: "long body" }, { body: 5n }]),
    );
    expect(out.map((l) => l.id)).toEqual([1, 3]);
    expect(result.records[3].errors[0]).toMatch(/Len: unsupported type int/);
  });
});

describe("logs: sampling (statistical)", () => {
  const traceId = (i: number) => Uint8Array.from({ length: 16 }, (_, j) => (i * 2654435761 + j * 40503) & 0xff);

  it("about 15% of records with TraceIDs are kept, each decided by its TraceID", () => {
    const batch = logs(Array.from({ length: 2000 }, (_, i) => ({ traceId: traceId(i), body: `r${i}` })));
    const { result, out } = run(compiled("logs", ["probabilistic_sampler", { sampling_percentage: 15 }]), batch);
    expect(result.statistical).toBe(true);
    expect(out.length / 2000).toBeGreaterThan(0.11);
    expect(out.length / 2000).toBeLessThan(0.19);
    const again = run(compiled("logs", ["probabilistic_sampler", { sampling_percentage: 15 }]), batch).out.map(
      (l) => l.id,
    );
    expect(again).toEqual(out.map((l) => l.id));
  });

  it("from_attribute: records with the same logID get the same decision", () => {
    const batch = logs(Array.from({ length: 400 }, (_, i) => ({ attributes: m({ logID: `id-${i % 40}` }) })));
    const { out } = run(
      compiled("logs", [
        "probabilistic_sampler",
        { sampling_percentage: 50, attribute_source: "record", from_attribute: "logID" },
      ]),
      batch,
    );
    const kept = new Set(out.map((l) => l.attributes.get("logID")));
    for (let i = 0; i < 400; i++) expect(out.some((l) => l.id === i)).toBe(kept.has(`id-${i % 40}`));
  });

  it("sampling_priority 0 drops, 100 keeps; no randomness drops under fail_closed", () => {
    const c = compiled("logs", [
      "probabilistic_sampler",
      { sampling_percentage: 15, sampling_priority: "priority", from_attribute: "logID" },
    ]);
    const { result, out } = run(
      c,
      logs([
        { attributes: m({ priority: 0n }), traceId: traceId(1) },
        { attributes: m({ priority: 100n }) },
        { attributes: m({}) },
      ]),
    );
    expect(out.map((l) => l.id)).toEqual([1]);
    expect(result.records[2].errors[0]).toMatch(/missing randomness/);
  });
});

describe("logs: truncation", () => {
  it("truncate_all cuts strings to N bytes and leaves other types", () => {
    const { out } = run(
      transform("truncate_all(log.attributes, 100)"),
      logs([{ attributes: m({ s: "x".repeat(300), retries: 3n }) }]),
    );
    expect(out[0].attributes.get("s")).toBe("x".repeat(100));
    expect(out[0].attributes.get("retries")).toBe(3n);
  });

  it("counts bytes, not UTF-16 units: a 2-byte cut of héllo splits é (U+FFFD stands for the broken byte)", () => {
    const { out } = run(
      transform("truncate_all(log.attributes, 2)"),
      logs([{ attributes: m({ name: "héllo", emoji: "😀x" }) }]),
    );
    expect(out[0].attributes.get("name")).toBe("h\uFFFD");
    expect(out[0].attributes.get("emoji")).toBe("\uFFFD");
  });

  it("the guarded Substring truncates long string bodies and leaves map bodies", () => {
    const stmt = "set(log.body, Substring(log.body, 0, 4096)) where IsString(log.body) and Len(log.body) > 4096";
    const { result, out } = run(
      transform(stmt),
      logs([{ body: "é".repeat(3000) }, { body: m({ a: "b" }) }, { body: "short" }]),
    );
    expect(new TextEncoder().encode(out[0].body as string).length).toBe(4096);
    expect(out[1].body).toEqual(m({ a: "b" }));
    expect(out[2].body).toBe("short");
    expect(result.records.every((r) => r.errors.length === 0)).toBe(true);
  });
});

describe("logs: error modes", () => {
  it("propagate (the 0.136 default) drops the whole payload on one failing statement", () => {
    const c = compiled("logs", [
      "transform",
      {
        log_statements: [{ context: "log", statements: [`merge_maps(log.attributes, ParseJSON(log.body), "upsert")`] }],
      },
    ]);
    const result = previewTransform(c, logs([{ body: '{"a":1}' }, { body: "not json" }]));
    expect(result.batchDropped).toMatch(/ParseJSON/);
    expect(result.records.every((r) => r.dropped)).toBe(true);
    expect(result.totals.recordsOut).toBe(0);
  });

  it("limit marks the record nondeterministic", () => {
    const { result, out } = run(
      transform(`limit(log.attributes, 1, ["keep"])`),
      logs([{ attributes: m({ a: "1", keep: "2", b: "3" }) }]),
    );
    expect([...out[0].attributes.keys()]).toEqual(["keep"]);
    expect(result.records[0].nondeterministic).toBe(true);
  });
});
