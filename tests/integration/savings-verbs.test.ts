import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  deploymentGateways,
  deployments,
  gateways,
  templates,
  templateVersions,
  templateVersionTransforms,
  transforms,
  transformVersions,
} from "@/lib/db/schema";
import { extractSeries } from "@/lib/timeseries/extract";
import { writeReportedSeries } from "@/lib/timeseries/write";
import { getSavings } from "@/lib/savings/queries";
import { getDeploymentVolume } from "@/lib/savings/before-after";
import { updateSettings } from "@/lib/settings/update";
import { InvalidInputError, NotFoundError } from "@/lib/errors";
import { openTestDatabase } from "../helpers/db";
import { makeOrg } from "../helpers/ctx";
import { ownMetricsAt } from "./timeseries-fixtures";
import { volumeAt, type VolumeAt } from "./savings-fixtures";

const MIN = 60_000;
let database: Awaited<ReturnType<typeof openTestDatabase>>;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

// Minute 0 of each test's simulated time: on a 15-minute boundary, two hours back.
const t0 = Math.floor(Date.now() / (15 * MIN)) * (15 * MIN) - 120 * MIN;
const iso = (ms: number) => new Date(ms).toISOString();
const window = (fromMin: number, toMin: number) => ({ from: iso(t0 + fromMin * MIN), to: iso(t0 + toMin * MIN) });

type Gw = { id: string; orgId: string };
async function addGateways(orgId: string, ...names: string[]): Promise<Gw[]> {
  return database.db
    .insert(gateways)
    .values(names.map((name) => ({ orgId, instanceId: `${name}-${Date.now()}-${Math.random()}`, name })))
    .returning({ id: gateways.id, orgId: gateways.orgId });
}

/** Reports `volume(m)` (cumulative) for minutes `from`…`to − 1`, the counters started at `from`'s minute. */
async function feed(g: Gw, from: number, to: number, volume: (m: number) => Omit<VolumeAt, "at" | "start">) {
  for (let m = from; m < to; m++) {
    const at = new Date(t0 + m * MIN + 1_000);
    const report = volumeAt({ at: at.getTime(), start: t0 + from * MIN, ...volume(m - from + 1) });
    await writeReportedSeries(database.db, g, extractSeries(report, at), at);
  }
}

