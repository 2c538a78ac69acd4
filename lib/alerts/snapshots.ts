import { and, asc, eq, gte, lt, sql } from "drizzle-orm";
import { fleetHealthSnapshots, gateways } from "../db/schema";
import type { Db } from "../db/client";
import type { Ctx } from "../auth/context";
import { healthSqlCondition } from "../gateways/queries";
import type { HealthStatus } from "../gateways/health";
import { insertNewRows } from "../db/insert-new";

export const BUCKET_MS = 5 * 60_000;
export const HISTORY_MS = 7 * 86_400_000;
const STATUSES: HealthStatus[] = ["healthy", "warning", "unhealthy", "offline", "unknown"];

export const bucketOf = (now: Date) => new Date(Math.floor(now.getTime() / BUCKET_MS) * BUCKET_MS);
const historyStart = (now: Date) => new Date(now.getTime() - HISTORY_MS);

/**
 * Records every org's gateways by health for the current 5-minute bucket, once: the (org, bucket) key makes a
 * second replica's insert a no-op. Rows older than 7 days are deleted, so at most 2016 rows per org remain.
 */
export async function recordFleetHealth(db: Db, now = new Date()): Promise<void> {
  const bucket = bucketOf(now);
  const counts = Object.fromEntries(
    STATUSES.map((h) => [h, sql<number>`(count(*) filter (where ${healthSqlCondition(h, now)}))::int`]),
  );
  const rows = (await db
    .select({ orgId: gateways.orgId, ...counts })
    .from(gateways)
    .groupBy(gateways.orgId)) as ({ orgId: string } & Record<HealthStatus, number>)[];
  await insertNewRows(
    db,
    fleetHealthSnapshots,
    rows.map((r) => ({ ...r, bucketAt: bucket })),
  );
  await db.delete(fleetHealthSnapshots).where(lt(fleetHealthSnapshots.bucketAt, historyStart(now)));
}

/** The org's snapshots of the last 7 days, oldest first. */
export async function getFleetHealthHistory(ctx: Ctx, now = new Date()) {
  const rows = await ctx.db
    .select()
    .from(fleetHealthSnapshots)
    .where(and(eq(fleetHealthSnapshots.orgId, ctx.orgId), gte(fleetHealthSnapshots.bucketAt, historyStart(now))))
    .orderBy(asc(fleetHealthSnapshots.bucketAt));
  return {
    bucket_seconds: BUCKET_MS / 1000,
    items: rows.map((r) => ({
      at: r.bucketAt,
      healthy: r.healthy,
      warning: r.warning,
      unhealthy: r.unhealthy,
      offline: r.offline,
      unknown: r.unknown,
    })),
  };
}
