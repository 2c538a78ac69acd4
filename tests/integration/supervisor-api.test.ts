import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../helpers/server";
import { Caps, kv, TestAgent, type ServerToAgent } from "../helpers/opamp-ws-client";
import {
  api,
  apiKeyWithRole,
  collectorLogs,
  encodeOtlp,
  LOGS_REQUEST,
  otherOrg,
  registerGateways,
  type Gateway,
} from "./telemetry-fixtures";

const SUPERVISOR_CAPS =
  Caps.ReportsStatus |
  Caps.AcceptsRemoteConfig |
  Caps.ReportsEffectiveConfig |
  Caps.ReportsOwnMetrics |
  Caps.ReportsOwnLogs |
  Caps.AcceptsRestartCommand |
  Caps.ReportsHealth |
  Caps.ReportsRemoteConfig |
  Caps.ReportsHeartbeat;
const PLAIN_CAPS = Caps.ReportsStatus | Caps.ReportsEffectiveConfig | Caps.ReportsHeartbeat;
const FAILED = 3;
const APPLIED = 1;
const CONFIG = (tag: string) =>
  [
    `# ${tag} for \${INSTANCE_ID}`,
    "receivers:",
    "  otlp:",
    "    protocols:",
    "      http:",
    "        endpoint: 0.0.0.0:4318",
    "exporters:",
    "  debug: {}",
    "service:",
    "  pipelines:",
    "    logs:",
    "      receivers: [otlp]",
    "      exporters: [debug]",
    "",
  ].join("\n");

let server: TestServer;
let key: string, orgId: string, operator: string, viewer: string;
let sup: Gateway, plain: Gateway, idle: Gateway, foreign: Gateway & { key: string };
let supAgent: TestAgent, plainAgent: TestAgent;
let firstReply: ServerToAgent;

const get = (path: string, k = key) =>
  api(server, k, "GET", `/api/v1/supervisor/agents${path}${path.includes("?") ? "&" : "?"}org_id=${orgId}`);
const post = (path: string, k = key, body?: unknown) =>
  api(server, k, "POST", `/api/v1/supervisor/agents${path}?org_id=${orgId}`, body);
const until = async <T>(probe: () => Promise<T | undefined | false>, ms = 5000): Promise<T> => {
  for (const end = Date.now() + ms; ; await new Promise((r) => setTimeout(r, 50))) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error("condition not met in time");
  }
};
type Item = Record<string, any>;
const item = async (g: Gateway) =>
  ((await get("?limit=1000")).body.items as Item[]).find((i) => i.gateway_id === g.id)!;

beforeAll(async () => {
  server = await startServer();
  ({ key, org_id: orgId } = await server.adminKey());
  [sup, plain, idle] = await registerGateways(server, key, orgId, 3, "sup");
  operator = await apiKeyWithRole(server, key, orgId, "operator");
  viewer = await apiKeyWithRole(server, key, orgId, "viewer");
  const other = await otherOrg(server, `supervisor-other-${Date.now()}`);
  foreign = { ...(await registerGateways(server, other.key, other.org_id, 1, "foreign"))[0], key: other.key };
  const ws = server.url.replace(/^http/, "ws") + "/v1/opamp";
  supAgent = await TestAgent.connect(ws, sup.opamp_token);
  firstReply = await supAgent.request({
    capabilities: SUPERVISOR_CAPS,
    agent_description: {
      identifying_attributes: [kv("service.name", "otelcol-contrib"), kv("service.version", "0.136.0")],
      non_identifying_attributes: [kv("host.name", "sup-host"), kv("os.type", "linux")],
    },
    health: { healthy: true, status: "StatusOK" },
    effective_config: {
      config_map: { config_map: { "": { body: Buffer.from("receivers: {}\n"), content_type: "text/yaml" } } },
    },
    remote_config_status: {
      status: FAILED,
      error_message: 'unknown exporter "nope"',
      last_remote_config_hash: Buffer.alloc(32, 0xab),
    },
  });
  plainAgent = await TestAgent.connect(ws, plain.opamp_token);
  await plainAgent.request({
    capabilities: PLAIN_CAPS,
    agent_description: { identifying_attributes: [kv("service.name", "plain")] },
    effective_config: { config_map: { config_map: {} } },
  });
});
afterAll(async () => {
  supAgent?.ws.terminate();
  plainAgent?.ws.terminate();
  await server?.stop();
});

