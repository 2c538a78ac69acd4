import { eq, sql } from "drizzle-orm";
import { gatewayTimeseries, gatewayTimeseriesCursors } from "../db/schema";
import type { Queryable } from "../db/client";
import { env } from "../env";
import { GAUGES } from "./catalog";
import type { ReportedSeries } from "./extract";

/** Series kept per gateway: with retention this bounds its rows (series × (48 h of minutes + 15-min rows)). */
export const MAX_SERIES_PER_GATEWAY = 200;
/** A counter first seen this soon after its start counts from zero; an older one is a baseline (its past is unknown). */
const FRESH_START_MS = 5 * 60_000;
/** Points stamped further ahead than this are clock skew, not data. */
const MAX_FUTURE_MS = 5 * 60_000;

type Cursor = typeof gatewayTimeseriesCursors.$inferSelect;
type Gateway = { id: string; orgId: string };

export const retentionMs = () => env("FLOWGATE_TIMESERIES_RETENTION_DAYS") * 86_400_000;
const floorMinute = (d: Date) => new Date(Math.floor(d.getTime() / 60_000) * 60_000);

/**
 * The growth of a counter since its previous reading: the difference while the counter runs on; the whole reading
 * after a restart (new start time, or the value went down); for a series first seen, its reading when the collector
 * started just now, else 0.
 */
export function counterGrowth(s: ReportedSeries, prev: Cursor | undefined): number {
  if (s.cumulative === null) return s.delta;
  let growth: number;
  if (!prev || prev.cumulative === null) {
    growth = s.start && s.time.getTime() - s.start.getTime() <= FRESH_START_MS ? s.cumulative : 0;
  } else {
    const restarted =
      (s.start && prev.seriesStart && s.start.getTime() !== prev.seriesStart.getTime()) ||
      s.cumulative < prev.cumulative;
    growth = restarted ? s.cumulative : s.cumulative - prev.cumulative;
  }
  return growth + s.delta;
}

/**
 * Adds one report's series to the gateway's 1-minute rows, in two statements (one multi-row upsert each). Runs in
 * the caller's transaction, after it locked the gateway row, so racing reports of one gateway cannot both count
 * from the same cursor. Points outside the retention or from the future, and out-of-order ones, are skipped.
 */
export async function writeReportedSeries(
  db: Queryable,
  gateway: Gateway,
  reported: Map<string, ReportedSeries>,
  now: Date,
): Promise<number> {
  if (!reported.size) return 0;
  const cursors = new Map(
    (await db.select().from(gatewayTimeseriesCursors).where(eq(gatewayTimeseriesCursors.gatewayId, gateway.id))).map(
      (c) => [`${c.metric}|${c.signal}|${c.component}`, c],
    ),
  );
  const oldest = now.getTime() - retentionMs();
  let known = cursors.size;
  const rows: (typeof gatewayTimeseries.$inferInsert)[] = [];
  const nextCursors: (typeof gatewayTimeseriesCursors.$inferInsert)[] = [];
  for (const [key, s] of reported) {
    const prev = cursors.get(key);
    const t = s.time.getTime();
    if (t < oldest || t > now.getTime() + MAX_FUTURE_MS || (prev && t < prev.lastTime.getTime())) continue;
    if (!prev && known >= MAX_SERIES_PER_GATEWAY) continue;
    if (!prev) known++;
    const value = s.gauge ?? counterGrowth(s, prev);
    const labels = { gatewayId: gateway.id, metric: s.metric, signal: s.signal, component: s.component };
    rows.push({ ...labels, orgId: gateway.orgId, stepMinutes: 1, bucket: floorMinute(s.time), value });
    nextCursors.push({ ...labels, cumulative: s.cumulative, seriesStart: s.start, lastTime: s.time });
  }
  if (!rows.length) return 0;
  await db
    .insert(gatewayTimeseries)
    .values(rows)
    .onConflictDoUpdate({
      target: [
        gatewayTimeseries.gatewayId,
        gatewayTimeseries.metric,
        gatewayTimeseries.signal,
        gatewayTimeseries.component,
        gatewayTimeseries.stepMinutes,
        gatewayTimeseries.bucket,
      ],
      set: { value: mergedValue() },
    });
  await db
    .insert(gatewayTimeseriesCursors)
    .values(nextCursors)
    .onConflictDoUpdate({
      target: [
        gatewayTimeseriesCursors.gatewayId,
        gatewayTimeseriesCursors.metric,
        gatewayTimeseriesCursors.signal,
        gatewayTimeseriesCursors.component,
      ],
      set: {
        cumulative: sql`excluded.cumulative`,
        seriesStart: sql`excluded.series_start`,
        lastTime: sql`excluded.last_time`,
      },
    });
  return rows.length;
}

/** On a bucket already written: counters add up, gauges keep the latest reading. */
function mergedValue() {
  const gauges = sql.join(
    GAUGES.map((g) => sql`${g}`),
    sql`, `,
  );
  return sql`case when excluded.metric in (${gauges}) then excluded.value else ${gatewayTimeseries}.value + excluded.value end`;
}
