import Ajv2020 from "ajv/dist/2020";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "@/lib/openapi/document";
import { startServer, type TestServer } from "../helpers/server";
import { api, apiKeyWithRole, otherOrg } from "./telemetry-fixtures";
import { DASHBOARD, SAMPLE_A } from "./cardinality-fixtures";

let server: TestServer;
let key: string;
let orgId: string;

// Every answer is checked against the OpenAPI document's schema for its operation and status.
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
ajv.addSchema({ ...buildOpenApiDocument(), $id: "openapi.json" });
const pointer = (...parts: string[]) => parts.map((p) => p.replaceAll("~", "~0").replaceAll("/", "~1")).join("/");
function documented<T extends { status: number; body: unknown }>(template: string, method: string, res: T): T {
  const validate = ajv.getSchema(
    `openapi.json#/${pointer("paths", template, method, "responses", String(res.status), "content", "application/json", "schema")}`,
  )!;
  expect(validate(res.body), JSON.stringify(validate.errors)).toBe(true);
  return res;
}

beforeAll(async () => {
  server = await startServer();
  ({ key, org_id: orgId } = await server.adminKey());
});
afterAll(async () => {
  await server?.stop();
});

describe("cardinality API", () => {
  it("counts a stored sample's series, imports references and lists the unused metrics", async () => {
    const sample = await api(server, key, "POST", "/api/v1/samples", {
      name: "uploaded",
      signal: "metrics",
      format: "otlp_json",
      content: JSON.stringify(SAMPLE_A),
    });
    expect(sample.status).toBe(201);
    const id = sample.body.id as string;

    const card = documented(
      "/api/v1/cardinality",
      "get",
      await api(server, key, "GET", `/api/v1/cardinality?sample_id=${id}&limit=2`),
    );
    expect(card.status).toBe(200);
    expect(card.body).toMatchObject({ series: 17, backend_series: 41, metric_count: 3, gateway_id: null });
    expect(card.body.metrics.map((m: { name: string }) => m.name)).toEqual([
      "http.server.request.count",
      "http.server.duration",
    ]);
    expect(card.body.metrics[0].labels[0]).toMatchObject({
      name: "user.id",
      distinct_values: 10,
      series_if_dropped: 2,
    });

    expect((await api(server, key, "GET", "/api/v1/cardinality")).status).toBe(400);
    expect((await api(server, key, "GET", `/api/v1/cardinality?gateway_id=${id}`)).body).toEqual({
      detail: "Gateway not found",
    });

    const viewer = await apiKeyWithRole(server, key, orgId, "viewer");
    const refused = await api(server, viewer, "POST", "/api/v1/metric-references", {
      name: "d",
      kind: "grafana_dashboard",
      content: DASHBOARD,
    });
    expect(refused.status).toBe(403);
    const imported = documented(
      "/api/v1/metric-references",
      "post",
      await api(server, key, "POST", "/api/v1/metric-references", {
        name: "API dashboard",
        kind: "grafana_dashboard",
        content: DASHBOARD,
      }),
    );
    expect(imported.status).toBe(201);
    expect(imported.body.names).toEqual(["http_server_duration_milliseconds_bucket"]);
    const bad = await api(server, key, "POST", "/api/v1/metric-references", {
      name: "x",
      kind: "prometheus_rules",
      content: "a: [",
    });
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toMatch(/invalid YAML/);

    const list = documented(
      "/api/v1/metric-references",
      "get",
      await api(server, viewer, "GET", "/api/v1/metric-references"),
    );
    expect(list.body.items.map((s: { name: string }) => s.name)).toEqual(["API dashboard"]);

    const unused = documented(
      "/api/v1/cardinality/unused",
      "get",
      await api(server, viewer, "GET", `/api/v1/cardinality/unused?sample_id=${id}`),
    );
    expect(unused.body.used).toEqual([
      { name: "http.server.duration", matched: "http_server_duration_milliseconds_bucket" },
    ]);
    expect(unused.body.unused.map((m: { name: string }) => m.name)).toEqual([
      "http.server.request.count",
      "queue.size",
    ]);

    // Another org sees neither the sample nor the source.
    const other = await otherOrg(server, `card-other-${Date.now()}`);
    expect((await api(server, other.key, "GET", `/api/v1/cardinality?sample_id=${id}`)).status).toBe(404);
    const foreign = await api(server, other.key, "DELETE", `/api/v1/metric-references/${imported.body.id}`);
    expect(foreign.status).toBe(404);

    expect((await api(server, key, "DELETE", `/api/v1/metric-references/${imported.body.id}`)).status).toBe(204);
    const after = await api(server, key, "GET", `/api/v1/cardinality/unused?sample_id=${id}`);
    expect(after.body).toMatchObject({ sources: 0, used: [] });
  });
});
