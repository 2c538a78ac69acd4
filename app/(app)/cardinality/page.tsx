import Link from "next/link";
import { and, desc, eq, isNotNull } from "drizzle-orm";
import { requireSessionContext } from "@/lib/auth/session";
import type { Ctx } from "@/lib/auth/context";
import { can } from "@/lib/auth/roles";
import { gateways, transformSamples } from "@/lib/db/schema";
import { getCardinality, getUnusedMetrics } from "@/lib/cardinality/queries";
import { listReferenceSources } from "@/lib/cardinality/sources";
import { dropLabelLink, dropMetricLink } from "@/lib/cardinality/studio-link";
import { DomainError } from "@/lib/errors";
import { EmptyState } from "@/app/_components/empty-state";
import { ErrorLine, Select } from "@/app/_components/form-field";
import { SimpleTable, type Column } from "@/app/_components/simple-table";
import { PageHeader } from "@/app/_components/page-header";
import type { SearchParams } from "@/app/_components/page-params";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { DeleteSource } from "./delete-source";
import { ImportForm } from "./import-form";

export const metadata = { title: "Cardinality" };
export const dynamic = "force-dynamic";

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;
const pct = (n: number) => `${(n * 100).toFixed(n < 0.1 && n > 0 ? 1 : 0)}%`;
const money = (n: number | null) => (n === null ? "—" : n.toLocaleString("en", { maximumFractionDigits: 4 }));
const KIND_LABEL: Record<string, string> = {
  grafana_dashboard: "Grafana dashboard",
  prometheus_rules: "rule file",
  name_list: "name list",
};
/** "1 name", "2 names". */
const count = (n: number, noun: string) => `${n.toLocaleString("en")} ${noun}${n === 1 ? "" : "s"}`;
const linkClass = "text-primary text-xs underline-offset-2 hover:underline whitespace-nowrap";

/** What the pickers offer: gateways with captured metrics samples, and every metrics sample. */
async function choices(ctx: Ctx) {
  const [gws, samples] = await Promise.all([
    ctx.db
      .selectDistinct({ id: gateways.id, name: gateways.name })
      .from(transformSamples)
      .innerJoin(gateways, eq(gateways.id, transformSamples.gatewayId))
      .where(
        and(
          eq(transformSamples.orgId, ctx.orgId),
          eq(transformSamples.signal, "metrics"),
          isNotNull(transformSamples.gatewayId),
        ),
      ),
    ctx.db
      .select({ id: transformSamples.id, name: transformSamples.name, createdAt: transformSamples.createdAt })
      .from(transformSamples)
      .where(and(eq(transformSamples.orgId, ctx.orgId), eq(transformSamples.signal, "metrics")))
      .orderBy(desc(transformSamples.createdAt))
      .limit(100),
  ]);
  return { gateways: gws.sort((a, b) => a.name.localeCompare(b.name)), samples };
}

type Metric = Awaited<ReturnType<typeof getCardinality>>["metrics"][number];
type UnusedMetric = Awaited<ReturnType<typeof getUnusedMetrics>>["unused"][number];
/** Where a "Drop" link opens the studio: `false` for a viewer, who gets no such links. */
type DropTo = string | null | false;

/** A metric's labels: how many values each has, and what dropping it would leave. */
function labelColumns(m: Metric, dropTo: DropTo): Column<Metric["labels"][number]>[] {
  return [
    { header: "Label", headClassName: "py-1", className: "py-1 font-mono", cell: (l) => l.name },
    { header: "Distinct values", cell: (l) => l.distinct_values },
    { header: "Share of series", cell: (l) => pct(l.share) },
    { header: "Series if dropped", cell: (l) => `${l.series_if_dropped} of ${m.series}` },
    {
      header: "Top values",
      className: "text-muted-foreground max-w-64 truncate font-mono text-xs",
      cell: (l) => l.top_values.map((v) => `${v.value} (${v.series})`).join(", "),
    },
    {
      className: "text-right",
      cell: (l) =>
        dropTo !== false && (
          <Link className={linkClass} href={dropLabelLink(m.name, l.name, dropTo)}>
            Drop this label
          </Link>
        ),
    },
  ];
}

