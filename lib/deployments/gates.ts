import { and, eq, inArray, sql } from "drizzle-orm";
import { deploymentGateways, gateways, gatewayTimeseries, type DeploymentGates } from "../db/schema";
import type { Queryable } from "../db/client";

/**
 * Gates judge a batch from the telemetry its gateways send after applying, against what the same gateways sent
 * before the batch was released: the collectors' own metrics (lib/timeseries, 1-minute buckets) and the component
 * health their agents report. Before: the whole minutes up to the one the batch was released in (at least 10).
 * After: from the minute the batch settled, as a rate over the time since it settled. Rates are per gateway-minute,
 * so batches of any size compare with their own past. A batch is watched for `watch_seconds` from the moment it
 * settled: an unhealthy component fails it at once; the metric and reporting gates are judged when the watch ends.
 */

export const GATE_NAMES = ["export_failures", "drops", "volume", "reporting", "health"] as const;
export type GateName = (typeof GATE_NAMES)[number];
/** watching: the watch has not ended (figures so far); no_data: nothing to compare (e.g. no output before). */
export type GateState = "pass" | "fail" | "watching" | "no_data";
export type GateResult = {
  gate: GateName;
  /** The figure compared with the threshold: the rise (export failures, drops), the change (volume), a count. */
  measured: number | null;
  threshold: number;
  before: number | null;
  after: number | null;
  unit: string;
  state: GateState;
};
export type GatesView = {
  batch: number;
  /** waiting: the batch has not settled yet, so its watch has not begun. */
  state: "waiting" | "watching" | "passed" | "failed";
  watch_seconds: number;
  watch_started_at: string | null;
  watch_ends_at: string | null;
  gateways: number;
  results: GateResult[];
};

/** The baseline reaches back at least this far before the batch, so a short watch still has a stable "before". */
const MIN_BASELINE_MINUTES = 10;
const UNFINISHED = ["pending", "sent", "applying"];
const FAILURE_METRICS = ["exporter_send_failed", "exporter_enqueue_failed"];
const GATE_METRICS = ["exporter_sent", "processor_dropped", "receiver_accepted", ...FAILURE_METRICS];

type Window = "before" | "after";
export type Totals = Record<Window, { minutes: number; sums: Record<string, number> }>;
const round = (n: number | null) => (n === null ? null : Math.round(n * 100) / 100);

/** The batch's rows: applied gateways, its release and settle times, and whether it has settled. */
async function batchRows(db: Queryable, deploymentId: string, batch: number) {
  const rows = await db
    .select({
      gatewayId: deploymentGateways.gatewayId,
      status: deploymentGateways.status,
      releasedAt: deploymentGateways.releasedAt,
      finishedAt: deploymentGateways.finishedAt,
      healthy: gateways.reportedHealthy,
      gatewayStatus: gateways.status,
    })
    .from(deploymentGateways)
    .innerJoin(gateways, eq(gateways.id, deploymentGateways.gatewayId))
    // Rows a newer deployment (e.g. the rollback) took over still count: the verdict stays readable afterwards.
    .where(and(eq(deploymentGateways.deploymentId, deploymentId), eq(deploymentGateways.batch, batch)));
  const times = (pick: (r: (typeof rows)[number]) => Date | null) =>
    rows
      .map(pick)
      .filter((t): t is Date => t !== null)
      .map((t) => t.getTime());
  const released = times((r) => r.releasedAt);
  const finished = times((r) => r.finishedAt);
  return {
    applied: rows.filter((r) => r.status === "applied"),
    settled: rows.length > 0 && rows.every((r) => !UNFINISHED.includes(r.status)) && released.length === rows.length,
    releasedAt: released.length ? Math.min(...released) : null,
    settledAt: finished.length ? Math.max(...finished) : null,
  };
}

/**
 * Sums of the gate metrics and the gateway-minutes reported, before (the baseline, ending at the minute the
 * batch was released) and after (from the minute the batch settled up to now or the end of the watch); plus which
 * gateways reported in each window.
 */
