import path from "node:path";
import protobuf from "protobufjs";
import { describe, expect, it } from "vitest";
import { parseOtlpJson } from "../samples";
import type { Signal } from "../types";
import { batchSize } from "./otlp-size";

/**
 * The size calculator against the real thing: the same OTLP/JSON encoded by protobufjs with the OTLP protos. Resource,
 * scope and span status are given explicitly, since the calculator always counts them (as the collector writes them).
 */
/** The repository's copy of the OTLP protos (the same files the server decodes OTLP/HTTP with). */
const PROTO_DIR = path.resolve(import.meta.dirname, "../../../proto");
const root = new protobuf.Root();
root.resolvePath = (_o, target) => path.join(PROTO_DIR, target);
root.loadSync([
  "opentelemetry/proto/collector/logs/v1/logs_service.proto",
  "opentelemetry/proto/collector/metrics/v1/metrics_service.proto",
  "opentelemetry/proto/collector/trace/v1/trace_service.proto",
]);
const REQUEST: Record<Signal, string> = {
  logs: "opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest",
  metrics: "opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest",
  traces: "opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest",
};

/** OTLP/JSON ids are hex; protobufjs reads bytes from base64. */
function hexIds(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(hexIds);
  if (!v || typeof v !== "object") return v;
  return Object.fromEntries(
    Object.entries(v).map(([k, x]) => [
      k,
      ["traceId", "spanId", "parentSpanId"].includes(k) && typeof x === "string"
        ? Buffer.from(x, "hex").toString("base64")
        : hexIds(x),
    ]),
  );
}

function protobufSize(signal: Signal, json: object): number {
  const type = root.lookupType(REQUEST[signal]);
  return type.encode(type.fromObject(hexIds(JSON.parse(JSON.stringify(json))) as Record<string, unknown>)).finish()
    .length;
}

const attrs = [
  { key: "s", value: { stringValue: "héllo wörld 😀" } },
  { key: "i", value: { intValue: "-42" } },
  { key: "big", value: { intValue: "9223372036854775807" } },
  { key: "d", value: { doubleValue: 1.25 } },
  { key: "b", value: { boolValue: true } },
  { key: "bytes", value: { bytesValue: "AAEC" } },
  { key: "arr", value: { arrayValue: { values: [{ stringValue: "a" }, { intValue: "1" }, {}] } } },
  {
    key: "kv",
    value: {
      kvlistValue: {
        values: [
          { key: "n", value: { kvlistValue: { values: [{ key: "deep", value: { stringValue: "x".repeat(200) } }] } } },
        ],
      },
    },
  },
  { key: "empty", value: {} },
];
const resource = { attributes: [{ key: "service.name", value: { stringValue: "api" } }], droppedAttributesCount: 3 };
const scope = { name: "lib", version: "1.0", attributes: attrs.slice(0, 2) };

const LOGS = {
  resourceLogs: [
    {
      resource,
      schemaUrl: "https://opentelemetry.io/schemas/1.26.0",
      scopeLogs: [
        {
          scope,
          logRecords: [
            {
              timeUnixNano: "1700000000000000001",
              observedTimeUnixNano: "1700000000000000002",
              severityNumber: 9,
              severityText: "INFO",
              body: { stringValue: "GET /api/items 200" },
              attributes: attrs,
              droppedAttributesCount: 1,
              flags: 1,
              traceId: "5b8efff798038103d269b633813fc60c",
              spanId: "eee19b7ec3c1b174",
              eventName: "evt",
            },
            { body: { kvlistValue: { values: [{ key: "a", value: { doubleValue: 200 } }] } } },
            { severityNumber: 17 },
          ],
        },
        { scope: {}, logRecords: [{ body: { stringValue: "x".repeat(5000) } }] },
      ],
    },
    {
      resource: {},
      scopeLogs: [{ scope: {}, logRecords: [{ attributes: [{ key: "k", value: { stringValue: "v" } }] }] }],
    },
  ],
};

