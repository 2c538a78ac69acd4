import { eq, sql } from "drizzle-orm";
import { gatewayLogs, gateways } from "../db/schema";
import type { Db, Queryable } from "../db/client";
import { rollUpMetrics, summarizeOwnMetrics } from "./metrics-rollup";
import { toLogRows } from "./log-records";
import { env } from "../env";
import { extractSeries } from "../timeseries/extract";
import { writeReportedSeries } from "../timeseries/write";

type Gateway = { id: string; orgId: string };
type Obj = Record<string, unknown>;

const INSERT_CHUNK = 1000;

/** How many of its own log lines are kept per gateway (FLOWGATE_GATEWAY_LOG_LIMIT, default 10,000). */
export function gatewayLogLimit(): number {
  return env("FLOWGATE_GATEWAY_LOG_LIMIT");
}

/**
 * Rolls the collector's own metrics into the gateway's `metrics`, adds them to its time series and marks it seen.
 * Returns the new figures.
 */
export async function ingestOwnMetrics(db: Db, gateway: Gateway, request: Obj) {
  const summary = summarizeOwnMetrics(request);
  const now = new Date();
  const series = extractSeries(request, now);
  return db.transaction(async (tx) => {
    // Locked, so two reports racing for one gateway cannot both compute throughput from the same previous figures.
    const [row] = await tx
      .select({ metrics: gateways.metrics })
      .from(gateways)
      .where(eq(gateways.id, gateway.id))
      .for("update");
    await writeReportedSeries(tx, gateway, series, now);
    const metrics = rollUpMetrics(row?.metrics, summary, now);
    await tx
      .update(gateways)
      .set(metrics ? { metrics, lastSeen: now } : { lastSeen: now })
      .where(eq(gateways.id, gateway.id));
    return metrics ?? row?.metrics ?? null;
  });
}

/**
 * Stores the collector's own log lines and trims the gateway to its newest `gatewayLogLimit()` lines. Ids grow with
 * insertion, so "newest" is the highest ids and the trim is one index range delete below a threshold id.
 */
export async function ingestOwnLogs(db: Db, gateway: Gateway, request: Obj): Promise<{ stored: number }> {
  const limit = gatewayLogLimit();
  const rows = toLogRows(request, limit).map((r) => ({ ...r, gatewayId: gateway.id, orgId: gateway.orgId }));
  await db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += INSERT_CHUNK)
      await tx.insert(gatewayLogs).values(rows.slice(i, i + INSERT_CHUNK));
    if (rows.length) await trimGatewayLogs(tx, gateway.id, limit);
    await tx.update(gateways).set({ lastSeen: new Date() }).where(eq(gateways.id, gateway.id));
  });
  return { stored: rows.length };
}

export async function trimGatewayLogs(db: Queryable, gatewayId: string, keep: number): Promise<void> {
  await db.execute(sql`
    delete from ${gatewayLogs}
    where ${gatewayLogs.gatewayId} = ${gatewayId}
      and ${gatewayLogs.id} <= (
        select ${gatewayLogs.id} from ${gatewayLogs} where ${gatewayLogs.gatewayId} = ${gatewayId}
        order by ${gatewayLogs.id} desc offset ${keep} limit 1
      )`);
}