async function windowTotals(
  db: Queryable,
  ids: string[],
  [beforeFrom, beforeTo]: [Date, Date],
  [afterFrom, afterTo]: [Date, Date],
  afterMinutes: number,
) {
  const w = sql<Window>`case when ${gatewayTimeseries.bucket} < ${beforeTo.toISOString()}::timestamptz then 'before' else 'after' end`;
  const scope = and(
    inArray(gatewayTimeseries.gatewayId, ids),
    eq(gatewayTimeseries.stepMinutes, 1),
    sql`((${gatewayTimeseries.bucket} >= ${beforeFrom.toISOString()}::timestamptz and ${gatewayTimeseries.bucket} < ${beforeTo.toISOString()}::timestamptz)
      or (${gatewayTimeseries.bucket} >= ${afterFrom.toISOString()}::timestamptz and ${gatewayTimeseries.bucket} <= ${afterTo.toISOString()}::timestamptz))`,
  );
  const sums = await db
    .select({ w, metric: gatewayTimeseries.metric, v: sql<number>`sum(${gatewayTimeseries.value})::float8` })
    .from(gatewayTimeseries)
    .where(and(scope, inArray(gatewayTimeseries.metric, GATE_METRICS)))
    .groupBy(sql`1`, gatewayTimeseries.metric);
  const minutes = await db
    .select({
      w,
      gatewayId: gatewayTimeseries.gatewayId,
      n: sql<number>`count(distinct ${gatewayTimeseries.bucket})::int`,
    })
    .from(gatewayTimeseries)
    .where(scope)
    .groupBy(sql`1`, gatewayTimeseries.gatewayId);
  const totals: Totals = { before: { minutes: 0, sums: {} }, after: { minutes: 0, sums: {} } };
  const reported: Record<Window, Set<string>> = { before: new Set(), after: new Set() };
  for (const r of sums) totals[r.w].sums[r.metric] = Number(r.v);
  for (const r of minutes) {
    reported[r.w].add(r.gatewayId);
    // Before: whole minutes reported. After: the time since the batch settled, which the first report after it
    // covers (its growth is counted from the previous report), so a watch shorter than a minute still compares.
    totals[r.w].minutes += r.w === "before" ? Number(r.n) : afterMinutes;
  }
  return { totals, reported };
}

const metricGate = (
  gate: GateName,
  threshold: number,
  unit: string,
  before: number | null,
  after: number | null,
  measured: number | null,
  breached: (m: number) => boolean,
  ended: boolean,
): GateResult => ({
  gate,
  threshold,
  unit,
  before: round(before),
  after: round(after),
  measured: round(measured),
  // Judged when the watch ends: a first report after applying may carry no growth yet, and must not halt.
  state: !ended ? "watching" : measured === null ? "no_data" : breached(measured) ? "fail" : "pass",
});

const perMinute = (t: Totals, win: Window, metrics: string[]) =>
  t[win].minutes ? metrics.reduce((s, m) => s + (t[win].sums[m] ?? 0), 0) / t[win].minutes : null;
/** How much worse the watch window is than the baseline (no baseline counts as zero). */
const growth = (b: number | null, a: number | null) => (a === null ? null : a - (b ?? 0));
const above = (m: number, limit: number) => m > limit;

/** The gates judged from the telemetry totals, in the order the verdict lists them. */
const METRIC_GATES: {
  gate: GateName;
  setting: "export_failures_per_min" | "drop_percent" | "volume_change_percent";
  unit: string;
  value: (t: Totals, win: Window) => number | null;
  measure: (before: number | null, after: number | null) => number | null;
  breached: (measured: number, limit: number) => boolean;
}[] = [
  {
    gate: "export_failures",
    setting: "export_failures_per_min",
    unit: "per gateway-minute",
    value: (t, win) => perMinute(t, win, FAILURE_METRICS),
    measure: growth,
    breached: above,
  },
  {
    gate: "drops",
    setting: "drop_percent",
    unit: "% of accepted",
    value: (t, win) => {
      const accepted = t[win].sums.receiver_accepted ?? 0;
      return accepted > 0 ? ((t[win].sums.processor_dropped ?? 0) * 100) / accepted : null;
    },
    measure: growth,
    breached: above,
  },
  {
    gate: "volume",
    setting: "volume_change_percent",
    unit: "% change per gateway-minute",
    value: (t, win) => perMinute(t, win, ["exporter_sent"]),
    // No baseline volume: nothing to compare with. A drop to zero is -100 % and fails, as a filter dropping all must.
    measure: (b, a) => (a === null || !b ? null : ((a - b) * 100) / b),
    breached: (m, limit) => Math.abs(m) > limit,
  },
];

