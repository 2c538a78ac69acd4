import { and, eq, gte, inArray, lt, sql, type SQL } from "drizzle-orm";
import { gatewayTimeseries } from "../db/schema";
import type { Queryable } from "../db/client";
import type { MetricId } from "../timeseries/catalog";

export const SIGNALS = ["logs", "metrics", "traces"] as const;
export type SignalName = (typeof SIGNALS)[number];
const VOLUME: MetricId[] = ["receiver_accepted", "exporter_sent", "bytes_received", "bytes_sent"];

export type InOut = { in: number; out: number };
/** One gateway's volume over a window: items per signal, bytes, and what each exporter sent. */
export type GatewayVolume = {
  signals: Record<SignalName, InOut>;
  bytes: InOut;
  exporters: { signal: string; component: string; sent: number }[];
};

const emptyVolume = (): GatewayVolume => ({
  signals: { logs: { in: 0, out: 0 }, metrics: { in: 0, out: 0 }, traces: { in: 0, out: 0 } },
  bytes: { in: 0, out: 0 },
  exporters: [],
});

/**
 * Each gateway's volume in [from, to). In = what its receivers accepted (receivers are separate inputs, so they add
 * up). Out = what its busiest exporter of that signal sent: a pipeline fanning out to two backends sends the same
 * items twice, and counting both would make a gateway look like it adds data. Bytes follow the same rule.
 */
export async function readGatewayVolumes(
  db: Queryable,
  orgId: string,
  scope: SQL | undefined,
  from: Date,
  to: Date,
): Promise<Map<string, GatewayVolume>> {
  const rows = await db
    .select({
      gatewayId: gatewayTimeseries.gatewayId,
      metric: gatewayTimeseries.metric,
      signal: gatewayTimeseries.signal,
      component: gatewayTimeseries.component,
      value: sql<string>`sum(${gatewayTimeseries.value})`,
    })
    .from(gatewayTimeseries)
    .where(
      and(
        eq(gatewayTimeseries.orgId, orgId),
        scope,
        inArray(gatewayTimeseries.metric, VOLUME),
        gte(gatewayTimeseries.bucket, from),
        lt(gatewayTimeseries.bucket, to),
      ),
    )
    .groupBy(
      gatewayTimeseries.gatewayId,
      gatewayTimeseries.metric,
      gatewayTimeseries.signal,
      gatewayTimeseries.component,
    );
  const out = new Map<string, GatewayVolume>();
  for (const r of rows) {
    const v = out.get(r.gatewayId) ?? emptyVolume();
    out.set(r.gatewayId, v);
    const value = Number(r.value);
    const signal = v.signals[r.signal as SignalName];
    if (r.metric === "receiver_accepted" && signal) signal.in += value;
    else if (r.metric === "exporter_sent") {
      v.exporters.push({ signal: r.signal, component: r.component, sent: value });
      if (signal) signal.out = Math.max(signal.out, value);
    } else if (r.metric === "bytes_received") v.bytes.in += value;
    else if (r.metric === "bytes_sent") v.bytes.out = Math.max(v.bytes.out, value);
  }
  return out;
}

/** Several gateways' volumes added up (each gateway's out already counts its fan-out once). */
export function addVolumes(volumes: GatewayVolume[]): GatewayVolume {
  const total = emptyVolume();
  const exporters = new Map<string, GatewayVolume["exporters"][number]>();
  for (const v of volumes) {
    for (const s of SIGNALS) {
      total.signals[s].in += v.signals[s].in;
      total.signals[s].out += v.signals[s].out;
    }
    total.bytes.in += v.bytes.in;
    total.bytes.out += v.bytes.out;
    for (const e of v.exporters) {
      const key = `${e.signal}|${e.component}`;
      const seen = exporters.get(key);
      if (seen) seen.sent += e.sent;
      else exporters.set(key, { ...e });
    }
  }
  total.exporters = [...exporters.values()].sort(
    (a, b) => a.signal.localeCompare(b.signal) || a.component.localeCompare(b.component),
  );
  return total;
}
