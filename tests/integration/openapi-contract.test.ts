import Ajv2020 from "ajv/dist/2020";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "@/lib/openapi/document";
import { startServer, type TestServer } from "../helpers/server";

/**
 * Real calls to a real server across the API's main areas: each answer's status must be documented for its
 * operation, and its JSON body must validate against the schema the document gives for that status.
 */
let server: TestServer;
let owner: string;
let doc: {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema?: unknown }> }> }>
  >;
};
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
const checked = new Set<string>();

beforeAll(async () => {
  server = await startServer();
  owner = (await server.adminKey()).key;
  // The server serves it without credentials; the responses are checked against the registry's document.
  const res = await fetch(`${server.url}/api/v1/openapi.json`);
  expect(res.status).toBe(200);
  expect((await res.json()).openapi).toBe("3.1.0");
  doc = buildOpenApiDocument() as unknown as typeof doc;
  ajv.addSchema({ ...doc, $id: "openapi.json" });
});
afterAll(async () => {
  await server?.stop();
});

const pointer = (...parts: string[]) => parts.map((p) => p.replaceAll("~", "~0").replaceAll("/", "~1")).join("/");

/**
 * Calls `method path` (the real path) and checks the answer against the document's operation at `template`
 * (the OpenAPI path). Returns the status and the parsed body.
 */
async function call(
  method: string,
  template: string,
  opts: { path?: string; body?: unknown; raw?: string; key?: string | null; token?: string } = {},
) {
  const auth = opts.token ?? (opts.key === null ? undefined : (opts.key ?? owner));
  const res = await fetch(server.url + (opts.path ?? template), {
    method,
    headers: {
      ...(auth ? { authorization: `Bearer ${auth}` } : {}),
      ...(opts.body !== undefined || opts.raw !== undefined ? { "content-type": "application/json" } : {}),
    },
    body: opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
  });
  const text = await res.text();
  const body = text ? JSON.parse(text) : undefined;
  const where = `${method} ${template} → ${res.status} ${text.slice(0, 300)}`;
  const operation = doc.paths[template]?.[method.toLowerCase()];
  expect(operation, `${method} ${template} is not in the document`).toBeDefined();
  const response = operation.responses[String(res.status)];
  expect(response, `status undocumented: ${where}`).toBeDefined();
  if (response.content?.["application/json"]) {
    const validate = ajv.getSchema(
      `openapi.json#/${pointer("paths", template, method.toLowerCase(), "responses", String(res.status), "content", "application/json", "schema")}`,
    )!;
    expect(validate(body), `${where}\n${JSON.stringify(validate.errors, null, 1)}`).toBe(true);
  } else {
    expect(text, where).toBe("");
  }
  checked.add(`${method} ${template} ${res.status}`);
  return { status: res.status, body };
}

const CONFIG =
  "receivers:\n  otlp:\n    protocols:\n      grpc:\nexporters:\n  debug:\nservice:\n  pipelines:\n    logs:\n      receivers: [otlp]\n      exporters: [debug]\n";

