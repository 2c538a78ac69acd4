import { LoaderCircle } from "lucide-react";
import { cn } from "@/lib/ui/cn";
import type { InOut, TotalsView } from "./view-model";

/** Records, bytes (and data points, series for metrics) in → out, and what the steps save; updates as steps change. */
export function TotalsBar({
  totals,
  ms,
  pending,
  signal,
}: {
  totals: TotalsView | null;
  ms: number | null;
  pending: boolean;
  signal: string;
}) {
  return (
    <section
      aria-label="Preview totals"
      data-testid="totals"
      data-preview-ms={ms === null ? undefined : ms.toFixed(1)}
      className="bg-card flex flex-wrap items-center gap-x-8 gap-y-2 rounded-lg border px-4 py-3"
    >
      {totals ? (
        <>
          <Figure label="Records" value={totals.records} testId="total-records" />
          <Figure label="Bytes" value={totals.bytes} format={formatBytes} testId="total-bytes" />
          {signal === "metrics" && totals.datapoints && (
            <Figure label="Data points" value={totals.datapoints} testId="total-datapoints" />
          )}
          {signal === "metrics" && totals.series && (
            <Figure label="Distinct series" value={totals.series} testId="total-series" />
          )}
          <div className="grid">
            <span className="text-muted-foreground text-xs">Saved</span>
            <span
              className={cn("text-lg font-semibold tabular-nums", totals.savedPercent > 0 && "text-success")}
              data-testid="total-saved"
            >
              {totals.savedPercent}%
            </span>
          </div>
        </>
      ) : (
        <span className="text-muted-foreground text-sm">Add samples to see what the steps keep, change and drop.</span>
      )}
      <span className="text-muted-foreground ml-auto flex items-center gap-1 text-xs" role="status">
        {pending && <LoaderCircle className="size-3 animate-spin" aria-hidden />}
        {ms !== null && `preview in ${ms.toFixed(0)} ms`}
      </span>
    </section>
  );
}

function Figure({
  label,
  value,
  format = (n) => n.toLocaleString("en"),
  testId,
}: {
  label: string;
  value: InOut;
  format?: (n: number) => string;
  testId: string;
}) {
  return (
    <div className="grid" data-testid={testId} data-in={value.in} data-out={value.out}>
      <span className="text-muted-foreground text-xs">{label}</span>
      <span className="text-lg font-semibold tabular-nums">
        {format(value.in)} <span className="text-muted-foreground">→</span> {format(value.out)}
      </span>
    </div>
  );
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}