describe("GET /api/v1/supervisor/agents", () => {
  it("lists the org's agents with their OpAMP state, capabilities decoded", async () => {
    const s = await until(async () => ((await item(sup))?.remote_config_status ? item(sup) : undefined));
    expect(s).toMatchObject({
      instance_id: sup.instance_id,
      name: "sup 0",
      status: "active",
      connection_state: "connected",
      transport: "websocket",
      opamp_instance_uid: supAgent.uid.toString("hex").replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, "$1-$2-$3-$4-$5"),
      agent_version: "0.136.0",
      hostname: "sup-host",
      accepts_restart: true,
      reports_own_logs: true,
      reports_own_metrics: true,
      remote_config_status: {
        status: "FAILED",
        error_message: 'unknown exporter "nope"',
        last_remote_config_hash: "ab".repeat(32),
      },
      health: { status: "healthy", health_score: 100 },
    });
    expect(s.capabilities).toEqual({
      bits: SUPERVISOR_CAPS,
      names: expect.arrayContaining(["AcceptsRestartCommand", "ReportsOwnLogs", "ReportsRemoteConfig"]),
    });
    expect(s.capabilities.names).toHaveLength(9);
    expect(Date.now() - Date.parse(s.last_seen)).toBeLessThan(10_000);
    expect(await item(idle)).toMatchObject({
      connection_state: "disconnected",
      transport: null,
      capabilities: { bits: null, names: [] },
      health: { status: "unknown" },
    });
  });

  it("filters by connection state, pages, never shows another org's agents, and validates its query", async () => {
    const connected = await until(async () => {
      const r = await get("?connection_state=connected");
      return r.body.total === 2 ? r : undefined;
    });
    expect(connected.body.items.map((i: Item) => i.instance_id).sort()).toEqual(
      [plain.instance_id, sup.instance_id].sort(),
    );
    const page = await get("?limit=1&page=2");
    expect(page.body).toMatchObject({ total: 3, page: 2, limit: 1 });
    expect(page.body.items).toHaveLength(1);
    expect((await get("?limit=1000")).body.items.map((i: Item) => i.gateway_id)).not.toContain(foreign.id);
    expect((await get("?limit=0")).status).toBe(400);
    expect((await get("?connection_state=maybe")).status).toBe(400);
    expect((await api(server, foreign.key, "GET", `/api/v1/supervisor/agents?org_id=${orgId}`)).status).toBe(403);
    expect((await fetch(`${server.url}/api/v1/supervisor/agents`)).status).toBe(401);
  });

  it("finds one agent by instance_id or by its OpAMP instance_uid; another org's is 404", async () => {
    expect((await get(`/${sup.instance_id}`)).body.gateway_id).toBe(sup.id);
    const uid = (await item(sup)).opamp_instance_uid;
    expect((await get(`/${uid}`)).body.gateway_id).toBe(sup.id);
    expect((await get(`/${supAgent.uid.toString("hex")}`)).body.gateway_id).toBe(sup.id);
    const missing = await get(`/${foreign.instance_id}`);
    expect(missing).toEqual({ status: 404, body: { detail: "Gateway not found" } });
  });
});

describe("GET /api/v1/supervisor/agents/{instance_id}/logs", () => {
  it("returns the logs the agent sent to the own-logs destination the OpAMP server offered it", async () => {
    const offer = firstReply.connection_settings?.own_logs;
    expect(offer?.destination_endpoint).toMatch(/\/api\/v1\/otlp\/v1\/logs$/);
    const headers = Object.fromEntries(
      offer.headers.headers.map((h: { key: string; value: string }) => [h.key, h.value]),
    );
    const sent = await fetch(offer.destination_endpoint, {
      method: "POST",
      headers: { ...headers, "content-type": "application/x-protobuf" },
      body: new Uint8Array(
        encodeOtlp(LOGS_REQUEST, collectorLogs(["Everything is ready. Begin running and processing data."])),
      ),
    });
    expect(sent.status).toBe(200);
    const logs = await get(`/${sup.instance_id}/logs`);
    expect(logs.status).toBe(200);
    expect(logs.body).toMatchObject({
      instance_id: sup.instance_id,
      items: [{ body: "Everything is ready. Begin running and processing data.", severity: "info" }],
    });
    expect((await get(`/${sup.instance_id}/logs?after_id=${logs.body.next_after_id}`)).body.items).toEqual([]);
    expect((await get(`/${foreign.instance_id}/logs`)).status).toBe(404);
    expect((await get(`/${sup.instance_id}/logs?limit=5000`)).status).toBe(400);
  });
});

