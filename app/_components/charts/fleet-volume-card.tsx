"use client";
import { useState } from "react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { MarkersList } from "./markers-list";
import { MetricChart } from "./metric-chart";
import { RangePicker } from "./range-picker";
import { RANGES } from "./ranges";
import { useMarkers } from "./use-markers";
import type { Line } from "./use-series";

const LINES: Line[] = [
  { metric: "receiver_accepted", by: "signal", label: (s) => `${s || "unknown"} in` },
  { metric: "exporter_sent", by: "signal", label: (s) => `${s || "unknown"} out` },
];

/** The whole fleet's volume in and out per signal, with the org's deployments marked. */
export function FleetVolumeCard() {
  const [rangeMs, setRangeMs] = useState<number>(RANGES[2].ms);
  const markers = useMarkers(null, rangeMs);
  return (
    <Card data-testid="fleet-volume">
      <CardHeader className="flex flex-wrap items-start justify-between gap-2">
        <div className="grid gap-1.5">
          <CardTitle>Fleet volume</CardTitle>
          <CardDescription>
            Items accepted by the gateways&apos; receivers and sent by their exporters (every exporter counts, so a
            fan-out to two backends shows twice).
          </CardDescription>
        </div>
        <RangePicker value={rangeMs} onChange={setRangeMs} />
      </CardHeader>
      <CardContent className="grid gap-3">
        <MetricChart
          title="Volume in vs out"
          base="/api/v1/timeseries"
          lines={LINES}
          rangeMs={rangeMs}
          markers={markers.times}
        />
        <MarkersList items={markers.items} />
      </CardContent>
    </Card>
  );
}
