import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gateways } from "@/lib/db/schema";
import { getCardinality, getUnusedMetrics } from "@/lib/cardinality/queries";
import { deleteReferenceSource, importReferenceSource, listReferenceSources } from "@/lib/cardinality/sources";
import { storeSample } from "@/lib/samples/store";
import { updateSettings } from "@/lib/settings/update";
import { ForbiddenError, InvalidInputError, NotFoundError } from "@/lib/errors";
import { openTestDatabase } from "../helpers/db";
import { auditEntries, makeOrg } from "../helpers/ctx";
import { DASHBOARD, SAMPLE_A, SAMPLE_B } from "./cardinality-fixtures";

let database: Awaited<ReturnType<typeof openTestDatabase>>;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

async function gateway(orgId: string, name: string) {
  const [g] = await database.db
    .insert(gateways)
    .values({ orgId, instanceId: `${name}-${Date.now()}-${Math.random()}`, name })
    .returning();
  return g;
}

/** Two captured metrics samples of one gateway (B newer), a logs sample, and another gateway's metrics. */
async function fixture(prefix: string) {
  const org = await makeOrg(database.db, prefix);
  const gw = await gateway(org.org.id, "edge-1");
  const other = await gateway(org.org.id, "edge-2");
  const store = (
    name: string,
    payload: Record<string, unknown>,
    gatewayId: string | null,
    signal: "metrics" | "logs" = "metrics",
  ) => storeSample(database.db, { orgId: org.org.id, name, signal, source: "capture", payload, gatewayId });
  const a = await store("capture a", SAMPLE_A, gw.id);
  await new Promise((r) => setTimeout(r, 5)); // created_at orders the samples
  const b = await store("capture b", SAMPLE_B, gw.id);
  const logs = await store("logs", { resourceLogs: [] }, gw.id, "logs");
  await store("other", { resourceMetrics: [] }, other.id);
  return { ...org, gw, a, b, logs };
}

describe("cardinality explorer", () => {
  it("counts series per metric over a gateway's newest samples, with the labels driving them", async () => {
    const { viewer, gw, a, b } = await fixture("card");
    const r = await getCardinality(viewer, { gateway_id: gw.id });
    expect(r.samples.map((s) => s.id)).toEqual([b.id, a.id]);
    expect(r).toMatchObject({ gateway_id: gw.id, metric_count: 3, series: 22, data_points: 23 });
    expect(r.backend_series).toBe(6 * 5 + 15 + 1);
    expect(r.price_per_active_series).toBeNull();
    expect(r.estimated_cost).toBeNull();
    expect(r.metrics.map((m) => [m.name, m.series, m.backend_series])).toEqual([
      ["http.server.request.count", 15, 15],
      ["http.server.duration", 6, 30],
      ["queue.size", 1, 1],
    ]);
    const counter = r.metrics[0];
    expect(counter).toMatchObject({ prometheus_name: "http_server_request_count_total", type: "sum", monotonic: true });
    expect(counter.share).toBeCloseTo(15 / 22);
    // user.id: 10 values; dropping it leaves route per service: api /a, api /b, worker /a.
    expect(counter.labels).toEqual([
      {
        name: "user.id",
        distinct_values: 10,
        series_with_label: 15,
        share: 1,
        series_if_dropped: 3,
        top_values: [
          { value: "u0", series: 2 },
          { value: "u1", series: 2 },
          { value: "u2", series: 2 },
          { value: "u3", series: 2 },
          { value: "u4", series: 2 },
        ],
      },
      {
        name: "http.route",
        distinct_values: 2,
        series_with_label: 15,
        share: 1,
        series_if_dropped: 15,
        top_values: [
          { value: "/a", series: 10 },
          { value: "/b", series: 5 },
        ],
      },
    ]);
    const histogram = r.metrics[1];
    expect(histogram.labels.map((l) => [l.name, l.distinct_values, l.series_if_dropped])).toEqual([
      ["http.route", 3, 2],
      ["http.method", 2, 3],
    ]);
    expect(r.metrics[2].labels).toEqual([]);

    // Only the newest sample; limit cuts the list, not the totals.
    const newest = await getCardinality(viewer, { gateway_id: gw.id, samples: "1", limit: "1" } as never);
    expect(newest).toMatchObject({ series: 5, metric_count: 1 });
    const top = await getCardinality(viewer, { gateway_id: gw.id, limit: "1" } as never);
    expect(top.metrics.map((m) => m.name)).toEqual(["http.server.request.count"]);
    expect(top.series).toBe(22);
  });

  it("prices the series at the org's price per active series", async () => {
    const { owner, viewer, gw } = await fixture("card-price");
    await updateSettings(owner, { "savings.prices": { per_active_series: 0.02 } });
    const r = await getCardinality(viewer, { gateway_id: gw.id });
    expect(r.price_per_active_series).toBe(0.02);
    expect(r.estimated_cost).toBeCloseTo(46 * 0.02);
    expect(r.metrics[1].estimated_cost).toBeCloseTo(30 * 0.02);
  });

  it("answers from one sample; refuses logs samples, another org's ids and a missing or double scope", async () => {
    const { viewer, gw, a, logs } = await fixture("card-scope");
    const one = await getCardinality(viewer, { sample_id: a.id });
    expect(one).toMatchObject({ series: 17, gateway_id: gw.id });
    await expect(getCardinality(viewer, { sample_id: logs.id })).rejects.toThrow("sample holds logs, not metrics");
    await expect(getCardinality(viewer, {})).rejects.toThrow(InvalidInputError);
    await expect(getCardinality(viewer, { sample_id: a.id, gateway_id: gw.id })).rejects.toThrow(
      "give either gateway_id or sample_id",
    );
    const stranger = await makeOrg(database.db, "card-stranger");
    await expect(getCardinality(stranger.viewer, { gateway_id: gw.id })).rejects.toThrow(NotFoundError);
    await expect(getCardinality(stranger.viewer, { sample_id: a.id })).rejects.toThrow(NotFoundError);
  });
});

