"use client";
import useSWR from "swr";
import type { getDeploymentVolume } from "@/lib/savings/before-after";
import { fetchJson, type Jsonify } from "@/lib/ui/json";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";

type Volume = Jsonify<Awaited<ReturnType<typeof getDeploymentVolume>>>;
const SIGNALS = [
  ["logs", "Log records"],
  ["metrics", "Data points"],
  ["traces", "Spans"],
] as const;
const REFRESH_MS = 60_000;
const number = new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat("en", { style: "percent", maximumFractionDigits: 1, signDisplay: "exceptZero" });

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
          <table className="w-full max-w-xl text-sm">
            <thead className="text-muted-foreground text-left text-xs">
              <tr>
                <th className="font-normal">Signal</th>
                <th className="text-right font-normal">Before</th>
                <th className="text-right font-normal">After</th>
                <th className="text-right font-normal">Change</th>
              </tr>
            </thead>
            <tbody className="tabular-nums">
              {SIGNALS.map(([s, label]) => {
                const delta = data.delta.signals[s];
                return (
                  <tr key={s} data-testid={`volume-${s}`}>
                    <td>{label}</td>
                    <td className="text-right">{number.format(data.before.signals[s].out)}</td>
                    <td className="text-right">{data.after ? number.format(data.after.signals[s].out) : "—"}</td>
                    <td className="text-right">
                      {!delta ? "—" : delta.ratio === null ? number.format(delta.change) : percent.format(delta.ratio)}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        {data && !data.after && (
          <p className="text-muted-foreground mt-2 text-xs">The after window starts a minute after the rollout ends.</p>
        )}
      </CardContent>
    </Card>
  );
}
