import { doublePrecision, index, pgTable, primaryKey, smallint, text } from "drizzle-orm/pg-core";
import { parentRef, ts } from "./common";
import { gateways, gatewayScoped } from "./gateways";

/** Which of a gateway's series a row is about. */
const seriesKey = () => ({
  /** One of lib/timeseries/catalog.ts's metric ids, e.g. `exporter_sent`. */
  metric: text("metric").notNull(),
  /** logs | metrics | traces, or '' when the collector does not say. */
  signal: text("signal").notNull(),
  /** The receiver/processor/exporter id from the point's attributes, or ''. */
  component: text("component").notNull(),
});

/**
 * The collectors' own metrics as time series (lib/timeseries): one row per gateway, series and bucket. `value` is
 * the growth within the bucket for counters and the last (1 min) or highest (15 min) reading for gauges. Rows are
 * 1-minute buckets for 48 h, then folded into 15-minute ones (`step_minutes`), and deleted after the retention.
 */
export const gatewayTimeseries = pgTable(
  "gateway_timeseries",
  {
    ...gatewayScoped(),
    ...seriesKey(),
    stepMinutes: smallint("step_minutes").notNull(),
    bucket: ts("bucket").notNull(),
    value: doublePrecision("value").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.gatewayId, t.metric, t.signal, t.component, t.stepMinutes, t.bucket] }),
    index("gateway_timeseries_org_metric_bucket_idx").on(t.orgId, t.metric, t.bucket),
    index("gateway_timeseries_step_bucket_idx").on(t.stepMinutes, t.bucket),
  ],
);

/**
 * The last cumulative reading of each counter series of a gateway, so the next report's growth is one indexed read
 * away. Bounds the series kept per gateway too (lib/timeseries/write.ts).
 */
export const gatewayTimeseriesCursors = pgTable(
  "gateway_timeseries_cursors",
  {
    gatewayId: parentRef("gateway_id", () => gateways.id),
    ...seriesKey(),
    cumulative: doublePrecision("cumulative"),
    /** The counter's start time as the collector reports it: a new start means the collector restarted. */
    seriesStart: ts("series_start"),
    lastTime: ts("last_time").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.gatewayId, t.metric, t.signal, t.component] }),
    index("gateway_timeseries_cursors_last_time_idx").on(t.lastTime),
  ],
);
