import { describe, expect, it } from "vitest";
import { countRecords, firstRecords, mergePayloads, toOtlpJson } from "./otlp-json";

const points = (n: number) => Array.from({ length: n }, (_, i) => ({ asInt: String(i) }));
/** The first resource: metric "a" with 2 points, "b" with `bPoints` (firstRecords cuts it at the data point). */
const firstResource = (bPoints: number) => ({
  resource: { attributes: [] },
  scopeMetrics: [
    {
      metrics: [
        { name: "a", gauge: { dataPoints: points(2) } },
        { name: "b", sum: { dataPoints: points(bPoints), isMonotonic: true } },
      ],
    },
  ],
});
const metrics = {
  resourceMetrics: [
    firstResource(3),
    { resource: {}, scopeMetrics: [{ metrics: [{ name: "c", histogram: { dataPoints: points(1) } }] }] },
  ],
};

describe("OTLP/JSON record helpers", () => {
  it("count metric data points, log records and spans", () => {
    expect(countRecords("metrics", metrics)).toBe(6);
    expect(
      countRecords("logs", { resourceLogs: [{ scopeLogs: [{ logRecords: [{}, {}] }, { logRecords: [{}] }] }] }),
    ).toBe(3);
    expect(countRecords("traces", { resourceSpans: [{ scopeSpans: [{ spans: [{}] }] }] })).toBe(1);
  });

  it("keep the first N records with their resource and scope, cutting a metric at the data point", () => {
    const { payload, count } = firstRecords("metrics", metrics, 4);
    expect(count).toBe(4);
    expect(payload).toEqual({ resourceMetrics: [firstResource(2)] });
    expect(firstRecords("metrics", metrics, 100).count).toBe(6);
    expect(firstRecords("logs", { resourceLogs: [{ scopeLogs: [{ logRecords: [{}] }] }] }, 0)).toEqual({
      payload: { resourceLogs: [] },
      count: 0,
    });
  });

  it("merge requests and write ids as hex", () => {
    expect(mergePayloads("logs", null, { resourceLogs: [{ a: 1 }] })).toEqual({ resourceLogs: [{ a: 1 }] });
    const id = Buffer.from("0102030405060708", "hex").toString("base64");
    expect(toOtlpJson({ spans: [{ spanId: id, parentSpanId: id, name: "x" }] })).toEqual({
      spans: [{ spanId: "0102030405060708", parentSpanId: "0102030405060708", name: "x" }],
    });
  });
});