describe("POST /api/v1/supervisor/agents/{instance_id}/restart", () => {
  it("sends the Restart command to an agent that accepts it", async () => {
    const res = await post(`/${sup.instance_id}/restart`, operator);
    expect(res).toEqual({
      status: 202,
      body: { instance_id: sup.instance_id, gateway_id: sup.id, status: "restart_requested" },
    });
    const msg = await supAgent.next(2000);
    expect(msg.command).toBeDefined();
    expect(msg.command.type ?? 0).toBe(0);
  });

  it("is 409 for an agent that does not accept restarts, 403 for a viewer, 404 for another org's agent", async () => {
    expect(await post(`/${plain.instance_id}/restart`, operator)).toEqual({
      status: 409,
      body: { detail: "Agent does not accept restart commands" },
    });
    const refused = await post(`/${sup.instance_id}/restart`, viewer);
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toMatch(/requires the operator role/);
    expect(await post(`/${foreign.instance_id}/restart`, operator)).toEqual({
      status: 404,
      body: { detail: "Gateway not found" },
    });
    expect(await supAgent.silentFor(300)).toBe(true);
  });
});

describe("POST /api/v1/supervisor/agents/{instance_id}/config", () => {
  it("is 409 while there is nothing to push, and for an agent that does not accept remote config", async () => {
    const none = await post(`/${sup.instance_id}/config`, operator);
    expect(none.status).toBe(409);
    expect(none.body.detail).toMatch(/^No config to push/);
    expect(await post(`/${plain.instance_id}/config`, operator)).toEqual({
      status: 409,
      body: { detail: "Agent does not accept remote config" },
    });
  });

  it("deploys a template version to just this agent, which receives it at once; a second push resends nothing", async () => {
    const template = await api(server, key, "POST", `/api/v1/templates?org_id=${orgId}`, {
      name: `push-${Date.now()}`,
      content: CONFIG("pushed"),
    });
    expect(template.status).toBe(201);
    const res = await post(`/${sup.instance_id}/config`, operator, { template_id: template.body.id });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({
      gateway_id: sup.id,
      source: "deployment",
      config_version: 1,
      already_reported: false,
      connection_state: "connected",
    });
    const msg = await supAgent.next(2000);
    expect(Buffer.from(msg.remote_config.config_hash).toString("hex")).toBe(res.body.config_hash);
    expect(Buffer.from(msg.remote_config.config.config_map[""].body).toString()).toContain(
      `# pushed for ${sup.instance_id}`,
    );
    await supAgent.request({
      remote_config_status: { status: APPLIED, last_remote_config_hash: msg.remote_config.config_hash },
    });
    await until(async () => (await item(sup)).remote_config_status.status === "APPLIED");
    expect((await item(plain)).remote_config_status).toBeNull(); // the deployment targeted only this agent

    const again = await post(`/${sup.instance_id}/config`, operator);
    expect(again.body).toMatchObject({
      config_hash: res.body.config_hash,
      already_reported: true,
      reported_status: "APPLIED",
      deployment_id: res.body.deployment_id,
    });
    expect(await supAgent.silentFor(500)).toBe(true);
  });

  it("refuses viewers and bad bodies, and is 404 for another org's agent or template", async () => {
    expect((await post(`/${sup.instance_id}/config`, viewer)).status).toBe(403);
    expect((await post(`/${sup.instance_id}/config`, operator, { template_version: 2 })).status).toBe(400);
    expect((await post(`/${sup.instance_id}/config`, operator, { template_id: "nope" })).status).toBe(400);
    expect(
      (await post(`/${sup.instance_id}/config`, operator, { template_id: "00000000-0000-4000-8000-000000000000" }))
        .status,
    ).toBe(404);
    expect(await post(`/${foreign.instance_id}/config`, operator)).toEqual({
      status: 404,
      body: { detail: "Gateway not found" },
    });
    expect(await supAgent.silentFor(300)).toBe(true);
  });
});
