"use client";
import { useMemo } from "react";
import { TimeChart } from "./time-chart";
import { useSeries, type Line } from "./use-series";

/** One titled chart of own metrics with its loading, error and empty states. */
export function MetricChart({
  title,
  base,
  lines,
  rangeMs,
  markers,
}: {
  title: string;
  base: string;
  lines: Line[];
  rangeMs: number;
  markers: string[];
}) {
  const { data, error, isLoading } = useSeries(base, lines, rangeMs);
  const hasData = Boolean(data?.series.some((s) => s.points.length));
  // A stable array, so the chart is rebuilt only when the markers really change.
  const markerKey = markers.join(",");
  const stableMarkers = useMemo(() => (markerKey ? markerKey.split(",") : []), [markerKey]);
  return (
    <section className="grid min-w-0 gap-2" data-testid={`chart-${title.toLowerCase().replace(/\W+/g, "-")}`}>
      <h3 className="text-sm font-medium">{title}</h3>
      {error ? (
        <p role="alert" className="text-destructive text-sm">
          Could not load: {error.message}
        </p>
      ) : isLoading && !data ? (
        <div className="bg-muted/40 h-[180px] animate-pulse rounded-md" aria-label="Loading" />
      ) : !hasData ? (
        <p className="text-muted-foreground flex h-[120px] items-center justify-center rounded-md border border-dashed text-sm">
          No data in this window
        </p>
      ) : (
        <TimeChart title={title} series={data!.series} range={data!.range} markers={stableMarkers} />
      )}
    </section>
  );
}
