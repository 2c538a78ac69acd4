import { describe, expect, it } from "vitest";
import { validateCollectorConfig } from "./validate";
import { DEFAULT_ALLOW_LIST } from "./types";

const GOOD = `receivers:
  otlp:
    protocols:
      grpc:
        endpoint: 0.0.0.0:4317
processors:
  memory_limiter:
    check_interval: 1s
    limit_mib: 512
  batch:
exporters:
  otlp:
    endpoint: backend:4317
extensions:
  opamp:
    server:
      ws:
        endpoint: wss://flowgate.example.com/v1/opamp
service:
  extensions: [opamp]
  pipelines:
    traces:
      receivers: [otlp]
      processors: [memory_limiter, batch]
      exporters: [otlp]
`;

const messages = (issues: { message: string }[]) => issues.map((i) => i.message);

describe("YAML syntax", () => {
  it("accepts a complete gateway config with no warnings", () => {
    expect(validateCollectorConfig(GOOD)).toEqual({ valid: true, errors: [], warnings: [] });
  });

  it("reports a syntax error with its line and column, and stops there", () => {
    const r = validateCollectorConfig("receivers:\n  otlp: [a, b\nexporters: {}\n");
    expect(r.valid).toBe(false);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0].message).toMatch(/^YAML syntax error: /);
    expect(r.errors[0]).toMatchObject({ line: 3, column: 1 });
  });

  it("lists a mistake the parser reports at several columns of one line once, at its first column", () => {
    const r = validateCollectorConfig(GOOD.replace("endpoint: backend:4317", "endpoint: http: //backend: 4317"));
    expect(r.errors).toEqual([
      { message: "YAML syntax error: Nested mappings are not allowed in compact mappings", line: 13, column: 15 },
    ]);
  });

  it("reports a duplicate key at the second occurrence", () => {
    const r = validateCollectorConfig("receivers:\n  otlp: {}\nreceivers:\n  otlp: {}\n");
    expect(r.errors[0]).toMatchObject({ line: 3, column: 1 });
    expect(r.errors[0].message).toMatch(/unique/);
  });

  it("refuses an empty document and a non-mapping root", () => {
    expect(messages(validateCollectorConfig("").errors)).toEqual([expect.stringMatching(/config is empty/)]);
    expect(messages(validateCollectorConfig("# only a comment\n").errors)).toEqual([
      expect.stringMatching(/config is empty/),
    ]);
    expect(messages(validateCollectorConfig("- a\n- b\n").errors)).toEqual([
      expect.stringMatching(/must be a YAML mapping/),
    ]);
  });
});