/** Metrics no imported source refers to. */
function unusedColumns(dropTo: DropTo): Column<UnusedMetric>[] {
  return [
    { header: "Metric", headClassName: "py-1", className: "py-1 font-mono", cell: (m) => m.name },
    {
      header: "Prometheus name",
      className: "text-muted-foreground font-mono text-xs",
      cell: (m) => m.prometheus_name,
    },
    { header: "Series", cell: (m) => m.series },
    { header: "Backend series", cell: (m) => m.backend_series },
    {
      className: "text-right",
      cell: (m) =>
        dropTo !== false && (
          <Link className={linkClass} href={dropMetricLink(m.name, dropTo)}>
            Drop
          </Link>
        ),
    },
  ];
}

export default async function CardinalityPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const ctx = await requireSessionContext();
  const sp = await searchParams;
  const opts = await choices(ctx);
  // A sample chosen wins; else the gateway chosen; else the first gateway with samples, else the newest sample.
  const sampleId = one(sp.sample);
  const gatewayId = sampleId ? undefined : (one(sp.gateway) ?? opts.gateways[0]?.id);
  const scope = sampleId
    ? { sample_id: sampleId }
    : gatewayId
      ? { gateway_id: gatewayId }
      : opts.samples[0]
        ? { sample_id: opts.samples[0].id }
        : null;
  const sources = await listReferenceSources(ctx);
  let explorer: Awaited<ReturnType<typeof getCardinality>> | null = null;
  let unused: Awaited<ReturnType<typeof getUnusedMetrics>> | null = null;
  let problem: string | null = null;
  if (scope) {
    try {
      [explorer, unused] = await Promise.all([
        getCardinality(ctx, { ...scope, limit: 50 }),
        getUnusedMetrics(ctx, scope),
      ]);
    } catch (err) {
      // A stale link (a sample expired, another org's id): say so and keep the pickers.
      if (!(err instanceof DomainError)) throw err;
      problem = err.message;
    }
  }
  const studioSample = explorer?.samples[0]?.id ?? null;
  const canCreate = can(ctx, "transforms.create");
  return (
    <>
      <PageHeader
        title="Cardinality"
        description="Series counted from metrics samples: the metrics with the most series, the labels driving them, and the metrics nothing reads. Each drop opens the transform studio with the step filled in."
      />
      <div className="grid gap-6">
        <form method="get" className="flex flex-wrap items-end gap-3" data-testid="cardinality-scope">
          <label className="grid gap-1 text-sm">
            Gateway (newest captured samples)
            <Select
              name="gateway"
              defaultValue={gatewayId ?? ""}
              options={[{ value: "", label: "—" }, ...opts.gateways.map((g) => ({ value: g.id, label: g.name }))]}
            />
          </label>
          <label className="grid gap-1 text-sm">
            or one sample
            <Select
              name="sample"
              defaultValue={sampleId ?? ""}
              options={[{ value: "", label: "—" }, ...opts.samples.map((s) => ({ value: s.id, label: s.name }))]}
            />
          </label>
          <Button type="submit" variant="outline">
            Show
          </Button>
        </form>
        {problem ? (
          <ErrorLine error={problem} />
        ) : !explorer || !unused ? (
          <EmptyState title="No metrics samples yet">
            Capture metrics from a gateway in the <Link href="/transforms/new?signal=metrics">transform studio</Link>{" "}
            (or store a sample), then come back: series are counted from samples.
          </EmptyState>
        ) : (
          <>
            <Card>
              <CardHeader>
                <CardTitle>Top metrics by series</CardTitle>
                <CardDescription data-testid="cardinality-totals">
                  {explorer.series.toLocaleString("en")} series ({explorer.backend_series.toLocaleString("en")} as a
                  Prometheus backend stores them) in {explorer.metric_count} metrics from {explorer.samples.length}{" "}
                  sample{explorer.samples.length === 1 ? "" : "s"}
                  {explorer.estimated_cost !== null
                    ? `; about ${money(explorer.estimated_cost)} at your price per active series (a lower bound: a sample sees only what reported while it ran)`
                    : "; set a price per active series in Settings for a cost estimate"}
                  .
                </CardDescription>
              </CardHeader>
              <CardContent className="grid gap-2">
                {explorer.samples.length === 0 ? (
                  <p className="text-muted-foreground text-sm">
                    No metrics captured from this gateway yet: start a metrics capture in the{" "}
                    <Link href="/transforms/new?signal=metrics">transform studio</Link>.
                  </p>
                ) : (
                  explorer.metrics.length === 0 && (
                    <p className="text-muted-foreground text-sm">No metrics in the samples.</p>
                  )
                )}
                {explorer.metrics.map((m) => (
                  <details key={m.name} className="rounded-md border p-2" data-testid={`metric-${m.name}`}>
                    <summary className="flex cursor-pointer flex-wrap items-center gap-x-4 gap-y-1 text-sm">
                      <span className="font-mono font-medium">{m.name}</span>
                      <span className="text-muted-foreground">
                        {m.type} · {m.series} series ({pct(m.share)}) · {m.backend_series} backend series
                        {m.estimated_cost !== null ? ` · ${money(m.estimated_cost)}` : ""}
                      </span>
                      {canCreate && (
                        <Link className={linkClass} href={dropMetricLink(m.name, studioSample)}>
                          Drop this metric
                        </Link>
                      )}
                    </summary>
                    <SimpleTable
                      variant="plain"
                      className="mt-2 w-full text-sm"
                      columns={labelColumns(m, canCreate && studioSample)}
                      rows={m.labels}
                      rowKey={(l) => l.name}
                      rowProps={(l) => ({ className: "border-t", "data-testid": `label-${m.name}-${l.name}` })}
                      emptyRow="No labels: one series per resource."
                    />
                  </details>
                ))}
              </CardContent>
            </Card>
            <Card>
              <CardHeader>
                <CardTitle>Unused metrics</CardTitle>
                <CardDescription data-testid="unused-totals">
                  {unused.sources === 0
                    ? "Import what your backends read (dashboards, rule files, lists) to see which metrics nothing refers to."
                    : `${unused.unused.length} of ${unused.unused.length + unused.used.length} metrics in the samples are referenced by none of ${count(unused.sources, "imported source")} (${count(unused.referenced_names, "name")})` +
                      (unused.estimated_cost !== null
                        ? `; about ${money(unused.estimated_cost)} at your price per active series.`
                        : ".")}
                </CardDescription>
              </CardHeader>
              <CardContent>
                {unused.sources > 0 && (
                  <SimpleTable
                    variant="plain"
                    className="w-full text-sm"
                    testId="unused-table"
                    columns={unusedColumns(canCreate && studioSample)}
                    rows={unused.unused}
                    rowKey={(m) => m.name}
                    rowProps={(m) => ({ className: "border-t", "data-testid": `unused-${m.name}` })}
                  />
                )}
              </CardContent>
            </Card>
          </>
        )}
        <Card>
          <CardHeader>
            <CardTitle>What the backends read</CardTitle>
            <CardDescription>
              Only the metric names read from a file are kept. Names match a metric by its OTLP name or the names the
              collector&apos;s Prometheus translation gives it (unit and _total suffixes, histogram
              _bucket/_sum/_count).
            </CardDescription>
          </CardHeader>
          <CardContent className="grid gap-4">
            {can(ctx, "metric_references.import") && <ImportForm />}
            <ul className="grid gap-2 text-sm" data-testid="reference-sources">
              {sources.items.map((s) => (
                <li key={s.id} className="flex flex-wrap items-start justify-between gap-2 border-t pt-2">
                  <div className="grid gap-1">
                    <span>
                      <span className="font-medium">{s.name}</span>{" "}
                      <span className="text-muted-foreground">
                        ({KIND_LABEL[s.kind] ?? s.kind}: {count(s.names.length, "name")}
                        {s.patterns.length ? `, ${count(s.patterns.length, "pattern")}` : ""}
                        {s.recorded.length ? `, ${count(s.recorded.length, "recording-rule output")} left out` : ""})
                      </span>
                    </span>
                    {s.warnings.map((w) => (
                      <span key={w} className="text-muted-foreground text-xs">
                        {w}
                      </span>
                    ))}
                  </div>
                  {can(ctx, "metric_references.delete") && <DeleteSource id={s.id} name={s.name} />}
                </li>
              ))}
            </ul>
          </CardContent>
        </Card>
      </div>
    </>
  );
}
