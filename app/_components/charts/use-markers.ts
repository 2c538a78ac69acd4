"use client";
import useSWR from "swr";
import type { listDeploymentMarkers } from "@/lib/deployments/markers";
import { fetchJson } from "@/lib/ui/json";

export type Marker = Awaited<ReturnType<typeof listDeploymentMarkers>>["items"][number];

/** The deployments (of one gateway, or the org's) created or finished over the last `rangeMs`. */
export function useMarkers(gatewayId: string | null, rangeMs: number) {
  const { data } = useSWR(
    `markers|${gatewayId}|${rangeMs}`,
    () => {
      const to = new Date();
      const from = new Date(to.getTime() - rangeMs);
      const scope = gatewayId ? `&gateway_id=${gatewayId}` : "";
      return fetchJson<{ items: Marker[] }>(
        `/api/v1/timeseries/markers?from=${from.toISOString()}&to=${to.toISOString()}${scope}`,
      );
    },
    { refreshInterval: 60_000, keepPreviousData: true },
  );
  const items = data?.items ?? [];
  // A line where each deployment was created and where it finished.
  const times = items.flatMap((m) => (m.finished_at ? [m.created_at, m.finished_at] : [m.created_at]));
  return { items, times };
}
