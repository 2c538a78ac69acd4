import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../db/client";
import { deployments, gateways } from "../db/schema";
import { healthSqlCondition } from "../gateways/queries";
import { HEALTH_STATUSES } from "../gateways/schemas";
import { metrics } from "./registry";

const REFRESH_MS = 15_000;

/**
 * Feeds the fleet gauges from two grouped counts, at most every 15 s however often Prometheus (or several) scrape:
 * at 25,000 gateways a count is a few ms, and never a row per gateway in memory.
 */
export function fleetGaugeSource(db: Db): () => Promise<void> {
  let last = 0;
  let pending: Promise<void> | null = null;
  const refresh = async () => {
    const now = new Date();
    const health: SQL = sql.join(
      [sql`case`, ...HEALTH_STATUSES.map((h) => sql`when ${healthSqlCondition(h, now)} then ${h}`), sql`end`],
      sql` `,
    );
    const [gatewayRows, deploymentRows] = await Promise.all([
      db
        .select({ status: gateways.status, health: sql<string>`${health}`, n: sql<number>`count(*)::int` })
        .from(gateways)
        .groupBy(sql`1, 2`),
      db
        .select({ status: deployments.status, n: sql<number>`count(*)::int` })
        .from(deployments)
        .groupBy(deployments.status),
    ]);
    const m = metrics();
    m.gateways.reset();
    for (const r of gatewayRows) m.gateways.set({ status: r.status, health: r.health ?? "unknown" }, r.n);
    m.deployments.reset();
    for (const r of deploymentRows) m.deployments.set({ status: r.status }, r.n);
    last = Date.now();
  };
  return async () => {
    if (Date.now() - last < REFRESH_MS) return;
    pending ??= refresh().finally(() => (pending = null));
    await pending;
  };
}
