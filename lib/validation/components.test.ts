import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { parseDuration } from "./checks";
import { validateCollectorConfig } from "./validate";

type Kind = "receivers" | "processors" | "exporters" | "extensions";

/** A valid config plus one component of `kind` with `settings`, wired into the traces pipeline. */
function withComponent(kind: Kind, id: string, settings: unknown) {
  const config = {
    receivers: { "otlp/base": { protocols: { grpc: null } } } as Record<string, unknown>,
    processors: {} as Record<string, unknown>,
    exporters: { debug: null } as Record<string, unknown>,
    extensions: {} as Record<string, unknown>,
    service: {
      extensions: [] as string[],
      pipelines: { traces: { receivers: ["otlp/base"], processors: [] as string[], exporters: ["debug"] } },
    },
  };
  config[kind][id] = settings;
  if (kind === "extensions") config.service.extensions.push(id);
  else config.service.pipelines.traces[kind].push(id);
  return validateCollectorConfig(stringify(config));
}

const errors = (r: ReturnType<typeof validateCollectorConfig>) => r.errors.map((e) => `${e.path}: ${e.message}`);
const warnings = (r: ReturnType<typeof validateCollectorConfig>) => r.warnings.map((e) => `${e.path}: ${e.message}`);

describe("durations", () => {
  it("parses Go durations", () => {
    expect(parseDuration("1m30s")).toBe(90_000);
    expect(parseDuration("200ms")).toBe(200);
    expect(parseDuration("1.5h")).toBe(5_400_000);
    expect(parseDuration("0")).toBe(0);
    expect(parseDuration("5 seconds")).toBeNull();
    expect(parseDuration("10")).toBeNull();
  });

  it("refuses a non-duration and warns about a bare number (nanoseconds)", () => {
    expect(errors(withComponent("processors", "batch", { timeout: "five" }))).toEqual([
      'processors.batch.timeout: timeout: "five" is not a duration; use a number with a unit, such as 200ms, 5s or 1m',
    ]);
    expect(warnings(withComponent("processors", "batch", { timeout: 5 }))).toEqual([
      "processors.batch.timeout: timeout: 5 is read as 5 nanoseconds; write a duration with a unit, such as 5s",
    ]);
  });

  it("skips values the collector or the renderer resolves later", () => {
    expect(withComponent("exporters", "otlp", { endpoint: "${env:BACKEND}", timeout: "${env:T}" })).toMatchObject({
      valid: true,
      warnings: [],
    });
  });
});

describe("otlp receiver", () => {
  it("needs a protocol", () => {
    expect(errors(withComponent("receivers", "otlp", null))).toEqual([
      "receivers.otlp: The otlp receiver needs at least one protocol: protocols.grpc or protocols.http",
    ]);
    expect(errors(withComponent("receivers", "otlp", { protocols: {} }))[0]).toMatch(/needs at least one protocol/);
  });

  it("checks endpoints are host:port and warns about unknown keys", () => {
    const r = withComponent("receivers", "otlp", {
      protocols: { grpc: { endpoint: "0.0.0.0" }, http: { endpoint: ":99999", cors_origins: ["*"] } },
    });
    expect(errors(r)).toEqual([
      'receivers.otlp.protocols.grpc.endpoint: endpoint: "0.0.0.0" must be host:port with a port from 1 to 65535, such as 0.0.0.0:4317',
      'receivers.otlp.protocols.http.endpoint: endpoint: ":99999" must be host:port with a port from 1 to 65535, such as 0.0.0.0:4318',
    ]);
    expect(warnings(r)[0]).toMatch(
      /^receivers\.otlp\.protocols\.http\.cors_origins: Unknown key "cors_origins" for the otlp receiver's http protocol/,
    );
    expect(
      withComponent("receivers", "otlp", {
        protocols: { grpc: { endpoint: "[::1]:4317" }, http: { endpoint: ":4318" } },
      }).valid,
    ).toBe(true);
  });
});

