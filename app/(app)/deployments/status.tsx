import { statusVariant } from "@/app/_components/status-badge";
import { Badge } from "@/app/_components/ui/badge";
import type { Progress } from "@/lib/deployments/queries";

/** A deployment or per-gateway rollout status word (colours: statusVariant). */
export function RolloutBadge({ status }: { status: string }) {
  return (
    <Badge variant={statusVariant(status)} data-testid="rollout-status" data-status={status}>
      {status.replace("_", " ")}
    </Badge>
  );
}

/** Applied, failed (incl. timeout), in flight and waiting, as one bar; superseded rows are left out. */
export function ProgressBar({ progress }: { progress: Progress }) {
  const counted = progress.total - progress.superseded;
  const failed = progress.failed + progress.timeout;
  const inFlight = progress.sent + progress.applying;
  const pct = (n: number) => (counted ? `${(n / counted) * 100}%` : "0%");
  const label = `${progress.applied} of ${counted} applied${failed ? `, ${failed} failed` : ""}${progress.superseded ? `, ${progress.superseded} superseded` : ""}`;
  return (
    <div className="grid min-w-40 gap-1" data-testid="deployment-progress">
      <div
        className="bg-muted flex h-2 overflow-hidden rounded-full"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={counted}
        aria-valuenow={progress.applied}
      >
        <div className="bg-success h-full" style={{ width: pct(progress.applied) }} />
        <div className="bg-destructive h-full" style={{ width: pct(failed) }} />
        <div className="bg-warning h-full" style={{ width: pct(inFlight) }} />
      </div>
      <span className="text-muted-foreground text-xs tabular-nums">{label}</span>
    </div>
  );
}