describe("unused metrics", () => {
  it("marks the metrics no imported source refers to, matching translated Prometheus names", async () => {
    const { owner, operator, viewer, gw } = await fixture("unused");
    const before = await getUnusedMetrics(viewer, { gateway_id: gw.id });
    expect(before).toMatchObject({ sources: 0, referenced_names: 0, used: [] });
    expect(before.unused.map((m) => m.name)).toEqual([
      "http.server.request.count",
      "http.server.duration",
      "queue.size",
    ]);

    await expect(importReferenceSource(viewer, { name: "x", kind: "name_list", content: "up" })).rejects.toThrow(
      ForbiddenError,
    );
    const dash = await importReferenceSource(operator, { name: "API", kind: "grafana_dashboard", content: DASHBOARD });
    expect(dash).toMatchObject({ names: ["http_server_duration_milliseconds_bucket"], patterns: [], expressions: 1 });
    await importReferenceSource(operator, { name: "list", kind: "name_list", content: "queue_size\n# nothing else" });
    const r = await getUnusedMetrics(viewer, { gateway_id: gw.id });
    expect(r).toMatchObject({ sources: 2, referenced_names: 2, unused_series: 15 });
    expect(r.used).toEqual([
      { name: "http.server.duration", matched: "http_server_duration_milliseconds_bucket" },
      { name: "queue.size", matched: "queue_size" },
    ]);
    expect(r.unused.map((m) => [m.name, m.prometheus_name, m.series])).toEqual([
      ["http.server.request.count", "http_server_request_count_total", 15],
    ]);

    // A rule reading it by a __name__ regex counts; its recording output is not a metric anyone sends.
    const rules = await importReferenceSource(operator, {
      name: "rules",
      kind: "prometheus_rules",
      content:
        'groups:\n- name: g\n  rules:\n  - record: route:requests:rate5m\n    expr: sum by (http_route) (rate({__name__=~"http_server_request_.+_total"}[5m]))\n',
    });
    expect(rules).toMatchObject({
      names: [],
      patterns: ["http_server_request_.+_total"],
      recorded: ["route:requests:rate5m"],
    });
    const all = await getUnusedMetrics(viewer, { gateway_id: gw.id });
    expect(all.unused).toEqual([]);
    expect(all.used[0]).toEqual({ name: "http.server.request.count", matched: '=~"http_server_request_.+_total"' });

    expect((await listReferenceSources(viewer)).items.map((s) => s.name)).toEqual(["rules", "list", "API"]);
    await expect(deleteReferenceSource(viewer, rules.id)).rejects.toThrow(ForbiddenError);
    await deleteReferenceSource(owner, rules.id);
    await expect(deleteReferenceSource(owner, rules.id)).rejects.toThrow(NotFoundError);
    expect((await getUnusedMetrics(viewer, { gateway_id: gw.id })).unused.map((m) => m.name)).toEqual([
      "http.server.request.count",
    ]);
    const audit = (await auditEntries(owner)).map((e) => e.action);
    expect(audit.filter((a) => a.startsWith("metric_references."))).toEqual([
      "metric_references.delete",
      "metric_references.import",
      "metric_references.import",
      "metric_references.import",
    ]);
  });

  it("refuses content that is not what its kind says", async () => {
    const { operator } = await makeOrg(database.db, "unused-bad");
    await expect(
      importReferenceSource(operator, { name: "x", kind: "grafana_dashboard", content: "groups: []" }),
    ).rejects.toThrow("content: invalid JSON");
    await expect(
      importReferenceSource(operator, { name: "x", kind: "prometheus_rules", content: '{"panels": []}' }),
    ).rejects.toThrow("no rule groups");
  });
});
