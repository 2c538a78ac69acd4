import { cn } from "@/lib/ui/cn";

export type HealthStatus = "healthy" | "warning" | "unhealthy" | "offline" | "unknown";

const DOT: Record<HealthStatus, string> = {
  healthy: "bg-success",
  warning: "bg-warning",
  unhealthy: "bg-destructive",
  offline: "bg-muted-foreground/40",
  unknown: "border border-muted-foreground/60",
};

/** A coloured dot, the health word and the score (100/50/20/0), as the health rules compute them; "unknown" = never seen. */
export function HealthIndicator({
  status,
  score,
  className,
}: {
  status: HealthStatus | string;
  score?: number | null;
  className?: string;
}) {
  const dot = DOT[status as HealthStatus] ?? DOT.offline;
  return (
    <span className={cn("inline-flex items-center gap-2 text-sm", className)} data-testid="health" data-health={status}>
      <span aria-hidden className={cn("size-2.5 shrink-0 rounded-full", dot)} />
      <span className="capitalize">{status}</span>
      {score != null && <span className="text-muted-foreground tabular-nums">{score}</span>}
    </span>
  );
}