const TRACES = {
  resourceSpans: [
    {
      resource,
      scopeSpans: [
        {
          scope,
          spans: [
            {
              traceId: "5b8efff798038103d269b633813fc60c",
              spanId: "eee19b7ec3c1b174",
              parentSpanId: "eee19b7ec3c1b173",
              traceState: "ot=th:c",
              flags: 257,
              name: "GET /api/items",
              kind: 2,
              startTimeUnixNano: "1700000000000000000",
              endTimeUnixNano: "1700000000500000000",
              attributes: attrs,
              droppedAttributesCount: 2,
              events: [
                {
                  timeUnixNano: "1700000000100000000",
                  name: "exception",
                  attributes: attrs.slice(0, 3),
                  droppedAttributesCount: 1,
                },
              ],
              droppedEventsCount: 1,
              links: [
                {
                  traceId: "5b8efff798038103d269b633813fc60d",
                  spanId: "eee19b7ec3c1b175",
                  traceState: "a=b",
                  attributes: attrs.slice(3, 5),
                  flags: 1,
                },
              ],
              droppedLinksCount: 4,
              status: { message: "boom", code: 2 },
            },
            { traceId: "5b8efff798038103d269b633813fc60c", spanId: "eee19b7ec3c1b176", name: "child", status: {} },
          ],
        },
      ],
    },
  ],
};

const point = {
  attributes: attrs.slice(0, 4),
  startTimeUnixNano: "1700000000000000000",
  timeUnixNano: "1700000060000000000",
};
const exemplar = {
  filteredAttributes: attrs.slice(0, 1),
  timeUnixNano: "1700000000000000005",
  asDouble: 0,
  spanId: "eee19b7ec3c1b174",
  traceId: "5b8efff798038103d269b633813fc60c",
};
const METRICS = {
  resourceMetrics: [
    {
      resource,
      scopeMetrics: [
        {
          scope,
          metrics: [
            {
              name: "g",
              unit: "1",
              description: "a gauge",
              gauge: {
                dataPoints: [
                  { ...point, asDouble: 0 },
                  { ...point, asInt: "-7", exemplars: [exemplar], flags: 1 },
                ],
              },
            },
            {
              name: "s",
              sum: {
                aggregationTemporality: 2,
                isMonotonic: true,
                dataPoints: [{ ...point, asInt: "9223372036854775807" }],
              },
              metadata: attrs.slice(0, 1),
            },
            {
              name: "h",
              histogram: {
                aggregationTemporality: 1,
                dataPoints: [
                  {
                    ...point,
                    count: "10",
                    sum: 0,
                    bucketCounts: ["1", "2", "7"],
                    explicitBounds: [0.5, 1],
                    min: 0.1,
                    max: 3,
                    exemplars: [{ ...exemplar, asDouble: undefined, asInt: "3" }],
                  },
                ],
              },
            },
            {
              name: "e",
              exponentialHistogram: {
                aggregationTemporality: 2,
                dataPoints: [
                  {
                    ...point,
                    count: "5",
                    sum: 2.5,
                    scale: -3,
                    zeroCount: "1",
                    zeroThreshold: 0.001,
                    positive: { offset: -2, bucketCounts: ["1", "300"] },
                    negative: { offset: 5, bucketCounts: [] },
                    min: 0,
                    max: 9,
                  },
                ],
              },
            },
            {
              name: "q",
              summary: {
                dataPoints: [
                  {
                    ...point,
                    count: "3",
                    sum: 6,
                    quantileValues: [
                      { quantile: 0, value: 1 },
                      { quantile: 0.5, value: 2 },
                    ],
                  },
                ],
              },
            },
          ],
        },
      ],
    },
  ],
};

describe("OTLP protobuf size of the record model", () => {
  it.each([
    ["logs", LOGS],
    ["traces", TRACES],
    ["metrics", METRICS],
  ] as const)("%s: equals the protobufjs encoding", (signal, json) => {
    const batch = parseOtlpJson(signal, JSON.stringify(json));
    expect(batchSize(batch)).toBe(protobufSize(signal, json));
  });
});
