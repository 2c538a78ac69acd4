import { eq, gt, sql, type SQL } from "drizzle-orm";
import { gateways } from "../db/schema";
import type { Ctx } from "../auth/context";
import { healthSqlCondition } from "./queries";
import { HEALTH_STATUSES } from "./schemas";
import type { HealthStatus } from "./health";

const countWhere = (cond: SQL) => sql<number>`(count(*) filter (where ${cond}))::int`;

/**
 * The dashboard's fleet figures in one aggregate query: gateways per health (the same SQL conditions the Agents
 * filter uses, so the numbers match what a click on them lists), seen in the last hour, live OpAMP connections, and gateways whose config drifted.
 */
export async function getFleetSummary(ctx: Ctx, now = new Date()) {
  const hourAgo = new Date(now.getTime() - 3600_000);
  const perHealth = Object.fromEntries(
    HEALTH_STATUSES.map((h) => [h, countWhere(healthSqlCondition(h, now))]),
  ) as Record<HealthStatus, SQL<number>>;
  const [row] = await ctx.db
    .select({
      total: sql<number>`count(*)::int`,
      ...perHealth,
      seen_last_hour: countWhere(gt(gateways.lastSeen, hourAgo)),
      connected: countWhere(eq(gateways.connectionState, "connected")),
      drifted: countWhere(eq(gateways.configDrift, true)),
    })
    .from(gateways)
    .where(eq(gateways.orgId, ctx.orgId));
  const { total, seen_last_hour, connected, drifted, ...health } = row;
  return {
    total: Number(total),
    seen_last_hour: Number(seen_last_hour),
    connected: Number(connected),
    drifted: Number(drifted),
    health: health as Record<HealthStatus, number>,
  };
}
