"use client";
import { useState } from "react";
import { MarkersList } from "./markers-list";
import { MetricChart } from "./metric-chart";
import { RangePicker } from "./range-picker";
import { RANGES } from "./ranges";
import { useMarkers } from "./use-markers";
import type { Line } from "./use-series";

const CHARTS: { title: string; lines: Line[] }[] = [
  {
    title: "Data in vs out",
    lines: [
      { metric: "receiver_accepted", by: "signal", label: (s) => `${s || "unknown"} in` },
      { metric: "exporter_sent", by: "signal", label: (s) => `${s || "unknown"} out` },
    ],
  },
  {
    title: "Drops",
    lines: [
      { metric: "processor_dropped", by: "total", label: () => "dropped" },
      { metric: "processor_filtered", by: "total", label: () => "filtered" },
      { metric: "receiver_refused", by: "total", label: () => "refused" },
    ],
  },
  {
    title: "Export failures",
    lines: [
      { metric: "exporter_send_failed", by: "total", label: () => "send failed" },
      { metric: "exporter_enqueue_failed", by: "total", label: () => "enqueue failed" },
    ],
  },
  {
    title: "Queue fill",
    lines: [
      { metric: "exporter_queue_size", by: "total", label: () => "queue size" },
      { metric: "exporter_queue_capacity", by: "total", label: () => "capacity" },
    ],
  },
];

/** A gateway's own metrics as charts (items per minute or per step), with its deployments marked. */
export function GatewayMetricsPanel({ gatewayId }: { gatewayId: string }) {
  const [rangeMs, setRangeMs] = useState<number>(RANGES[0].ms);
  const markers = useMarkers(gatewayId, rangeMs);
  const base = `/api/v1/gateways/${gatewayId}/timeseries`;
  return (
    <div className="grid gap-4" data-testid="gateway-metrics">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-muted-foreground text-sm">
          From the collector&apos;s own metrics: items per bucket, queue readings at their highest.
        </p>
        <RangePicker value={rangeMs} onChange={setRangeMs} />
      </div>
      <div className="grid gap-6 lg:grid-cols-2">
        {CHARTS.map((c) => (
          <MetricChart
            key={c.title}
            title={c.title}
            base={base}
            lines={c.lines}
            rangeMs={rangeMs}
            markers={markers.times}
          />
        ))}
      </div>
      <MarkersList items={markers.items} />
    </div>
  );
}
