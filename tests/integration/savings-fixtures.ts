/** A collector's own volume metrics at a chosen time, as its OTLP exporter sends them (cumulative since `start`). */

const CUMULATIVE = 2;
const nanos = (ms: number) => String(BigInt(ms) * 1_000_000n);
const attrs = (a: Record<string, string>) => Object.entries(a).map(([key, s]) => ({ key, value: { stringValue: s } }));

const SUFFIX = { logs: "log_records", metrics: "metric_points", traces: "spans" } as const;
type Signal = keyof typeof SUFFIX;

export type VolumeAt = {
  at: number;
  start: number;
  /** Per signal: what the otlp receiver accepted, and what each exporter sent (two exporters = a fan-out). */
  signals: Partial<Record<Signal, { in: number; out: Record<string, number> }>>;
  /** Request body bytes received and sent (reported at telemetry level detailed). */
  bytes?: { in: number; out: number };
};

export function volumeAt(v: VolumeAt) {
  const point = (value: number, a: Record<string, string>) => ({
    asInt: String(value),
    timeUnixNano: nanos(v.at),
    startTimeUnixNano: nanos(v.start),
    attributes: attrs(a),
  });
  const counter = (name: string, points: ReturnType<typeof point>[]) => ({
    name,
    sum: { aggregationTemporality: CUMULATIVE, isMonotonic: true, dataPoints: points },
  });
  const histogram = (name: string, sum: number) => ({
    name,
    histogram: {
      aggregationTemporality: CUMULATIVE,
      dataPoints: [
        {
          sum,
          count: "1",
          timeUnixNano: nanos(v.at),
          startTimeUnixNano: nanos(v.start),
          attributes: attrs({ "server.address": "backend" }),
        },
      ],
    },
  });
  const metrics: unknown[] = [];
  for (const [signal, s] of Object.entries(v.signals) as [Signal, { in: number; out: Record<string, number> }][]) {
    metrics.push(counter(`otelcol_receiver_accepted_${SUFFIX[signal]}`, [point(s.in, { receiver: "otlp" })]));
    metrics.push(
      counter(
        `otelcol_exporter_sent_${SUFFIX[signal]}`,
        Object.entries(s.out).map(([exporter, n]) => point(n, { exporter })),
      ),
    );
  }
  if (v.bytes) {
    metrics.push(histogram("http.server.request.body.size", v.bytes.in));
    metrics.push(histogram("http.client.request.body.size", v.bytes.out));
  }
  return {
    resourceMetrics: [
      {
        resource: { attributes: attrs({ "service.name": "otelcol-contrib" }) },
        scopeMetrics: [{ metrics }],
      },
    ],
  };
}
