"use client";
import useSWR from "swr";
import type { getDeploymentVolume } from "@/lib/savings/before-after";
import { fetchJson, type Jsonify } from "@/lib/ui/json";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { SimpleTable, type Column } from "@/app/_components/simple-table";

type Volume = Jsonify<Awaited<ReturnType<typeof getDeploymentVolume>>>;
const SIGNALS = [
  ["logs", "Log records"],
  ["metrics", "Data points"],
  ["traces", "Spans"],
] as const;
const REFRESH_MS = 60_000;
const number = new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat("en", { style: "percent", maximumFractionDigits: 1, signDisplay: "exceptZero" });

const RIGHT = { headClassName: "text-right", className: "text-right" };

/** Each signal's output before and after, and the change between them. */
function volumeColumns(data: Volume): Column<(typeof SIGNALS)[number]>[] {
  return [
    { header: "Signal", cell: ([, label]) => label },
    { header: "Before", ...RIGHT, cell: ([s]) => number.format(data.before.signals[s].out) },
    {
      header: "After",
      ...RIGHT,
      cell: ([s]) => (data.after ? number.format(data.after.signals[s].out) : "—"),
    },
    {
      header: "Change",
      ...RIGHT,
      cell: ([s]) => {
        const delta = data.delta.signals[s];
        return !delta ? "—" : delta.ratio === null ? number.format(delta.change) : percent.format(delta.ratio);
      },
    },
  ];
}

/** Output of the targeted gateways over the same window before and after the deployment (one hour at most). */
export function VolumeCard({ id }: { id: string }) {
  const { data, error } = useSWR<Volume>(`/api/v1/deployments/${id}/volume?window=1h`, fetchJson, {
    refreshInterval: REFRESH_MS,
  });
  const minutes = data ? Math.round(data.window_seconds / 60) : 0;
  return (
    <Card className="mb-6" data-testid="before-after">
      <CardHeader>
        <CardTitle>Volume before and after</CardTitle>
        <CardDescription>
          What the targeted gateways sent over {data ? `${minutes} minute${minutes === 1 ? "" : "s"}` : "an hour"}{" "}
          before the deployment started and after it finished, from their own metrics.
        </CardDescription>
      </CardHeader>
      <CardContent>
        {error ? (
          <p role="alert" className="text-destructive text-sm">
            Could not load the volume: {error.message}
          </p>
        ) : !data ? (
          <p className="text-muted-foreground text-sm">Loading…</p>
        ) : (
          <SimpleTable
            variant="plain"
            className="w-full max-w-xl text-sm"
            headClassName="font-normal"
            bodyClassName="tabular-nums"
            columns={volumeColumns(data)}
            rows={SIGNALS}
            rowKey={([s]) => s}
            rowProps={([s]) => ({ "data-testid": `volume-${s}` })}
          />
        )}
        {data && !data.after && (
          <p className="text-muted-foreground mt-2 text-xs">The after window starts a minute after the rollout ends.</p>
        )}
      </CardContent>
    </Card>
  );
}
