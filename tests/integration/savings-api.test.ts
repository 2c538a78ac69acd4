import Ajv2020 from "ajv/dist/2020";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "@/lib/openapi/document";
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
import { deployFixture, config } from "./deployments-fixtures";
import { volumeAt, type VolumeAt } from "./savings-fixtures";

const MIN = 60_000;
let server: TestServer;
let key: string;
let orgId: string;
let gw: Gateway[];
const base = Math.floor((Date.now() - 60 * MIN) / (15 * MIN)) * (15 * MIN);
const iso = (ms: number) => new Date(ms).toISOString();
const window = (fromMin: number, toMin: number) => `from=${iso(base + fromMin * MIN)}&to=${iso(base + toMin * MIN)}`;

// Every answer is checked against the OpenAPI document's schema for its operation and status.
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
ajv.addSchema({ ...buildOpenApiDocument(), $id: "openapi.json" });
const pointer = (...parts: string[]) => parts.map((p) => p.replaceAll("~", "~0").replaceAll("/", "~1")).join("/");
function documented<T extends { status: number; body: unknown }>(template: string, res: T): T {
  const validate = ajv.getSchema(
    `openapi.json#/${pointer("paths", template, "get", "responses", String(res.status), "content", "application/json", "schema")}`,
  )!;
  expect(validate(res.body), JSON.stringify(validate.errors)).toBe(true);
  return res;
}

beforeAll(async () => {
  server = await startServer();
  ({ key, org_id: orgId } = await server.adminKey());
  gw = await registerGateways(server, key, orgId, 2, "sv");
});
afterAll(async () => {
  await server?.stop();
});

/** Reports cumulative `volume(n)` for minutes `from`…`to − 1` over the real OTLP endpoint, as the gateway does. */
async function feed(g: Gateway, from: number, to: number, volume: (n: number) => Omit<VolumeAt, "at" | "start">) {
  for (let m = from; m < to; m++) {
    const body = volumeAt({ at: base + m * MIN + 1_000, start: base + from * MIN, ...volume(m - from + 1) });
    const res = await postOtlp(server, "metrics", encodeOtlp(METRICS_REQUEST, body), {
      authorization: `Bearer ${g.opamp_token}`,
      "content-type": "application/x-protobuf",
    });
    expect(res.status).toBe(200);
  }
}
const savings = async (query: string, k = key) =>
  documented("/api/v1/savings", await api(server, k, "GET", `/api/v1/savings?${query}`));

describe("GET /api/v1/savings", () => {
  it("answers in − out per signal and bytes, per gateway, counting a fan-out once, with costs from prices", async () => {
    // Gateway 0 filters logs to 30% and sends them to two backends; gateway 1 forwards its spans as they are.
    await feed(gw[0], 0, 3, (n) => ({
      signals: { logs: { in: 1000 * n, out: { otlphttp: 300 * n, "otlp/archive": 300 * n } } },
      bytes: { in: 50_000 * n, out: 15_000 * n },
    }));
    await feed(gw[1], 0, 3, (n) => ({ signals: { traces: { in: 200 * n, out: { otlp: 200 * n } } } }));

    const res = await savings(`group_by=gateway&${window(0, 3)}`);
    expect(res.status).toBe(200);
    expect(res.body.total).toMatchObject({
      gateways: 2,
      signals: {
        logs: { in: 3000, out: 900, saved: 2100, saved_ratio: 0.7, estimated_cost_saved: null },
        traces: { in: 600, out: 600, saved: 0, saved_ratio: 0 },
        metrics: { in: 0, out: 0, saved_ratio: null },
      },
      bytes: { in: 150_000, out: 45_000, saved: 105_000 },
    });
    expect(res.body.total.exporters).toEqual([
      { signal: "logs", component: "otlp/archive", sent: 900 },
      { signal: "logs", component: "otlphttp", sent: 900 },
      { signal: "traces", component: "otlp", sent: 600 },
    ]);
    expect(
      res.body.groups.map((g: { id: string; signals: { logs: { saved: number } } }) => [g.id, g.signals.logs.saved]),
    ).toEqual([
      [gw[0].id, 2100],
      [gw[1].id, 0],
    ]);
    const one = await savings(`gateway_id=${gw[1].id}&${window(0, 3)}`);
    expect(one.body).toMatchObject({ gateway_id: gw[1].id, total: { gateways: 1, signals: { logs: { in: 0 } } } });

    const put = await api(server, key, "PUT", `/api/v1/settings?org_id=${orgId}`, {
      "savings.prices": { per_million_log_records: 2, per_gb_ingested: 100 },
    });
    expect(put.status).toBe(200);
    const priced = await savings(window(0, 3));
    expect(priced.body.prices).toMatchObject({ per_million_log_records: 2, per_million_spans: null });
    // 2,100 records × 2/million; 105,000 bytes × 100/GB.
    expect(priced.body.total.signals.logs.estimated_cost_saved).toBe(0.0042);
    expect(priced.body.total.bytes.estimated_cost_saved).toBe(0.0105);
    expect(priced.body.total.signals.traces.estimated_cost_saved).toBeNull();
  });

  it("keeps orgs apart and refuses bad queries with 400", async () => {
    const other = await otherOrg(server, `sv-other-${Date.now()}`);
    const theirs = await savings(window(0, 3), other.key);
    expect(theirs.body.total).toMatchObject({ gateways: 0, signals: { logs: { in: 0 } } });
    expect((await api(server, other.key, "GET", `/api/v1/savings?gateway_id=${gw[0].id}`)).status).toBe(404);
    const bad = async (query: string, text: string) => {
      const res = await savings(query);
      expect(res.status).toBe(400);
      expect(res.body.detail).toContain(text);
    };
    await bad("group_by=region", "group_by must be one of");
    await bad(window(3, 0), "from must be before to");
    await bad("from=yesterday", "ISO 8601");
    await bad("selector=%21bad", "selector");
  });
});

describe("GET /api/v1/deployments/{id}/volume", () => {
  it("answers the window before a deployment just made, with no after yet; 404 elsewhere, 400 for a bad window", async () => {
    const fx = deployFixture(server);
    const templateId = await fx.template(`sv-${Date.now()}`, [config("v1")]);
    const created = await api(server, key, "POST", `/api/v1/deployments?org_id=${orgId}`, {
      name: "filter",
      template_id: templateId,
      target: { gateway_ids: [gw[0].id] },
    });
    expect(created.status).toBe(201);
    const path = `/api/v1/deployments/${created.body.id}/volume`;
    const template = "/api/v1/deployments/{deploymentId}/volume";
    const res = documented(template, await api(server, key, "GET", `${path}?window=1d`));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ deployment_id: created.body.id, window_seconds: 86_400, after: null });
    // Gateway 0's logs from the first test lie inside the day before.
    expect(res.body.before.signals.logs).toEqual({ in: 3000, out: 900 });
    expect(res.body.delta.signals.logs).toBeNull();
    const other = await otherOrg(server, `sv-dep-${Date.now()}`);
    expect((await api(server, other.key, "GET", path)).status).toBe(404);
    const bad = await api(server, key, "GET", `${path}?window=2w`);
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toContain("window must be a duration");
  });
});
