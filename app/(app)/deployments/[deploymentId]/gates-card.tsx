import type { GatesView, GateName, GateState } from "@/lib/deployments/gates";
import { Badge } from "@/app/_components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { TimeAgo } from "@/app/_components/time-ago";

const LABELS: Record<GateName, string> = {
  export_failures: "Export failures (rise)",
  drops: "Dropped share (rise)",
  volume: "Output volume (change)",
  reporting: "Still reporting own metrics",
  health: "Component health",
};
const STATE: Record<GateState, { word: string; variant: "success" | "destructive" | "warning" | "outline" }> = {
  pass: { word: "pass", variant: "success" },
  fail: { word: "fail", variant: "destructive" },
  watching: { word: "watching", variant: "warning" },
  no_data: { word: "no data", variant: "outline" },
};
const VERDICT = {
  waiting: "waiting for the batch to settle",
  watching: "watching",
  passed: "passed",
  failed: "failed",
};
const figure = (n: number | null) => (n === null ? "—" : String(n));

/** The current batch's telemetry gates, as the deployment API measures them on every refresh. */
export function GatesCard({ gates }: { gates: GatesView }) {
  return (
    <Card className="mb-6" data-testid="gates" data-state={gates.state}>
      <CardHeader>
        <CardTitle>Gates, batch {gates.batch + 1}</CardTitle>
        <CardDescription>
          {VERDICT[gates.state]}: {gates.gateways} gateway{gates.gateways === 1 ? "" : "s"} watched for{" "}
          {gates.watch_seconds} s
          {gates.watch_started_at && (
            <>
              {" "}
              from <TimeAgo at={gates.watch_started_at} />
            </>
          )}
          , against the same gateways before the batch.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <table className="w-full max-w-3xl text-sm">
          <thead className="text-muted-foreground text-left text-xs">
            <tr>
              <th className="font-normal">Gate</th>
              <th className="text-right font-normal">Before</th>
              <th className="text-right font-normal">After</th>
              <th className="text-right font-normal">Measured</th>
              <th className="text-right font-normal">Threshold</th>
              <th className="pl-3 font-normal">State</th>
            </tr>
          </thead>
          <tbody className="tabular-nums">
            {gates.results.map((r) => (
              <tr key={r.gate} data-testid={`gate-${r.gate}`} data-state={r.state}>
                <td>
                  {LABELS[r.gate]} <span className="text-muted-foreground text-xs">{r.unit}</span>
                </td>
                <td className="text-right">{figure(r.before)}</td>
                <td className="text-right">{figure(r.after)}</td>
                <td className="text-right font-medium" data-testid="gate-measured">
                  {figure(r.measured)}
                </td>
                <td className="text-right">{r.gate === "volume" ? `±${r.threshold}` : r.threshold}</td>
                <td className="pl-3">
                  <Badge variant={STATE[r.state].variant}>{STATE[r.state].word}</Badge>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {gates.state === "waiting" && (
          <p className="text-muted-foreground mt-2 text-xs">
            The watch begins once every gateway of the batch has reported.
          </p>
        )}
      </CardContent>
    </Card>
  );
}
