import { z } from "zod";
import { REFERENCE_KINDS } from "../../cardinality/references";
import { id, timestamp } from "./common";

const sample = z.object({ id, name: z.string(), created_at: timestamp, record_count: z.int() });

/** lib/cardinality/queries.ts metricSummary. */
const metric = z.object({
  name: z.string().describe("The OTLP metric name"),
  type: z.enum(["gauge", "sum", "histogram", "exponentialHistogram", "summary"]),
  unit: z.string(),
  monotonic: z.boolean(),
  prometheus_name: z.string().describe("The name after the collector's Prometheus translation (with suffixes)"),
  data_points: z.int(),
  series: z.int().describe("Distinct series: label sets per resource"),
  backend_series: z.int().describe("Series a Prometheus-compatible backend stores: histogram buckets + _sum + _count"),
  estimated_cost: z.number().nullable().describe("backend_series × price per active series; null while blank"),
});

const label = z.object({
  name: z.string(),
  distinct_values: z.int(),
  series_with_label: z.int(),
  share: z.number().describe("series_with_label / the metric's series"),
  series_if_dropped: z.int().describe("The metric's distinct series once this label is deleted"),
  top_values: z.array(z.object({ value: z.string(), series: z.int() })).describe("At most 5"),
});

const scope = {
  gateway_id: id.nullable(),
  samples: z.array(sample).describe("The samples counted"),
  price_per_active_series: z.number().nullable(),
};

export const cardinality = z.object({
  ...scope,
  metric_count: z.int(),
  data_points: z.int(),
  series: z.int(),
  backend_series: z.int(),
  estimated_cost: z.number().nullable(),
  metrics: z.array(metric.extend({ share: z.number().describe("Of all series"), labels: z.array(label) })),
});

export const unused = z.object({
  ...scope,
  sources: z.int().describe("Imported dashboards, rule files and lists"),
  referenced_names: z.int(),
  used: z.array(z.object({ name: z.string(), matched: z.string().describe("The referenced name or pattern") })),
  unused: z.array(metric),
  unused_series: z.int(),
  estimated_cost: z.number().nullable().describe("Of the unused metrics' backend series"),
});

export const referenceSource = z.object({
  id,
  name: z.string(),
  kind: z.enum(REFERENCE_KINDS),
  names: z.array(z.string()).describe("Metric names read (recording-rule outputs left out)"),
  patterns: z.array(z.string()).describe('`{__name__=~"…"}` regexes'),
  recorded: z.array(z.string()).describe("Recording rules' outputs"),
  expressions: z.int(),
  warnings: z.array(z.string()),
  created_by: id.nullable(),
  created_at: timestamp,
});
export const referenceSourceList = z.object({ items: z.array(referenceSource) });