describe("prometheus receiver", () => {
  it("needs scrape jobs with names", () => {
    expect(errors(withComponent("receivers", "prometheus", { config: {} }))).toEqual([
      "receivers.prometheus.config: The prometheus receiver needs config.scrape_configs (at least one job) or a target_allocator",
    ]);
    const r = withComponent("receivers", "prometheus", {
      config: { scrape_configs: [{ job_name: "a" }, { static_configs: [] }, { job_name: "a" }] },
    });
    expect(errors(r)).toEqual([
      "receivers.prometheus.config.scrape_configs.1: scrape_configs[1] needs a job_name",
      'receivers.prometheus.config.scrape_configs.2.job_name: Duplicate scrape job_name "a"',
    ]);
  });

  it("checks scrape durations and that the timeout fits in the interval", () => {
    const r = withComponent("receivers", "prometheus", {
      config: {
        scrape_configs: [
          { job_name: "a", scrape_interval: "10s", scrape_timeout: "1m" },
          { job_name: "b", scrape_interval: "1.5s" },
        ],
      },
    });
    expect(errors(r)).toEqual([
      "receivers.prometheus.config.scrape_configs.0.scrape_timeout: scrape_timeout (1m) must not be longer than scrape_interval (10s)",
      'receivers.prometheus.config.scrape_configs.1.scrape_interval: scrape_interval: "1.5s" is not a Prometheus duration, such as 15s or 1m',
    ]);
  });
});

describe("batch processor", () => {
  it("orders send_batch_max_size after send_batch_size, including the default 8192", () => {
    expect(errors(withComponent("processors", "batch", { send_batch_size: 1000, send_batch_max_size: 500 }))).toEqual([
      "processors.batch.send_batch_max_size: send_batch_max_size (500) must be 0 (no limit) or at least send_batch_size (1000)",
    ]);
    expect(errors(withComponent("processors", "batch", { send_batch_max_size: 1000 }))[0]).toMatch(
      /at least send_batch_size \(8192, the default\)/,
    );
    expect(withComponent("processors", "batch", { send_batch_size: 1000, send_batch_max_size: 0 }).valid).toBe(true);
    expect(
      withComponent("processors", "batch", { send_batch_size: 1000, send_batch_max_size: 1000, timeout: "200ms" })
        .valid,
    ).toBe(true);
  });

  it("refuses negative and non-integer sizes", () => {
    expect(errors(withComponent("processors", "batch", { send_batch_size: -1, send_batch_max_size: 1.5 }))).toEqual([
      "processors.batch.send_batch_size: send_batch_size must be at least 0, got -1",
      "processors.batch.send_batch_max_size: send_batch_max_size must be a whole number, got 1.5",
    ]);
  });
});

describe("memory_limiter processor", () => {
  it("needs check_interval and a limit", () => {
    expect(errors(withComponent("processors", "memory_limiter", null))).toEqual([
      "processors.memory_limiter: The memory_limiter processor needs check_interval (for example 1s)",
      "processors.memory_limiter: The memory_limiter processor needs limit_mib or limit_percentage greater than zero",
    ]);
    expect(errors(withComponent("processors", "memory_limiter", { check_interval: "0s", limit_mib: 100 }))).toEqual([
      "processors.memory_limiter.check_interval: check_interval must be greater than zero",
    ]);
  });

  it("keeps spikes below limits and percentages within 0..100", () => {
    expect(
      errors(
        withComponent("processors", "memory_limiter", { check_interval: "1s", limit_mib: 100, spike_limit_mib: 100 }),
      ),
    ).toEqual([
      "processors.memory_limiter.spike_limit_mib: spike_limit_mib (100) must be smaller than limit_mib (100)",
    ]);
    expect(
      errors(withComponent("processors", "memory_limiter", { check_interval: "1s", limit_percentage: 120 })),
    ).toEqual([
      "processors.memory_limiter: The memory_limiter processor needs limit_mib or limit_percentage greater than zero",
      "processors.memory_limiter.limit_percentage: limit_percentage must be between 0 and 100, got 120",
    ]);
    expect(
      errors(
        withComponent("processors", "memory_limiter", {
          check_interval: "1s",
          limit_percentage: 50,
          spike_limit_percentage: 60,
        }),
      )[0],
    ).toMatch(/spike_limit_percentage \(60\) must be smaller than limit_percentage \(50\)/);
  });

  it("warns when both kinds of limit are set", () => {
    const r = withComponent("processors", "memory_limiter", {
      check_interval: "1s",
      limit_mib: 400,
      limit_percentage: 80,
    });
    expect(r.valid).toBe(true);
    expect(warnings(r)).toEqual([
      "processors.memory_limiter.limit_percentage: limit_mib and limit_percentage are both set: limit_mib is used and limit_percentage is ignored",
    ]);
  });
});

