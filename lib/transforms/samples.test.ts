import { describe, expect, it } from "vitest";
import { InvalidInputError, PayloadTooLargeError } from "../errors";
import type { LogRecord, Metric, Span } from "./processors/model";
import { parseOtlpJson, parseSamples } from "./samples";

const items = <T>(b: { resources: unknown[] }) =>
  (b.resources as { scopes: { items: T[] }[] }[]).flatMap((r) => r.scopes.flatMap((s) => s.items));

describe("parseSamples", () => {
  it("pasted lines: each non-empty line is a log body", () => {
    const logs = items<LogRecord>(parseSamples("logs", "GET /a 200\n\nPOST /b 500\r\n"));
    expect(logs.map((l) => [l.id, l.body])).toEqual([
      [0, "GET /a 200"],
      [1, "POST /b 500"],
    ]);
  });

  it("pasted JSON, one object per line or an array: a body map (numbers as doubles) or attributes", () => {
    const perLine = items<LogRecord>(parseSamples("logs", '{"a":1}\n{"b":"x"}'));
    expect(perLine.map((l) => l.body)).toEqual([new Map([["a", 1]]), new Map([["b", "x"]])]);
    const array = items<LogRecord>(parseSamples("logs", '[{"a":1},{"a":2}]', { jsonInto: "attributes" }));
    expect(array.map((l) => [l.body, l.attributes.get("a")])).toEqual([
      [null, 1],
      [null, 2],
    ]);
  });

  it("a line that only looks like JSON is a plain line", () => {
    expect(items<LogRecord>(parseSamples("logs", "{not json\nok")).map((l) => l.body)).toEqual(["{not json", "ok"]);
  });

  it("OTLP/JSON logs: int64 strings become BigInt, beyond 2^53 intact; enum names accepted; ids are hex", () => {
    const text = JSON.stringify({
      resourceLogs: [
        {
          resource: { attributes: [{ key: "service.name", value: { stringValue: "api" } }] },
          scopeLogs: [
            {
              scope: { name: "s" },
              logRecords: [
                {
                  timeUnixNano: "1700000000000000001",
                  severityNumber: "SEVERITY_NUMBER_WARN",
                  traceId: "5b8efff798038103d269b633813fc60c",
                  body: { stringValue: "hi" },
                  attributes: [{ key: "id", value: { intValue: "9007199254740993" } }],
                },
              ],
            },
          ],
        },
      ],
    });
    const b = parseSamples("logs", text);
    const [l] = items<LogRecord>(b);
    expect(l.timeUnixNano).toBe(1700000000000000001n);
    expect(l.severityNumber).toBe(13);
    expect(l.traceId[0]).toBe(0x5b);
    expect(l.attributes.get("id")).toBe(9007199254740993n);
    expect(b.resources[0].resource.attributes.get("service.name")).toBe("api");
  });

  it("OTLP/JSON metrics and traces, including one request per line (file exporter output)", () => {
    const m = JSON.stringify({
      resourceMetrics: [
        {
          scopeMetrics: [
            {
              metrics: [
                {
                  name: "x",
                  sum: {
                    aggregationTemporality: "AGGREGATION_TEMPORALITY_CUMULATIVE",
                    isMonotonic: true,
                    dataPoints: [{ asInt: "5" }],
                  },
                },
              ],
            },
          ],
        },
      ],
    });
    const metrics = items<Metric>(parseSamples("metrics", `${m}\n${m}`));
    expect(metrics.map((x) => [x.id, x.type, x.aggregationTemporality, x.dataPoints[0].value])).toEqual([
      [0, "sum", 2, { asInt: 5n }],
      [1, "sum", 2, { asInt: 5n }],
    ]);
    const spans = items<Span>(
      parseSamples(
        "traces",
        JSON.stringify({
          resourceSpans: [{ scopeSpans: [{ spans: [{ name: "a", kind: "SPAN_KIND_SERVER", status: { code: 2 } }] }] }],
        }),
      ),
    );
    expect(spans.map((s) => [s.name, s.kind, s.status.code])).toEqual([["a", 2, 2]]);
  });

  it("a file that is not OTLP/JSON, or OTLP of another signal, is a clear 400", () => {
    expect(() => parseOtlpJson("logs", "hello")).toThrow(InvalidInputError);
    expect(() => parseOtlpJson("logs", '{"foo":1}')).toThrow(/expected a JSON object with a "resourceLogs" array/);
    expect(() => parseSamples("logs", '{"resourceSpans":[]}')).toThrow(/This is OTLP\/JSON traces, not logs/);
    expect(() => parseSamples("metrics", "a line")).toThrow(/Expected OTLP\/JSON metrics/);
    expect(() =>
      parseOtlpJson(
        "logs",
        JSON.stringify({ resourceLogs: [{ scopeLogs: [{ logRecords: [{ timeUnixNano: "12.5" }] }] }] }),
      ),
    ).toThrow(/expected an integer/);
  });

  it("rejects input above the size cap", () => {
    expect(() => parseSamples("logs", "x".repeat(2000), { maxBytes: 1000 })).toThrow(PayloadTooLargeError);
    expect(() => parseSamples("logs", "é".repeat(600), { maxBytes: 1000 })).toThrow(PayloadTooLargeError);
  });
});
