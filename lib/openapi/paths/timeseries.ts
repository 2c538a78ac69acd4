import { z } from "zod";
import { METRIC_IDS } from "../../timeseries/catalog";
import { orgTimeseriesQueryFields, timeseriesQueryFields } from "../../timeseries/schemas";
import { type Answer, get, group } from "../operation";
import { timestamp } from "../responses/common";

/** lib/timeseries/queries.ts readSeries. */
const timeseries = z.object({
  metric: z.enum(METRIC_IDS),
  kind: z.enum(["counter", "gauge"]),
  from: timestamp,
  to: timestamp,
  step_seconds: z.int(),
  series: z.array(
    z.object({
      signal: z.string().describe("logs, metrics, traces, or empty when not reported or not split"),
      component: z.string().describe("receiver/processor/exporter id with by=component, else empty"),
      points: z
        .array(z.tuple([timestamp, z.number()]))
        .describe("[bucket start, value]: growth within the bucket (counters) or highest reading (gauges)"),
    }),
  ),
});

const series: Answer = [200, "The series of one metric, bucketed by step", timeseries];

export const timeseriesPaths = group(
  "Time series",
  "The collectors' own metrics (received over OTLP) as time series: 1-minute buckets for 48 h, 15-minute ones " +
    "after that, kept FLOWGATE_TIMESERIES_RETENTION_DAYS (default 14).",
  [
    get("/api/v1/gateways/{gatewayId}/timeseries", "A gateway's own-metrics series", series, {
      query: timeseriesQueryFields,
    }),
    get("/api/v1/timeseries", "An own-metrics series over the org's gateways", series, {
      query: orgTimeseriesQueryFields,
      description:
        "Counters are added up over the gateways a tag selector matches (all by default); gauges take the highest.",
    }),
  ],
);