describe("savings", () => {
  it("is accepted minus sent per signal over the window, per gateway and for the org", async () => {
    const { org, viewer } = await makeOrg(database.db, "savings");
    const other = await makeOrg(database.db, "savings-other");
    const [a, b] = await addGateways(org.id, "a", "b");
    // Gateway a drops 60% of what it accepts; b forwards everything. Minute 0 counts whole (fresh start).
    for (let m = 0; m < 5; m++) {
      const at = new Date(t0 + m * MIN + 1_000);
      for (const [g, sentShare] of [
        [a, 0.4],
        [b, 1],
      ] as const) {
        const report = ownMetricsAt({
          at: at.getTime(),
          start: t0,
          accepted: 100 * (m + 1),
          sent: sentShare * 100 * (m + 1),
        });
        await writeReportedSeries(database.db, g, extractSeries(report, at), at);
      }
    }
    const forA = await getSavings(viewer, { ...window(0, 5), gateway_id: a.id });
    expect(forA.total.gateways).toBe(1);
    expect(forA.total.signals.logs).toEqual({
      in: 500,
      out: 200,
      saved: 300,
      saved_ratio: 0.6,
      estimated_cost_saved: null,
    });
    expect(forA.total.signals.traces).toMatchObject({ in: 0, out: 0, saved: 0, saved_ratio: null });
    const all = await getSavings(viewer, { ...window(0, 5), group_by: "gateway" });
    expect(all.total.signals.logs).toMatchObject({ in: 1000, out: 700, saved: 300, saved_ratio: 0.3 });
    expect(all.groups.map((g) => [g.id, g.name, g.signals.logs.saved])).toEqual([
      [a.id, "a", 300],
      [b.id, "b", 0],
    ]);
    const byOrg = await getSavings(viewer, window(0, 5));
    expect(byOrg.groups).toMatchObject([{ id: org.id, name: org.name, gateways: 2 }]);
    // The window bounds the sum: minutes 0-1 only.
    expect((await getSavings(viewer, window(0, 2))).total.signals.logs.in).toBe(400);
    // Another org sees none of it.
    expect((await getSavings(other.viewer, window(0, 5))).total).toMatchObject({ gateways: 0 });
    await expect(getSavings(other.viewer, { ...window(0, 5), gateway_id: a.id })).rejects.toThrow(NotFoundError);
  });

  it("counts a pipeline that fans out to two backends once, and lists what each exporter sent", async () => {
    const { org, viewer } = await makeOrg(database.db, "fanout");
    const [g] = await addGateways(org.id, "fan");
    await feed(g, 0, 5, (n) => ({
      signals: { logs: { in: 100 * n, out: { otlphttp: 40 * n, "otlp/archive": 40 * n } } },
    }));
    const s = await getSavings(viewer, window(0, 5));
    expect(s.total.signals.logs).toMatchObject({ in: 500, out: 200, saved: 300 });
    expect(s.total.exporters).toEqual([
      { signal: "logs", component: "otlp/archive", sent: 200 },
      { signal: "logs", component: "otlphttp", sent: 200 },
    ]);
  });

  it("estimates the cost saved from the org's prices, null while a price is blank, per template", async () => {
    const { org, owner, viewer } = await makeOrg(database.db, "prices");
    const [x, y] = await addGateways(org.id, "x", "y");
    // x: 4M spans in, 1M out, 5 GB in, 1 GB out over 2 minutes. y: 1M log records in, 250k out.
    await feed(x, 0, 2, (n) => ({
      signals: { traces: { in: 2_000_000 * n, out: { otlp: 500_000 * n } } },
      bytes: { in: 2.5e9 * n, out: 0.5e9 * n },
    }));
    await feed(y, 0, 2, (n) => ({ signals: { logs: { in: 500_000 * n, out: { otlp: 125_000 * n } } } }));
    const blank = await getSavings(viewer, window(0, 2));
    expect(blank.prices).toEqual({
      per_gb_ingested: null,
      per_million_data_points: null,
      per_million_spans: null,
      per_million_log_records: null,
      per_active_series: null,
    });
    expect(blank.total.signals.traces.estimated_cost_saved).toBeNull();

    await updateSettings(owner, { "savings.prices": { per_million_spans: 2.5, per_gb_ingested: 0.1 } });
    const priced = await getSavings(viewer, window(0, 2));
    expect(priced.total.signals.traces).toEqual({
      in: 4_000_000,
      out: 1_000_000,
      saved: 3_000_000,
      saved_ratio: 0.75,
      estimated_cost_saved: 7.5,
    });
    expect(priced.total.bytes).toMatchObject({ in: 5e9, out: 1e9, saved: 4e9, estimated_cost_saved: 0.4 });
    expect(priced.total.signals.logs).toMatchObject({ saved: 750_000, estimated_cost_saved: null });
    await expect(updateSettings(owner, { "savings.prices": { per_million_spans: -1 } })).rejects.toThrow(
      "per_million_spans: must be 0 or more",
    );

    // By template: y runs a deployed template, x the org's base one.
    const base = await addTemplate(org.id, "base", true);
    const edge = await addTemplate(org.id, "edge", false);
    await addDeployment(org.id, edge, [y], { startedAt: new Date(t0), finishedAt: new Date(t0) });
    const byTemplate = await getSavings(viewer, { ...window(0, 2), group_by: "template" });
    expect(
      byTemplate.groups.map((g) => [g.id, g.name, g.gateways, g.signals.traces.saved, g.signals.logs.saved]),
    ).toEqual([
      [base.templateId, "base", 1, 3_000_000, 0],
      [edge.templateId, "edge", 1, 0, 750_000],
    ]);
    // By transform: y's template uses one; x's uses none.
    const drop = await addTransform(org.id, edge, "drop-debug");
    const byTransform = await getSavings(viewer, { ...window(0, 2), group_by: "transform" });
    expect(byTransform.groups.map((g) => [g.id, g.name, g.gateways, g.signals.logs.saved])).toEqual([
      [drop, "drop-debug", 1, 750_000],
      [null, "No transform", 1, 0],
    ]);
  });

  it("compares a deployment's output over the same window before and after it", async () => {
    const { org, viewer } = await makeOrg(database.db, "before-after");
    const other = await makeOrg(database.db, "before-after-other");
    const [p, q, untouched] = await addGateways(org.id, "p", "q", "untouched");
    // Deployed from minute 10 to 12 (minute 12 rounds up); each gateway sends 100 logs/min before, 25 after.
    const sending = (perMinute: number) => (n: number) => ({
      signals: { logs: { in: 100 * n, out: { otlp: perMinute * n } } },
    });
    for (const g of [p, q, untouched]) await feed(g, 0, 10, sending(100));
    for (const g of [p, q]) await feed(g, 12, 22, sending(25));
    await feed(untouched, 12, 22, sending(100));
    const tpl = await addTemplate(org.id, "filter", false);
    const d = await addDeployment(org.id, tpl, [p, q], {
      startedAt: new Date(t0 + 10 * MIN + 5_000),
      finishedAt: new Date(t0 + 11 * MIN + 30_000),
    });
    const v = await getDeploymentVolume(viewer, d, { window: "5m" });
    expect(v.window_seconds).toBe(300);
    expect(v.before).toMatchObject({ from: iso(t0 + 5 * MIN), to: iso(t0 + 10 * MIN) });
    expect(v.before.signals.logs).toEqual({ in: 1000, out: 1000 });
    expect(v.after).toMatchObject({ from: iso(t0 + 12 * MIN), to: iso(t0 + 17 * MIN) });
    expect(v.after!.signals.logs).toEqual({ in: 1000, out: 250 });
    expect(v.delta.signals.logs).toEqual({ change: -750, ratio: -0.75 });
    expect(v.delta.signals.traces).toEqual({ change: 0, ratio: null });

    // A window longer than the time since the end shrinks on both sides; just deployed, there is no after yet.
    const soon = await getDeploymentVolume(viewer, d, { window: "1d" }, new Date(t0 + 15 * MIN + 20_000));
    expect(soon.window_seconds).toBe(180);
    expect(soon.before.signals.logs.out).toBe(600);
    const now = await getDeploymentVolume(viewer, d, {}, new Date(t0 + 12 * MIN + 10_000));
    expect(now).toMatchObject({ window_seconds: 3600, after: null, delta: { signals: { logs: null } } });

    await expect(getDeploymentVolume(other.viewer, d, {})).rejects.toThrow(NotFoundError);
    await expect(getDeploymentVolume(viewer, d, { window: "10s" })).rejects.toThrow("window must be a duration");
  });

  it("refuses a bad query", async () => {
    const { viewer } = await makeOrg(database.db, "bad");
    await expect(getSavings(viewer, { group_by: "region" })).rejects.toThrow("group_by must be one of");
    await expect(getSavings(viewer, window(5, 0))).rejects.toThrow("from must be before to");
    await expect(getSavings(viewer, { selector: "!x" })).rejects.toThrow(InvalidInputError);
    await expect(getSavings(viewer, { from: "yesterday" })).rejects.toThrow("ISO 8601");
  });
});

