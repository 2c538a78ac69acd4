"use client";
import useSWR from "swr";
import type { MetricId } from "@/lib/timeseries/catalog";
import { fetchJson } from "@/lib/ui/json";
import type { ChartSeries } from "./time-chart";

/** One metric on a chart: split by signal (a line per signal) or in total, and how its lines are named. */
export type Line = { metric: MetricId; by: "signal" | "total"; label: (signal: string) => string };
/** The part of a timeseries answer (lib/timeseries/queries.ts readSeries) the charts use. */
type Answer = { series: { signal: string; points: [string, number][] }[] };

// Readable on light and dark backgrounds.
const COLORS = ["#2563eb", "#16a34a", "#9333ea", "#dc2626", "#0891b2", "#ca8a04", "#db2777", "#65a30d"];
const REFRESH_MS = 60_000;

/**
 * The lines of one chart over the last `rangeMs`, from a timeseries endpoint (`base`: a gateway's or the org's),
 * re-read every minute. One request per metric, each answered with all of that metric's series.
 */
export function useSeries(base: string, lines: Line[], rangeMs: number) {
  const key = `${base}|${rangeMs}|${lines.map((l) => `${l.metric}:${l.by}`).join(",")}`;
  return useSWR(
    key,
    async () => {
      const to = new Date();
      const from = new Date(to.getTime() - rangeMs);
      const span = `from=${from.toISOString()}&to=${to.toISOString()}`;
      const sep = base.includes("?") ? "&" : "?";
      const answers = await Promise.all(
        lines.map((l) => fetchJson<Answer>(`${base}${sep}metric=${l.metric}&by=${l.by}&${span}`)),
      );
      const series: ChartSeries[] = answers
        .flatMap((a, i) => a.series.map((s) => ({ label: lines[i].label(s.signal), points: s.points })))
        .map((s, i) => ({ ...s, color: COLORS[i % COLORS.length] }));
      return { range: { from: from.toISOString(), to: to.toISOString() }, series };
    },
    { refreshInterval: REFRESH_MS, keepPreviousData: true },
  );
}
