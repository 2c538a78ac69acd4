/** OTLP/JSON metrics with known series, as a capture stores them (tests/integration/cardinality-*.test.ts). */
const attrs = (a: Record<string, string>) => Object.entries(a).map(([key, v]) => ({ key, value: { stringValue: v } }));

const resource = (service: string, metrics: unknown[]) => ({
  resource: { attributes: attrs({ "service.name": service }) },
  scopeMetrics: [{ scope: { name: "app" }, metrics }],
});

const histogramPoint = (a: Record<string, string>) => ({
  attributes: attrs(a),
  count: "6",
  sum: 420,
  bucketCounts: ["1", "2", "3"],
  explicitBounds: [10, 100],
});
const sumPoint = (a: Record<string, string>) => ({ attributes: attrs(a), asInt: "1" });

/**
 * Older sample. http.server.duration: 3 routes × 2 methods = 6 series (each 3 buckets + _sum + _count = 5 backend
 * series). http.server.request.count: 10 users over 2 routes = 10 series. queue.size: one series.
 */
export const SAMPLE_A = {
  resourceMetrics: [
    resource("api", [
      {
        name: "http.server.duration",
        unit: "ms",
        histogram: {
          aggregationTemporality: 2,
          dataPoints: ["/a", "/b", "/c"].flatMap((route) =>
            ["GET", "POST"].map((method) => histogramPoint({ "http.route": route, "http.method": method })),
          ),
        },
      },
      {
        name: "http.server.request.count",
        unit: "{requests}",
        sum: {
          aggregationTemporality: 2,
          isMonotonic: true,
          dataPoints: Array.from({ length: 10 }, (_, i) =>
            sumPoint({ "http.route": i % 2 ? "/b" : "/a", "user.id": `u${i}` }),
          ),
        },
      },
      { name: "queue.size", unit: "{items}", gauge: { dataPoints: [{ asInt: "3" }, { asInt: "4" }] } },
    ]),
  ],
};

/** Newer sample: the same counter from another service, users u0…u4 on /a (5 more series: other resource). */
export const SAMPLE_B = {
  resourceMetrics: [
    resource("worker", [
      {
        name: "http.server.request.count",
        unit: "{requests}",
        sum: {
          aggregationTemporality: 2,
          isMonotonic: true,
          dataPoints: Array.from({ length: 5 }, (_, i) => sumPoint({ "http.route": "/a", "user.id": `u${i}` })),
        },
      },
    ]),
  ],
};

export const DASHBOARD = JSON.stringify({
  title: "API",
  panels: [
    {
      title: "p99",
      datasource: { type: "prometheus", uid: "p" },
      targets: [
        {
          expr: "histogram_quantile(0.99, sum by (le) (rate(http_server_duration_milliseconds_bucket[$__rate_interval])))",
        },
      ],
    },
  ],
});