describe("real responses match the OpenAPI document", () => {
  let gatewayId: string;
  let instanceId: string;
  let opampToken: string;
  let templateId: string;

  it("onboarding: registration tokens, gateway registration, gateways", async () => {
    const token = await call("POST", "/api/v1/registration-tokens", { body: { name: "contract", max_uses: null } });
    expect(token.status).toBe(201);
    expect((await call("GET", "/api/v1/registration-tokens")).status).toBe(200);
    instanceId = `contract-${Date.now()}`;
    const reg = await call("POST", "/api/v1/gateways", {
      token: token.body.token,
      body: { instance_id: instanceId, name: "Contract", hostname: "h1", metadata: { version: "0.1" } },
    });
    expect(reg.status).toBe(201);
    gatewayId = reg.body.id;
    const again = await call("POST", "/api/v1/gateways/{gatewayId}/restart-registration", {
      path: `/api/v1/gateways/${reg.body.id}/restart-registration`,
      token: token.body.token,
    });
    expect(again.status).toBe(200);
    opampToken = again.body.opamp_token;
    expect((await call("POST", "/api/v1/gateways", { token: "not-a-token", body: { instance_id: "x" } })).status).toBe(
      401,
    );

    const G = "/api/v1/gateways/{gatewayId}";
    const at = (suffix = "") => ({ path: `/api/v1/gateways/${gatewayId}${suffix}` });
    expect((await call("PUT", `${G}/tags`, { ...at("/tags"), body: { tags: { env: "prod" } } })).status).toBe(200);
    expect(
      (await call("GET", "/api/v1/gateways", { path: "/api/v1/gateways?tag=env=prod&sort=last_seen" })).body.total,
    ).toBe(1);
    expect((await call("GET", G, at())).status).toBe(200);
    for (const s of ["status", "health", "version", "metrics"])
      expect((await call("GET", `${G}/${s}`, at(`/${s}`))).status).toBe(200);
    expect((await call("GET", `${G}/config`, at("/config"))).status).toBe(404);
    expect((await call("GET", `${G}/logs`, at("/logs"))).status).toBe(200);
    expect((await call("GET", `${G}/events`, at("/events"))).body.total).toBeGreaterThan(0);
    expect((await call("GET", "/api/v1/agent-tags")).status).toBe(200);
    expect(
      (await call("POST", "/api/v1/agent-tags", { body: { gateway_ids: [gatewayId], tags: { team: "obs" } } })).status,
    ).toBe(200);
    // Registered over REST, it never reported the AcceptsRestartCommand capability.
    expect((await call("POST", `${G}/restart`, at("/restart"))).status).toBe(409);
    expect(
      (
        await call("POST", "/api/v1/opamp/heartbeat/{instanceId}", {
          path: `/api/v1/opamp/heartbeat/${instanceId}`,
          token: opampToken,
          body: {},
        })
      ).status,
    ).toBe(200);
    expect((await call("GET", "/api/v1/supervisor/agents")).status).toBe(200);
    expect(
      (await call("GET", "/api/v1/supervisor/agents/{instanceId}", { path: `/api/v1/supervisor/agents/${instanceId}` }))
        .status,
    ).toBe(200);
  });

  it("API keys, with the role rule and the error shapes", async () => {
    const viewer = await call("POST", "/api/v1/api-keys", { body: { name: "viewer", role: "viewer" } });
    expect(viewer.status).toBe(201);
    expect((await call("GET", "/api/v1/api-keys")).status).toBe(200);
    expect(
      (await call("POST", "/api/v1/api-keys", { key: viewer.body.key, body: { name: "x", role: "viewer" } })).status,
    ).toBe(403);
    expect((await call("GET", "/api/v1/api-keys", { key: null })).status).toBe(401);
    expect((await call("POST", "/api/v1/api-keys", { raw: "{not json" })).status).toBe(400);
    expect((await call("POST", "/api/v1/api-keys", { body: { name: "", role: "root" } })).status).toBe(400);
    expect(
      (await call("DELETE", "/api/v1/api-keys/{keyId}", { path: `/api/v1/api-keys/${viewer.body.id}` })).status,
    ).toBe(204);
    expect((await call("DELETE", "/api/v1/api-keys/{keyId}", { path: "/api/v1/api-keys/nope" })).status).toBe(404);
  });

  it("templates: create, list, versions, diff, conflicts, an invalid config", async () => {
    const created = await call("POST", "/api/v1/templates", {
      body: { name: "contract", content: CONFIG, message: "first" },
    });
    expect(created.status).toBe(201);
    templateId = created.body.id;
    const T = "/api/v1/templates/{templateId}";
    const at = (suffix = "") => `/api/v1/templates/${templateId}${suffix}`;
    expect((await call("POST", "/api/v1/templates", { body: { name: "contract", content: CONFIG } })).status).toBe(409);
    expect(
      (await call("POST", "/api/v1/templates", { body: { name: "broken", content: "receivers: [" } })).status,
    ).toBe(400);
    expect((await call("GET", "/api/v1/templates", { path: "/api/v1/templates?q=contr" })).status).toBe(200);
    expect((await call("GET", T, { path: at() })).status).toBe(200);
    expect((await call("PATCH", T, { path: at(), body: { description: "for the contract test" } })).status).toBe(200);
    expect(
      (await call("POST", `${T}/versions`, { path: at("/versions"), body: { content: CONFIG, base_version: 1 } })).body
        .detail,
    ).toMatch(/^Nothing changed/);
    const v2 = await call("POST", `${T}/versions`, {
      path: at("/versions"),
      body: { content: CONFIG + "# v2\n", base_version: 1, message: "v2" },
    });
    expect(v2.status).toBe(201);
    expect(
      (
        await call("POST", `${T}/versions`, {
          path: at("/versions"),
          body: { content: CONFIG + "# v3\n", base_version: 1 },
        })
      ).status,
    ).toBe(409);
    expect((await call("GET", `${T}/versions`, { path: at("/versions") })).body.total).toBe(2);
    expect((await call("GET", `${T}/versions/{version}`, { path: at("/versions/2") })).status).toBe(200);
    expect((await call("GET", `${T}/versions/{version}`, { path: at("/versions/9") })).status).toBe(404);
    expect((await call("GET", `${T}/diff`, { path: at("/diff?from=1&to=2") })).status).toBe(200);
    expect((await call("POST", `${T}/base`, { path: at("/base") })).status).toBe(200);
    expect(
      (await call("GET", "/api/v1/gateways/{gatewayId}/config", { path: `/api/v1/gateways/${gatewayId}/config` }))
        .status,
    ).toBe(200);
    expect(
      (
        await call("GET", "/api/v1/opamp/config/{instanceId}", {
          path: `/api/v1/opamp/config/${instanceId}`,
          token: opampToken,
        })
      ).status,
    ).toBe(200);
  });

  it("deployments: preview, create, list, detail, transitions", async () => {
    const target = { gateway_ids: [gatewayId] };
    expect(
      (await call("POST", "/api/v1/deployments/preview", { body: { target: { selector: "env=prod" } } })).body.count,
    ).toBe(1);
    const d = await call("POST", "/api/v1/deployments", {
      body: { template_id: templateId, target, strategy: { type: "progressive", batch_size: 1 } },
    });
    expect(d.status).toBe(201);
    const D = "/api/v1/deployments/{deploymentId}";
    const at = (suffix = "") => `/api/v1/deployments/${d.body.id}${suffix}`;
    expect((await call("GET", "/api/v1/deployments")).status).toBe(200);
    expect((await call("GET", D, { path: at() })).status).toBe(200);
    expect((await call("GET", D, { path: "/api/v1/deployments/00000000-0000-4000-8000-000000000000" })).status).toBe(
      404,
    );
    const paused = await call("POST", `${D}/pause`, { path: at("/pause") });
    expect([200, 409]).toContain(paused.status);
    expect((await call("POST", `${D}/cancel`, { path: at("/cancel") })).status).toBe(200);
    expect((await call("POST", `${D}/resume`, { path: at("/resume") })).status).toBe(409);
    expect((await call("POST", "/api/v1/deployments", { body: { template_id: templateId, target: {} } })).status).toBe(
      400,
    );
  });

  it("settings, audit log, OpAMP config, validation", async () => {
    expect((await call("GET", "/api/v1/settings")).status).toBe(200);
    expect((await call("PUT", "/api/v1/settings", { body: { "opamp.heartbeat_interval_seconds": 20 } })).status).toBe(
      200,
    );
    expect((await call("PUT", "/api/v1/settings", { body: { "opamp.typo": 1 } })).status).toBe(400);
    expect(
      (await call("GET", "/api/v1/settings/audit-log", { path: "/api/v1/settings/audit-log?limit=100" })).body.total,
    ).toBeGreaterThan(5);
    expect((await call("GET", "/api/v1/opamp-config")).status).toBe(200);
    expect((await call("POST", "/api/v1/validation", { body: { config_yaml: "receivers: {}" } })).body.valid).toBe(
      false,
    );
    expect(
      (await call("POST", "/api/v1/validation/dry-run", { body: { gateway_id: gatewayId, template_id: templateId } }))
        .status,
    ).toBe(200);
    expect(
      (await call("POST", "/api/v1/validation/dry-run", { body: { gateway_id: gatewayId, config_yaml: CONFIG } }))
        .status,
    ).toBe(200);
  });

  it("gateway routes, from a member and from the gateway's own token", async () => {
    const route = {
      hostname: "app.example.com",
      cluster_uuid: "c1",
      namespace: "default",
      service_name: "web",
      service_port: 80,
      ingress_name: "web",
      routing_mode: "tunnel",
    };
    expect((await call("POST", "/api/v1/gateway/routes/register", { token: opampToken, body: route })).status).toBe(
      200,
    );
    expect(
      (await call("POST", "/api/v1/gateway/routes/register", { body: { ...route, cluster_uuid: "c2" } })).status,
    ).toBe(409);
    expect((await call("GET", "/api/v1/gateway/routes")).body.total).toBe(1);
    expect(
      (await call("GET", "/api/v1/gateway/routes/cluster/{clusterUuid}", { path: "/api/v1/gateway/routes/cluster/c1" }))
        .status,
    ).toBe(200);
    const sync = {
      cluster_uuid: "c1",
      routing_mode: "tunnel",
      ingresses: [
        {
          namespace: "default",
          ingress_name: "web",
          rules: [{ host: "b.example.com", paths: [{ service_name: "web", service_port: 80 }] }],
        },
      ],
    };
    expect((await call("POST", "/api/v1/gateway/routes/sync", { token: opampToken, body: sync })).status).toBe(200);
    expect(
      (await call("POST", "/api/v1/gateway/routes/unregister", { body: { hostname: "b.example.com" } })).status,
    ).toBe(200);
    expect(
      (await call("POST", "/api/v1/gateway/routes/unregister", { body: { hostname: "b.example.com" } })).status,
    ).toBe(404);
  });

  it("cleans up through the API and the documented 204s", async () => {
    const tokens = await call("GET", "/api/v1/registration-tokens");
    expect(
      (
        await call("DELETE", "/api/v1/registration-tokens/{tokenId}", {
          path: `/api/v1/registration-tokens/${tokens.body.items[0].id}`,
        })
      ).status,
    ).toBe(204);
    expect(
      (
        await call("POST", "/api/v1/gateways/{gatewayId}/rotate-token", {
          path: `/api/v1/gateways/${gatewayId}/rotate-token`,
        })
      ).status,
    ).toBe(200);
    expect(
      (await call("DELETE", "/api/v1/gateways/{gatewayId}", { path: `/api/v1/gateways/${gatewayId}` })).status,
    ).toBe(204);
    expect((await call("GET", "/api/v1/gateways/{gatewayId}", { path: `/api/v1/gateways/${gatewayId}` })).status).toBe(
      404,
    );
    expect(checked.size).toBeGreaterThan(60);
  });
});