describe("filter, transform and attributes processors", () => {
  it("filter: checks error_mode, and warns when there is nothing to filter", () => {
    expect(
      errors(
        withComponent("processors", "filter", {
          error_mode: "loud",
          logs: { log_record: ["severity_number < SEVERITY_NUMBER_WARN"] },
        }),
      ),
    ).toEqual(['processors.filter.error_mode: error_mode must be one of ignore, silent, propagate, got "loud"']);
    expect(warnings(withComponent("processors", "filter", { error_mode: "ignore" }))).toEqual([
      "processors.filter: The filter processor has no conditions, so it drops nothing",
    ]);
    expect(warnings(withComponent("processors", "filter", { traces: { spans: ["x"] } }))).toContainEqual(
      expect.stringMatching(/Unknown key "spans" for the filter processor's traces/),
    );
  });

  it("transform: checks statement groups and contexts", () => {
    const r = withComponent("processors", "transform", {
      log_statements: [{ context: "logs", statements: [] }, 'set(attributes["a"], "b")'],
    });
    expect(errors(r)).toEqual([
      "processors.transform.log_statements.0: A transform statement group needs at least one statement",
      'processors.transform.log_statements.0.context: context must be one of resource, scope, span, spanevent, metric, datapoint, log, got "logs"',
    ]);
    expect(
      withComponent("processors", "transform", {
        error_mode: "ignore",
        metric_statements: [{ context: "datapoint", statements: ['set(attributes["x"], 1)'] }],
      }),
    ).toMatchObject({ valid: true, warnings: [] });
  });

  it("attributes: needs valid actions", () => {
    expect(errors(withComponent("processors", "attributes", null))).toEqual([
      "processors.attributes: The attributes processor needs a list of actions",
    ]);
    const r = withComponent("processors", "attributes", {
      actions: [
        { key: "env", action: "insert" },
        { key: "a", action: "rename" },
        { action: "delete" },
        { pattern: "^secret", action: "delete" },
        { key: "x", action: "convert", converted_type: "float" },
        { key: "y", action: "upsert", value: 1 },
      ],
    });
    expect(errors(r)).toEqual([
      "processors.attributes.actions.0: actions[0] (insert) needs exactly one of value, from_attribute or from_context",
      "processors.attributes.actions.1.action: actions[1].action must be one of insert, update, upsert, delete, hash, extract, convert",
      "processors.attributes.actions.2: actions[2] (delete) needs a key",
      'processors.attributes.actions.4.converted_type: converted_type must be one of int, double, string, got "float"',
    ]);
  });
});

describe("exporters", () => {
  it("otlp: needs a host:port (or URL) endpoint and checks client settings", () => {
    expect(errors(withComponent("exporters", "otlp", {}))).toEqual([
      "exporters.otlp: The otlp exporter needs an endpoint (host:port, such as otel-backend:4317)",
    ]);
    expect(errors(withComponent("exporters", "otlp", { endpoint: "backend" }))[0]).toMatch(
      /"backend" must be host:port/,
    );
    const r = withComponent("exporters", "otlp/eu", {
      endpoint: "https://otlp.eu:4317",
      compression: "brotli",
      retry_on_failure: { initial_interval: "1m", max_interval: "5s" },
      sending_queue: { queue_size: 0 },
    });
    expect(errors(r)).toEqual([
      'exporters.otlp/eu.compression: compression must be one of gzip, zstd, snappy, zlib, deflate, lz4, none, , got "brotli"',
      "exporters.otlp/eu.retry_on_failure.initial_interval: initial_interval must not be longer than max_interval",
      "exporters.otlp/eu.sending_queue.queue_size: queue_size must be at least 1, got 0",
    ]);
    expect(
      withComponent("exporters", "otlp", { endpoint: "dns:///backend:4317", headers: { "x-key": "${env:KEY}" } }).valid,
    ).toBe(true);
  });

  it("otlphttp: needs an http(s) URL", () => {
    expect(errors(withComponent("exporters", "otlphttp", null))[0]).toMatch(/needs an endpoint URL/);
    expect(errors(withComponent("exporters", "otlphttp", { endpoint: "backend:4318", encoding: "xml" }))).toEqual([
      'exporters.otlphttp.endpoint: endpoint: "backend:4318" must be a http or https URL, such as https://otlp.example.com:4318',
      'exporters.otlphttp.encoding: encoding must be one of proto, json, got "xml"',
    ]);
    expect(withComponent("exporters", "otlphttp", { logs_endpoint: "https://logs.example.com/v1/logs" }).valid).toBe(
      true,
    );
  });

  it("debug: checks verbosity and sampling", () => {
    expect(errors(withComponent("exporters", "debug/x", { verbosity: "loud", sampling_initial: 0 }))).toEqual([
      'exporters.debug/x.verbosity: verbosity must be one of basic, normal, detailed, got "loud"',
      "exporters.debug/x.sampling_initial: sampling_initial must be at least 1, got 0",
    ]);
  });
});

describe("opamp extension", () => {
  it("needs exactly one server transport with a matching URL", () => {
    expect(errors(withComponent("extensions", "opamp", {}))[0]).toMatch(
      /needs exactly one of server.ws or server.http/,
    );
    expect(
      errors(withComponent("extensions", "opamp", { server: { ws: { endpoint: "https://x/v1/opamp" } } })),
    ).toEqual([
      'extensions.opamp.server.ws.endpoint: endpoint: "https://x/v1/opamp" must be a ws or wss URL, such as wss://flowgate.example.com/v1/opamp',
    ]);
    expect(
      errors(
        withComponent("extensions", "opamp", {
          server: { http: { endpoint: "http://x:4320/v1/opamp" } },
          instance_uid: "gw-1",
        }),
      ),
    ).toEqual(["extensions.opamp.instance_uid: instance_uid must be a UUID (or a ULID)"]);
    expect(
      withComponent("extensions", "opamp", {
        server: { ws: { endpoint: "wss://fg/v1/opamp", headers: { Authorization: "Bearer ${env:TOKEN}" } } },
        instance_uid: "${INSTANCE_ID}",
      }).valid,
    ).toBe(true);
  });
});

describe("health_check extension", () => {
  it("checks its endpoint and path", () => {
    expect(errors(withComponent("extensions", "health_check", { endpoint: "13133", path: "health" }))).toEqual([
      'extensions.health_check.endpoint: endpoint: "13133" must be host:port with a port from 1 to 65535, such as 0.0.0.0:13133',
      'extensions.health_check.path: path must start with "/"',
    ]);
    expect(withComponent("extensions", "health_check", { endpoint: "0.0.0.0:13133", path: "/health" }).valid).toBe(
      true,
    );
  });
});
