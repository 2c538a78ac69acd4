import type { GatesView, GateName, GateState } from "@/lib/deployments/gates";
import { Badge } from "@/app/_components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { TimeAgo } from "@/app/_components/time-ago";
import { SimpleTable, type Column } from "@/app/_components/simple-table";

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

const RIGHT = { headClassName: "text-right", className: "text-right" };

const COLUMNS: Column<GatesView["results"][number]>[] = [
  {
    header: "Gate",
    cell: (r) => (
      <>
        {LABELS[r.gate]} <span className="text-muted-foreground text-xs">{r.unit}</span>
      </>
    ),
  },
  { header: "Before", ...RIGHT, cell: (r) => figure(r.before) },
  { header: "After", ...RIGHT, cell: (r) => figure(r.after) },
  {
    header: "Measured",
    headClassName: "text-right",
    className: "text-right font-medium",
    props: () => ({ "data-testid": "gate-measured" }),
    cell: (r) => figure(r.measured),
  },
  {
    header: "Threshold",
    ...RIGHT,
    cell: (r) => (r.gate === "volume" ? `±${r.threshold}` : r.threshold),
  },
  {
    header: "State",
    headClassName: "pl-3",
    className: "pl-3",
    cell: (r) => <Badge variant={STATE[r.state].variant}>{STATE[r.state].word}</Badge>,
  },
];

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
        <SimpleTable
          variant="plain"
          className="w-full max-w-3xl text-sm"
          headClassName="font-normal"
          bodyClassName="tabular-nums"
          columns={COLUMNS}
          rows={gates.results}
          rowKey={(r) => r.gate}
          rowProps={(r) => ({ "data-testid": `gate-${r.gate}`, "data-state": r.state })}
        />
        {gates.state === "waiting" && (
          <p className="text-muted-foreground mt-2 text-xs">
            The watch begins once every gateway of the batch has reported.
          </p>
        )}
      </CardContent>
    </Card>
  );
}