describe("collector structure", () => {
  it("warns about an unknown top-level key at its line", () => {
    const r = validateCollectorConfig(GOOD + "exporter:\n  otlp: {}\n");
    expect(r.valid).toBe(true);
    expect(r.warnings).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/Unknown top-level key "exporter"/),
        line: 26,
        column: 1,
      }),
    ]);
  });

  it("requires sections to be mappings and component settings to be mappings", () => {
    const r = validateCollectorConfig(
      GOOD.replace("processors:\n  memory_limiter:", "connectors: [a]\nprocessors:\n  memory_limiter:").replace(
        "  batch:\n",
        "  batch: 5\n",
      ),
    );
    expect(messages(r.errors)).toEqual(
      expect.arrayContaining([
        "connectors must be a mapping of component id to settings",
        'The settings of processor "batch" must be a mapping (or empty)',
      ]),
    );
  });

  it("checks component ids are type[/name]", () => {
    const r = validateCollectorConfig(
      GOOD.replace(
        "exporters:\n  otlp:",
        "exporters:\n  otlp/a/b:\n    endpoint: x:1\n  1otlp:\n    endpoint: x:1\n  otlp:",
      ),
    );
    expect(messages(r.errors)).toEqual(
      expect.arrayContaining([
        'Invalid exporter id "otlp/a/b": use type[/name], such as otlp or otlp/backend',
        'Invalid exporter id "1otlp": use type[/name], such as otlp or otlp/backend',
      ]),
    );
    expect(r.errors.find((e) => e.message.includes('"1otlp"'))).toMatchObject({
      line: 14,
      column: 3,
      path: "exporters.1otlp",
    });
  });

  it("requires service.pipelines with at least one pipeline", () => {
    const noService = GOOD.slice(0, GOOD.indexOf("service:"));
    expect(messages(validateCollectorConfig(noService).errors)).toContain(
      "service is required: define service.pipelines with at least one pipeline",
    );
    const empty = validateCollectorConfig(noService + "service:\n  pipelines: {}\n");
    expect(empty.errors[0]).toMatchObject({ message: expect.stringMatching(/at least one pipeline/), line: 20 });
  });

  it("accepts traces|metrics|logs[/name] pipeline ids only", () => {
    const r = validateCollectorConfig(
      GOOD +
        "    metrics/edge:\n      receivers: [otlp]\n      exporters: [otlp]\n    events:\n      receivers: [otlp]\n      exporters: [otlp]\n",
    );
    expect(r.errors).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/^Invalid pipeline id "events"/), line: 29, column: 5 }),
    ]);
  });

  it("requires receivers and exporters in every pipeline and resolves every reference", () => {
    const r = validateCollectorConfig(
      GOOD.replace("      receivers: [otlp]\n", "")
        .replace("exporters: [otlp]\n", "exporters: [otlp, otlp/missing]\n")
        .replace("[memory_limiter, batch]", "[memory_limiter, batch, filter]"),
    );
    expect(messages(r.errors)).toEqual([
      'Pipeline "traces" needs at least one receiver',
      'Pipeline "traces" uses processor "filter", which is not defined under processors',
      'Pipeline "traces" uses exporter "otlp/missing", which is not defined under exporters or connectors',
    ]);
    expect(r.errors[2]).toMatchObject({ line: 24, path: "service.pipelines.traces.exporters.1" });
  });

  it("refuses a component listed twice in one pipeline", () => {
    const r = validateCollectorConfig(GOOD.replace("exporters: [otlp]\n", "exporters: [otlp, otlp]\n"));
    expect(messages(r.errors)).toEqual(['Pipeline "traces" lists exporter "otlp" twice']);
  });

  it("requires service.extensions entries to be defined, once each", () => {
    const r = validateCollectorConfig(GOOD.replace("extensions: [opamp]", "extensions: [opamp, health_check, opamp]"));
    expect(messages(r.errors)).toEqual([
      'Extension "health_check" is listed in service.extensions but not defined under extensions',
      'Extension "opamp" is listed twice in service.extensions',
    ]);
    expect(r.errors[0]).toMatchObject({ line: 20, column: 23 });
  });

  it("warns about defined components that no pipeline uses and extensions not enabled", () => {
    const r = validateCollectorConfig(
      GOOD.replace("extensions: [opamp]", "extensions: []").replace("exporters:\n", "exporters:\n  debug:\n"),
    );
    expect(r.valid).toBe(true);
    expect(messages(r.warnings)).toEqual([
      'Exporter "debug" is defined but not used in any pipeline',
      'Extension "opamp" is defined but not enabled in service.extensions',
    ]);
    expect(r.warnings[0]).toMatchObject({ line: 12, column: 3 });
  });

  it("warns when memory_limiter is not the first processor", () => {
    const r = validateCollectorConfig(GOOD.replace("[memory_limiter, batch]", "[batch, memory_limiter]"));
    expect(messages(r.warnings)).toEqual([expect.stringMatching(/memory_limiter should be the first processor/)]);
  });

  it("requires a connector to be both an exporter and a receiver", () => {
    const allowList = { ...DEFAULT_ALLOW_LIST, connectors: ["forward"] };
    const base = GOOD.replace("extensions:\n  opamp:", "connectors:\n  forward:\nextensions:\n  opamp:");
    const half = validateCollectorConfig(base.replace("exporters: [otlp]\n", "exporters: [otlp, forward]\n"), {
      allowList,
    });
    expect(messages(half.errors)).toEqual([
      'Connector "forward" is used as an exporter but not as a receiver of any pipeline',
    ]);
    const whole = validateCollectorConfig(
      base.replace("exporters: [otlp]\n", "exporters: [forward]\n") +
        "    traces/out:\n      receivers: [forward]\n      exporters: [otlp]\n",
      { allowList },
    );
    expect(whole).toEqual({ valid: true, errors: [], warnings: [] });
  });
});

describe("component allow-list", () => {
  it("gives one clear error per unsupported component, pinned to its id", () => {
    const r = validateCollectorConfig(
      GOOD.replace("exporters:\n", "exporters:\n  kafka:\n    brokers: [k:9092]\n  datadog/eu:\n    api: {}\n").replace(
        "extensions:\n  opamp:",
        "extensions:\n  pprof:\n  opamp:",
      ),
    );
    expect(r.errors).toEqual([
      expect.objectContaining({
        message:
          'Unsupported exporter "kafka": it is not in this organization\'s component allow-list (supported exporters: otlp, otlphttp, debug)',
        line: 12,
        column: 3,
        path: "exporters.kafka",
      }),
      expect.objectContaining({
        message: expect.stringMatching(/^Unsupported exporter "datadog" \(in "datadog\/eu"\)/),
        line: 14,
      }),
      expect.objectContaining({
        message: expect.stringMatching(/^Unsupported extension "pprof".*\(supported extensions: opamp, health_check\)/),
        line: 19,
      }),
    ]);
  });

  it("follows the allow-list it is given, including an empty kind", () => {
    const allowList = { ...DEFAULT_ALLOW_LIST, exporters: ["otlp", "kafka"], extensions: [] };
    const r = validateCollectorConfig(GOOD.replace("exporters:\n", "exporters:\n  kafka:\n"), { allowList });
    expect(messages(r.errors)).toEqual([
      'Unsupported extension "opamp": it is not in this organization\'s component allow-list (no extensions are allowed)',
    ]);
  });

  it("allows connectors only when listed (none in the default build)", () => {
    const r = validateCollectorConfig(
      GOOD.replace("extensions:\n  opamp:", "connectors:\n  count:\nextensions:\n  opamp:"),
    );
    expect(messages(r.errors)).toEqual([
      expect.stringMatching(/^Unsupported connector "count".*no connectors are allowed/),
    ]);
  });
});