/** Each configured gate's figures from the window totals; `ended` says whether the watch is over (exported for its unit test). */
export function judge(
  gates: DeploymentGates,
  t: Totals,
  reported: Record<Window, Set<string>>,
  applied: { gatewayId: string; healthy: boolean | null; gatewayStatus: string }[],
  ended: boolean,
): GateResult[] {
  const out: GateResult[] = [];
  for (const spec of METRIC_GATES) {
    const limit = gates[spec.setting];
    if (limit === undefined) continue;
    const [b, a] = [spec.value(t, "before"), spec.value(t, "after")];
    out.push(metricGate(spec.gate, limit, spec.unit, b, a, spec.measure(b, a), (m) => spec.breached(m, limit), ended));
  }
  if (gates.reporting !== false) {
    const silent = applied.filter((g) => reported.before.has(g.gatewayId) && !reported.after.has(g.gatewayId)).length;
    const expected = applied.filter((g) => reported.before.has(g.gatewayId)).length;
    out.push({
      gate: "reporting",
      threshold: 0,
      unit: "gateways silent",
      before: expected,
      after: expected - silent,
      measured: silent,
      state: expected === 0 ? "no_data" : silent === 0 ? "pass" : ended ? "fail" : "watching",
    });
  }
  if (gates.healthy !== false) {
    const unhealthy = applied.filter((g) => g.healthy === false || g.gatewayStatus === "error").length;
    out.push({
      gate: "health",
      threshold: 0,
      unit: "gateways unhealthy",
      before: null,
      after: applied.length - unhealthy,
      measured: unhealthy,
      state: unhealthy > 0 ? "fail" : "pass",
    });
  }
  return out;
}

const floorMinute = (ms: number) => Math.floor(ms / 60_000) * 60_000;

/**
 * Evaluates a deployment's gates for one batch, now. Pure reading: the engine acts on the verdict, the API shows
 * it. Returns null when the strategy has no gates.
 */
export async function evaluateGates(
  db: Queryable,
  d: { id: string; strategy: { gates?: DeploymentGates } },
  batch: number,
  now = Date.now(),
): Promise<GatesView | null> {
  const gates = d.strategy.gates;
  if (!gates) return null;
  const rows = await batchRows(db, d.id, batch);
  const view: GatesView = {
    batch,
    state: "waiting",
    watch_seconds: gates.watch_seconds,
    watch_started_at: null,
    watch_ends_at: null,
    gateways: rows.applied.length,
    results: [],
  };
  if (!rows.settled || rows.releasedAt === null || rows.settledAt === null) return view;
  const watchEnd = rows.settledAt + gates.watch_seconds * 1000;
  view.watch_started_at = new Date(rows.settledAt).toISOString();
  view.watch_ends_at = new Date(watchEnd).toISOString();
  const ended = now >= watchEnd;
  const baselineMinutes = Math.max(MIN_BASELINE_MINUTES, Math.ceil(gates.watch_seconds / 60));
  const beforeTo = floorMinute(rows.releasedAt);
  const ids = rows.applied.map((r) => r.gatewayId);
  const { totals, reported } = ids.length
    ? await windowTotals(
        db,
        ids,
        [new Date(beforeTo - baselineMinutes * 60_000), new Date(beforeTo)],
        // Up to now, not the watch's end: the minute buckets cannot be cut there, so the rate is over all since.
        [new Date(Math.max(floorMinute(rows.settledAt), beforeTo)), new Date(now)],
        Math.max(1, now - rows.settledAt) / 60_000,
      )
    : {
        totals: { before: { minutes: 0, sums: {} }, after: { minutes: 0, sums: {} } },
        reported: { before: new Set<string>(), after: new Set<string>() },
      };
  view.results = judge(gates, totals, reported, rows.applied, ended);
  view.state = view.results.some((r) => r.state === "fail") ? "failed" : ended ? "passed" : "watching";
  return view;
}

/** The figures of a verdict for the audit log: one line per gate. */
export function gateFigures(v: GatesView) {
  return {
    batch: v.batch,
    watch_seconds: v.watch_seconds,
    gates: Object.fromEntries(
      v.results.map((r) => [
        r.gate,
        { measured: r.measured, threshold: r.threshold, before: r.before, after: r.after, state: r.state },
      ]),
    ),
  };
}
