import { lt, sql } from "drizzle-orm";
import { gatewayTimeseries, gatewayTimeseriesCursors } from "../db/schema";
import type { Db } from "../db/client";
import { env } from "../env";
import { startPeriodic } from "../server/periodic";
import { GAUGES } from "./catalog";
import { retentionMs } from "./write";

/** 1-minute rows are kept this long, then folded into 15-minute rows. */
export const FULL_RESOLUTION_MS = 48 * 3_600_000;
export const COARSE_STEP_MINUTES = 15;
const COARSE_MS = COARSE_STEP_MINUTES * 60_000;

const gaugeList = () =>
  sql.join(
    GAUGES.map((g) => sql`${g}`),
    sql`, `,
  );

/**
 * Folds the 1-minute rows older than 48 h (up to a 15-minute boundary, so a bucket is folded whole) into 15-minute
 * rows: counters summed, gauges at their highest. One statement, so a row is either still fine or already folded.
 */
async function downsample(db: Db, now: Date) {
  const cutoff = new Date(Math.floor((now.getTime() - FULL_RESOLUTION_MS) / COARSE_MS) * COARSE_MS);
  await db.execute(sql`
    with moved as (
      delete from gateway_timeseries where step_minutes = 1 and bucket < ${cutoff.toISOString()}::timestamptz
      returning gateway_id, org_id, metric, signal, component, bucket, value
    )
    insert into gateway_timeseries (gateway_id, org_id, metric, signal, component, step_minutes, bucket, value)
    select gateway_id, org_id, metric, signal, component, ${COARSE_STEP_MINUTES},
      date_bin('15 minutes', bucket, timestamptz '1970-01-01 00:00:00+00'),
      case when metric in (${gaugeList()}) then max(value) else sum(value) end
    from moved
    group by gateway_id, org_id, metric, signal, component, 7
    on conflict (gateway_id, metric, signal, component, step_minutes, bucket) do update set value =
      case when excluded.metric in (${gaugeList()}) then greatest(gateway_timeseries.value, excluded.value)
      else gateway_timeseries.value + excluded.value end`);
}

/** One pass: downsample, then drop rows and counter cursors older than the retention. */
export async function sweepTimeseries(db: Db, now = new Date()): Promise<void> {
  await downsample(db, now);
  const oldest = new Date(now.getTime() - retentionMs());
  await db.delete(gatewayTimeseries).where(lt(gatewayTimeseries.bucket, oldest));
  await db.delete(gatewayTimeseriesCursors).where(lt(gatewayTimeseriesCursors.lastTime, oldest));
}

/** Starts this process's time-series sweeper (every FLOWGATE_TIMESERIES_SWEEP_MS); returns its stop function. */
export function startTimeseriesSweeper(): () => Promise<void> {
  return startPeriodic("timeseries-sweeper", () => env("FLOWGATE_TIMESERIES_SWEEP_MS"), sweepTimeseries);
}
