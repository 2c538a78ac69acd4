import { and, eq, gte, inArray, lt, sql } from "drizzle-orm";
import { gatewayTimeseries } from "../db/schema";
import type { Ctx } from "../auth/context";
import { findGatewayOr404 } from "../gateways/lookup";
import { parseWith } from "../http/parse";
import { timeWindowQuery } from "../timeseries/schemas";
import type { MetricId } from "../timeseries/catalog";

const SIGNALS = ["logs", "metrics", "traces"] as const;
const VOLUME: MetricId[] = ["receiver_accepted", "exporter_sent", "bytes_received", "bytes_sent"];

type Figures = { in: number; out: number; saved: number; saved_ratio: number | null };
const figures = (input: number, output: number): Figures => ({
  in: input,
  out: output,
  saved: input - output,
  saved_ratio: input > 0 ? (input - output) / input : null,
});

/**
 * What the gateways kept from the backend over a window: per signal, items accepted by receivers minus items sent
 * by exporters (summed over exporters, so a pipeline fanning out to two backends counts twice), and bytes received
 * minus bytes sent where the collectors report request sizes (those carry no signal, so they are one total).
 */
export async function getSavings(ctx: Ctx, query: { from?: string; to?: string; gatewayId?: string }) {
  const { from, to } = parseWith(timeWindowQuery, { from: query.from, to: query.to });
  const gateway = query.gatewayId ? await findGatewayOr404(ctx.db, ctx.orgId, query.gatewayId) : null;
  const rows = await ctx.db
    .select({
      metric: gatewayTimeseries.metric,
      signal: gatewayTimeseries.signal,
      value: sql<string>`sum(${gatewayTimeseries.value})`,
    })
    .from(gatewayTimeseries)
    .where(
      and(
        eq(gatewayTimeseries.orgId, ctx.orgId),
        gateway ? eq(gatewayTimeseries.gatewayId, gateway.id) : undefined,
        inArray(gatewayTimeseries.metric, VOLUME),
        gte(gatewayTimeseries.bucket, from),
        lt(gatewayTimeseries.bucket, to),
      ),
    )
    .groupBy(gatewayTimeseries.metric, gatewayTimeseries.signal);
  const total = (metric: MetricId, signal?: string) =>
    rows
      .filter((r) => r.metric === metric && (signal === undefined || r.signal === signal))
      .reduce((n, r) => n + Number(r.value), 0);
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    gateway_id: gateway?.id ?? null,
    signals: Object.fromEntries(
      SIGNALS.map((s) => [s, figures(total("receiver_accepted", s), total("exporter_sent", s))]),
    ) as Record<(typeof SIGNALS)[number], Figures>,
    bytes: figures(total("bytes_received"), total("bytes_sent")),
  };
}