async function addTemplate(orgId: string, name: string, isBase: boolean) {
  const [t] = await database.db
    .insert(templates)
    .values({ orgId, name, isBase, latestVersion: 1 })
    .returning({ id: templates.id });
  const [v] = await database.db
    .insert(templateVersions)
    .values({ templateId: t.id, orgId, version: 1, content: "receivers: {}\n", contentHash: name })
    .returning({ id: templateVersions.id });
  return { templateId: t.id, versionId: v.id };
}

async function addDeployment(
  orgId: string,
  tpl: { templateId: string; versionId: string },
  targets: Gw[],
  times: { startedAt: Date; finishedAt: Date },
) {
  const [d] = await database.db
    .insert(deployments)
    .values({
      orgId,
      name: "d",
      templateId: tpl.templateId,
      templateVersionId: tpl.versionId,
      target: { gateway_ids: targets.map((g) => g.id) },
      strategy: { type: "all_at_once" },
      status: "completed",
      createdAt: times.startedAt,
      ...times,
    })
    .returning({ id: deployments.id });
  await database.db.insert(deploymentGateways).values(
    targets.map((g) => ({
      deploymentId: d.id,
      gatewayId: g.id,
      orgId,
      status: "applied" as const,
      releasedAt: times.startedAt,
    })),
  );
  return d.id;
}

async function addTransform(orgId: string, tpl: { templateId: string; versionId: string }, name: string) {
  const [t] = await database.db
    .insert(transforms)
    .values({ orgId, name, signal: "logs", latestVersion: 1 })
    .returning({ id: transforms.id });
  const [v] = await database.db
    .insert(transformVersions)
    .values({ transformId: t.id, orgId, version: 1, steps: [], stepsHash: name, actor: "system:test" })
    .returning({ id: transformVersions.id });
  await database.db.insert(templateVersionTransforms).values({
    templateVersionId: tpl.versionId,
    templateId: tpl.templateId,
    transformVersionId: v.id,
    transformId: t.id,
    orgId,
    pinned: false,
  });
  return t.id;
}
