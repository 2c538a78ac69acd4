import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../helpers/server";
import {
  api,
  encodeOtlp,
  METRICS_REQUEST,
  otherOrg,
  postOtlp,
  registerGateways,
  type Gateway,
} from "./telemetry-fixtures";
import { ownMetricsAt, type OwnMetricsAt } from "./timeseries-fixtures";

const MIN = 60_000;
let server: TestServer;
let key: string;
let orgId: string;
let gw: Gateway[];
// Minute 0 of the test's simulated time, on a 15-minute boundary so step buckets line up.
const base = Math.floor((Date.now() - 60 * MIN) / (15 * MIN)) * (15 * MIN);
const iso = (ms: number) => new Date(ms).toISOString();

beforeAll(async () => {
  server = await startServer({
    env: { FLOWGATE_TIMESERIES_SWEEP_MS: "300", FLOWGATE_TIMESERIES_RETENTION_DAYS: "5" },
  });
  ({ key, org_id: orgId } = await server.adminKey());
  gw = await registerGateways(server, key, orgId, 3, "ts");
  expect((await api(server, key, "PUT", `/api/v1/gateways/${gw[0].id}/tags`, { tags: { env: "prod" } })).status).toBe(
    200,
  );
});
afterAll(async () => {
  await server?.stop();
});

async function report(g: Gateway, v: OwnMetricsAt) {
  const res = await postOtlp(server, "metrics", encodeOtlp(METRICS_REQUEST, ownMetricsAt(v)), {
    authorization: `Bearer ${g.opamp_token}`,
    "content-type": "application/x-protobuf",
  });
  expect(res.status).toBe(200);
}
const series = (g: Gateway, query: string) =>
  api(server, key, "GET", `/api/v1/gateways/${g.id}/timeseries?org_id=${orgId}&${query}`);
const window = (fromMin: number, toMin: number) => `from=${iso(base + fromMin * MIN)}&to=${iso(base + toMin * MIN)}`;
const points = (...values: [number, number][]) => values.map(([m, v]) => [iso(base + m * MIN), v]);

describe("own-metrics time series", () => {
  it("stores per-minute growth of cumulative counters, across a restart and out-of-order reports", async () => {
    const start = base - 30_000;
    await report(gw[0], { at: base + 10_000, start, accepted: 100, sent: 80, queueSize: 5, transports: true });
    await report(gw[0], { at: base + MIN + 10_000, start, accepted: 250, sent: 200, queueSize: 7, transports: true });
    await report(gw[0], { at: base + 2 * MIN + 10_000, start, accepted: 400, sent: 320, sendFailed: 4, queueSize: 9 });
    // Restarted collector: a new start time, counters from zero.
    const restart = base + 3 * MIN;
    await report(gw[0], { at: base + 3 * MIN + 20_000, start: restart, accepted: 40, sent: 30, queueSize: 1 });
    // A late duplicate of minute 1 changes nothing.
    await report(gw[0], { at: base + MIN + 10_000, start, accepted: 250, sent: 200, queueSize: 7, transports: true });

    const accepted = await series(gw[0], `metric=receiver_accepted&${window(0, 5)}&step=1m`);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ metric: "receiver_accepted", kind: "counter", step_seconds: 60 });
    expect(accepted.body.series).toEqual([
      { signal: "logs", component: "", points: points([0, 100], [1, 150], [2, 150], [3, 40]) },
    ]);
    const sent = await series(gw[0], `metric=exporter_sent&${window(0, 5)}&step=3m&by=component`);
    expect(sent.body.series).toEqual([{ signal: "logs", component: "otlphttp", points: points([0, 320], [3, 30]) }]);
    const failed = await series(gw[0], `metric=exporter_send_failed&${window(0, 5)}&step=5m&by=total`);
    expect(failed.body.series).toEqual([{ signal: "", component: "", points: points([0, 4]) }]);
    const queue = await series(gw[0], `metric=exporter_queue_size&${window(0, 5)}&step=5m`);
    expect(queue.body).toMatchObject({ kind: "gauge", series: [{ signal: "logs", points: points([0, 9]) }] });
  });

  it("adds gateways up in the org aggregate, narrowed by a tag selector", async () => {
    const start = base + 10 * MIN;
    await report(gw[1], { at: base + 10 * MIN + 5_000, start, accepted: 7, sent: 7 });
    const all = await api(
      server,
      key,
      "GET",
      `/api/v1/timeseries?org_id=${orgId}&metric=receiver_accepted&${window(0, 15)}&step=15m`,
    );
    expect(all.status).toBe(200);
    expect(all.body.series).toEqual([{ signal: "logs", component: "", points: points([0, 447]) }]);
    const prod = await api(
      server,
      key,
      "GET",
      `/api/v1/timeseries?org_id=${orgId}&metric=receiver_accepted&${window(0, 15)}&step=15m&selector=env%3Dprod`,
    );
    expect(prod.body.series).toEqual([{ signal: "logs", component: "", points: points([0, 440]) }]);
  });

  it("downsamples rows older than 48 h into 15-minute rows and refuses points past the retention", async () => {
    // Past the 5-day retention: refused (or swept, were it stored).
    const ancient = Date.now() - 6 * 86_400_000;
    await report(gw[2], { at: ancient, start: ancient - 1_000, accepted: 5, sent: 5 });
    const old = Math.floor((Date.now() - 3 * 86_400_000) / (15 * MIN)) * (15 * MIN);
    for (let m = 0; m <= 20; m++)
      await report(gw[2], { at: old + m * MIN + 1_000, start: old, accepted: 10 * (m + 1), sent: 5 * (m + 1) });
    const q = `metric=receiver_accepted&from=${iso(old)}&to=${iso(old + 30 * MIN)}&step=1m`;
    // The sweeper runs every 300 ms: wait until the 1-minute rows are folded.
    let body: { series: { points: [string, number][] }[] } = { series: [] };
    for (let i = 0; i < 50; i++) {
      body = (await series(gw[2], q)).body;
      if (body.series[0]?.points.length === 2) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    // Fresh start: minute 0 counts its whole 10; then 10 per minute.
    expect(body.series[0].points).toEqual([
      [iso(old), 150],
      [iso(old + 15 * MIN), 60],
    ]);

    const none = await series(gw[2], `metric=receiver_accepted&from=${iso(ancient - MIN)}&to=${iso(ancient + MIN)}`);
    expect(none.body.series).toEqual([]);
  });

  it("refuses bad queries and other orgs' gateways", async () => {
    const bad = async (query: string, text: string) => {
      const res = await series(gw[0], query);
      expect(res.status).toBe(400);
      expect(res.body.detail).toContain(text);
    };
    await bad("metric=nope", "metric must be one of");
    await bad("metric=exporter_sent&step=10s", "at least 60s");
    await bad(`metric=exporter_sent&from=${iso(base)}&to=${iso(base - MIN)}`, "from must be before to");
    await bad(`metric=exporter_sent&from=${iso(base - 30 * 86_400_000)}&to=${iso(base)}&step=1m`, "step too small");
    const sel = await api(
      server,
      key,
      "GET",
      `/api/v1/timeseries?org_id=${orgId}&metric=exporter_sent&selector=%21bad`,
    );
    expect(sel.status).toBe(400);
    const other = await otherOrg(server, `ts-other-${Date.now()}`);
    const res = await api(server, other.key, "GET", `/api/v1/gateways/${gw[0].id}/timeseries?metric=exporter_sent`);
    expect(res.status).toBe(404);
  });
});
