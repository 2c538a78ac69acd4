/** A collector's own metrics at a chosen time, as its OTLP exporter sends them: cumulative counters and gauges. */

const CUMULATIVE = 2;
const nanos = (ms: number) => String(BigInt(ms) * 1_000_000n);
const attrs = (a: Record<string, string>) => Object.entries(a).map(([key, s]) => ({ key, value: { stringValue: s } }));

export type OwnMetricsAt = {
  /** Point time (ms) and the counters' start time (ms): a new start is a collector restart. */
  at: number;
  start: number;
  accepted: number;
  sent: number;
  sendFailed?: number;
  filtered?: number;
  /** Items a processor dropped (otelcol_processor_dropped_*); the series is only sent when given. */
  dropped?: number;
  queueSize?: number;
  queueCapacity?: number;
  /** Split the accepted count over two transports of one receiver (both points belong to one series). */
  transports?: boolean;
};

export function ownMetricsAt(v: OwnMetricsAt) {
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
  const gauge = (name: string, value: number) => ({
    name,
    gauge: { dataPoints: [{ ...point(value, { exporter: "otlphttp", data_type: "logs" }), startTimeUnixNano: "0" }] },
  });
  const grpc = v.transports ? Math.floor(v.accepted / 3) : v.accepted;
  const accepted = [point(grpc, { receiver: "otlp", transport: "grpc" })];
  if (v.transports) accepted.push(point(v.accepted - grpc, { receiver: "otlp", transport: "http" }));
  return {
    resourceMetrics: [
      {
        resource: { attributes: attrs({ "service.name": "otelcol-contrib" }) },
        scopeMetrics: [
          {
            metrics: [
              counter("otelcol_receiver_accepted_log_records", accepted),
              counter("otelcol_exporter_sent_log_records", [point(v.sent, { exporter: "otlphttp" })]),
              counter("otelcol_exporter_send_failed_log_records", [point(v.sendFailed ?? 0, { exporter: "otlphttp" })]),
              counter("otelcol_processor_filter_logs_filtered", [point(v.filtered ?? 0, { processor: "filter/drop" })]),
              ...(v.dropped === undefined
                ? []
                : [
                    counter("otelcol_processor_dropped_log_records", [
                      point(v.dropped, { processor: "memory_limiter" }),
                    ]),
                  ]),
              gauge("otelcol_exporter_queue_size", v.queueSize ?? 0),
              gauge("otelcol_exporter_queue_capacity", v.queueCapacity ?? 1000),
            ],
          },
        ],
      },
    ],
  };
}
