import { and, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import { gateways, gatewayTimeseries } from "../db/schema";
import type { Ctx } from "../auth/context";
import { findGatewayOr404 } from "../gateways/lookup";
import { selectorCondition } from "../deployments/target";
import { parseWith } from "../http/parse";
import { METRICS, type MetricId } from "./catalog";
import { orgTimeseriesQuery, timeseriesQuery, type OrgTimeseriesQuery, type TimeseriesQuery } from "./schemas";

type Parsed = ReturnType<typeof timeseriesQuery.parse>;
type Row = { t: Date | string; signal: string; component: string; value: number | string };

/** Counters add up within a step (and across gateways); gauges show their highest reading in it. */
const aggregate = (metric: MetricId) =>
  METRICS[metric] === "gauge" ? sql`max(${gatewayTimeseries.value})` : sql`sum(${gatewayTimeseries.value})`;

async function readSeries(ctx: Ctx, q: Parsed, scope: SQL) {
  const bin = sql`date_bin(${`${q.step} seconds`}::interval, ${gatewayTimeseries.bucket}, timestamptz '1970-01-01 00:00:00+00')`;
  const signal = q.by === "total" ? sql`''` : gatewayTimeseries.signal;
  const component = q.by === "component" ? gatewayTimeseries.component : sql`''`;
  const rows = (await ctx.db
    .select({ t: bin, signal, component, value: aggregate(q.metric) })
    .from(gatewayTimeseries)
    .where(
      and(
        scope,
        eq(gatewayTimeseries.orgId, ctx.orgId),
        eq(gatewayTimeseries.metric, q.metric),
        gte(gatewayTimeseries.bucket, q.from),
        lt(gatewayTimeseries.bucket, q.to),
        q.signal ? eq(gatewayTimeseries.signal, q.signal) : undefined,
      ),
    )
    .groupBy(sql`1, 2, 3`)
    .orderBy(sql`2, 3, 1`)) as Row[];
  const series = new Map<string, { signal: string; component: string; points: [string, number][] }>();
  for (const r of rows) {
    const key = `${r.signal}|${r.component}`;
    if (!series.has(key)) series.set(key, { signal: r.signal, component: r.component, points: [] });
    series.get(key)!.points.push([new Date(r.t).toISOString(), Number(r.value)]);
  }
  return {
    metric: q.metric,
    kind: METRICS[q.metric],
    from: q.from.toISOString(),
    to: q.to.toISOString(),
    step_seconds: q.step,
    series: [...series.values()],
  };
}

/** One gateway's series of one metric, bucketed by `step`, split by signal (default), component, or in total. */
export async function getGatewayTimeseries(
  ctx: Ctx,
  gatewayId: string,
  query: TimeseriesQuery | Record<string, string>,
) {
  const q = parseWith(timeseriesQuery, query);
  const gateway = await findGatewayOr404(ctx.db, ctx.orgId, gatewayId);
  return readSeries(ctx, q, eq(gatewayTimeseries.gatewayId, gateway.id));
}

/** The org's gateways (those matching `selector`, else all) added up, as getGatewayTimeseries. */
export async function getOrgTimeseries(ctx: Ctx, query: OrgTimeseriesQuery | Record<string, string>) {
  const q = parseWith(orgTimeseriesQuery, query);
  const scope = q.selector
    ? sql`${gatewayTimeseries.gatewayId} in (select ${gateways.id} from ${gateways} where ${and(eq(gateways.orgId, ctx.orgId), selectorCondition(q.selector))})`
    : sql`true`;
  return readSeries(ctx, q, scope);
}
