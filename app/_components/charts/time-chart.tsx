"use client";
import { useEffect, useRef } from "react";
import type uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

export type ChartSeries = { label: string; color: string; points: [string, number][] };

const AXIS = { stroke: "#888", grid: { stroke: "rgba(128,128,128,0.15)" }, ticks: { stroke: "rgba(128,128,128,0.3)" } };
const compact = new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: 1 });
const seconds = (iso: string) => Date.parse(iso) / 1000;

/** uPlot wants one shared x array: every bucket any series has, each series null where it has no point (a gap). */
function alignedData(series: ChartSeries[]): uPlot.AlignedData {
  const xs = [...new Set(series.flatMap((s) => s.points.map(([t]) => seconds(t))))].sort((a, b) => a - b);
  const index = new Map(xs.map((x, i) => [x, i]));
  const ys = series.map((s) => {
    const y: (number | null)[] = new Array(xs.length).fill(null);
    for (const [t, v] of s.points) y[index.get(seconds(t))!] = v;
    return y;
  });
  return [xs, ...ys] as uPlot.AlignedData;
}

/** Dashed vertical lines at the marker times (deployments), drawn on the canvas over the series. */
function markerPlugin(markers: number[]): uPlot.Plugin {
  return {
    hooks: {
      draw: (u) => {
        const { ctx, bbox } = u;
        ctx.save();
        ctx.strokeStyle = "rgba(234,88,12,0.85)";
        ctx.lineWidth = Math.max(1, devicePixelRatio);
        ctx.setLineDash([6 * devicePixelRatio, 4 * devicePixelRatio]);
        for (const t of markers) {
          const x = Math.round(u.valToPos(t, "x", true));
          if (x < bbox.left || x > bbox.left + bbox.width) continue;
          ctx.beginPath();
          ctx.moveTo(x, bbox.top);
          ctx.lineTo(x, bbox.top + bbox.height);
          ctx.stroke();
        }
        ctx.restore();
      },
    },
  };
}

/**
 * A time-series chart on a canvas (uPlot: thousands of points render in milliseconds). The x axis spans the whole
 * queried window so markers outside the data still show; uPlot is loaded in the browser only (it needs the DOM).
 */
export function TimeChart({
  title,
  series,
  range,
  markers = [],
  height = 180,
}: {
  title: string;
  series: ChartSeries[];
  range: { from: string; to: string };
  markers?: string[];
  height?: number;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let plot: uPlot | undefined;
    let observer: ResizeObserver | undefined;
    let cancelled = false;
    void import("uplot").then(({ default: UPlot }) => {
      const el = ref.current;
      if (cancelled || !el) return;
      const opts: uPlot.Options = {
        width: el.clientWidth || 600,
        height,
        scales: { x: { time: true, range: () => [seconds(range.from), seconds(range.to)] } },
        axes: [AXIS, { ...AXIS, size: 56, values: (_u, ticks) => ticks.map((v) => compact.format(v)) }],
        series: [{}, ...series.map((s) => ({ label: s.label, stroke: s.color, width: 1.5, spanGaps: false }))],
        legend: { live: true },
        plugins: [markerPlugin(markers.map(seconds))],
      };
      plot = new UPlot(opts, alignedData(series), el);
      observer = new ResizeObserver(() => plot?.setSize({ width: el.clientWidth, height }));
      observer.observe(el);
    });
    return () => {
      cancelled = true;
      observer?.disconnect();
      plot?.destroy();
    };
  }, [series, range.from, range.to, markers, height]);
  return <div ref={ref} role="img" aria-label={title} data-testid="time-chart" className="min-w-0" />;
}
