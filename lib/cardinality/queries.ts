import { eq } from "drizzle-orm";
import type { Ctx } from "../auth/context";
import { metricReferenceSources, transformSamples } from "../db/schema";
import { InvalidInputError } from "../errors";
import { findGatewayOr404 } from "../gateways/lookup";
import { parseWith } from "../http/parse";
import { findSampleOr404, NEWEST_SAMPLES_FIRST, orgSamples } from "../samples/queries";
import { readSettings } from "../settings/queries";
import { candidateNames, prometheusName } from "./prom-names";
import { backendSeriesCount, collectSeries, labelFigures, type MetricSeries } from "./series";
import { cardinalityQuery, unusedQuery, type CardinalityQuery, type UnusedQuery } from "./schemas";

type Scope = { gateway_id?: string; sample_id?: string; samples: number };
type SampleRow = typeof transformSamples.$inferSelect;

/** The samples a question is answered from: one sample, or the gateway's newest captured metrics samples. */
async function loadSamples(ctx: Ctx, q: Scope): Promise<{ gatewayId: string | null; rows: SampleRow[] }> {
  if (q.sample_id) {
    const row = await findSampleOr404(ctx.db, ctx.orgId, q.sample_id);
    if (row.signal !== "metrics") throw new InvalidInputError(`sample_id: the sample holds ${row.signal}, not metrics`);
    return { gatewayId: row.gatewayId, rows: [row] };
  }
  const gateway = await findGatewayOr404(ctx.db, ctx.orgId, q.gateway_id!);
  const rows = await ctx.db
    .select()
    .from(transformSamples)
    .where(orgSamples(ctx.orgId, { signal: "metrics", gatewayId: gateway.id }))
    .orderBy(...NEWEST_SAMPLES_FIRST)
    .limit(q.samples);
  return { gatewayId: gateway.id, rows };
}

async function seriesPrice(ctx: Ctx): Promise<number | null> {
  return (await readSettings(ctx.db, ctx.orgId))["savings.prices"].per_active_series;
}

// Same rounding as the savings answer: four decimals.
const cost = (series: number, price: number | null) =>
  price === null ? null : Math.round(series * price * 10_000) / 10_000;

function metricSummary(m: MetricSeries, price: number | null) {
  const backend = backendSeriesCount(m);
  return {
    name: m.name,
    type: m.type,
    unit: m.unit,
    monotonic: m.monotonic,
    prometheus_name: prometheusName(m),
    data_points: m.data_points,
    series: m.series.size,
    backend_series: backend,
    estimated_cost: cost(backend, price),
  };
}

const sampleInfo = (r: SampleRow) => ({
  id: r.id,
  name: r.name,
  created_at: r.createdAt,
  record_count: r.recordCount,
});

/**
 * The cardinality explorer: the metrics of the samples by distinct series, and per metric its labels with their
 * distinct values, the share of series carrying them and the series left if each is dropped. Costed at the org's
 * price per active series, a lower bound: a sample holds only the series that reported while it was taken.
 */
export async function getCardinality(ctx: Ctx, query: CardinalityQuery | Record<string, string>) {
  const q = parseWith(cardinalityQuery, query);
  const { gatewayId, rows } = await loadSamples(ctx, q);
  const price = await seriesPrice(ctx);
  const metrics = [...collectSeries(rows.map((r) => r.payload)).values()];
  const totalSeries = metrics.reduce((n, m) => n + m.series.size, 0);
  const totalBackend = metrics.reduce((n, m) => n + backendSeriesCount(m), 0);
  const top = metrics
    .sort((a, b) => b.series.size - a.series.size || a.name.localeCompare(b.name))
    .slice(0, q.limit)
    .map((m) => ({
      ...metricSummary(m, price),
      share: totalSeries ? m.series.size / totalSeries : 0,
      labels: labelFigures(m),
    }));
  return {
    gateway_id: gatewayId,
    samples: rows.map(sampleInfo),
    metric_count: metrics.length,
    data_points: metrics.reduce((n, m) => n + m.data_points, 0),
    series: totalSeries,
    backend_series: totalBackend,
    price_per_active_series: price,
    estimated_cost: cost(totalBackend, price),
    metrics: top,
  };
}

/** Whether a `__name__=~` pattern (anchored, as PromQL anchors it) matches one of the names. */
function patternMatches(pattern: string, names: string[]): boolean {
  try {
    const re = new RegExp(`^(?:${pattern})$`);
    return names.some((n) => re.test(n));
  } catch {
    return false; // RE2 syntax JavaScript does not take: it matches nothing here rather than everything
  }
}

/**
 * Metrics seen in the samples that no imported dashboard, rule file or list refers to, by any name the collector's
 * Prometheus translation could give them (lib/cardinality/prom-names.ts), most series first.
 */
export async function getUnusedMetrics(ctx: Ctx, query: UnusedQuery | Record<string, string>) {
  const q = parseWith(unusedQuery, query);
  const { gatewayId, rows } = await loadSamples(ctx, q);
  const price = await seriesPrice(ctx);
  const sources = await ctx.db.select().from(metricReferenceSources).where(eq(metricReferenceSources.orgId, ctx.orgId));
  const names = new Set(sources.flatMap((s) => s.names));
  const patterns = [...new Set(sources.flatMap((s) => s.patterns))];
  const metrics = [...collectSeries(rows.map((r) => r.payload)).values()].sort(
    (a, b) => b.series.size - a.series.size || a.name.localeCompare(b.name),
  );
  const used: { name: string; matched: string }[] = [];
  const unused: ReturnType<typeof metricSummary>[] = [];
  for (const m of metrics) {
    const candidates = candidateNames(m);
    const byName = candidates.find((c) => names.has(c));
    const byPattern = byName ? undefined : patterns.find((p) => patternMatches(p, candidates));
    if (byName ?? byPattern) used.push({ name: m.name, matched: byName ?? `=~"${byPattern}"` });
    else unused.push(metricSummary(m, price));
  }
  return {
    gateway_id: gatewayId,
    samples: rows.map(sampleInfo),
    sources: sources.length,
    referenced_names: names.size,
    price_per_active_series: price,
    used,
    unused,
    unused_series: unused.reduce((n, m) => n + m.series, 0),
    estimated_cost: cost(
      unused.reduce((n, m) => n + m.backend_series, 0),
      price,
    ),
  };
}
