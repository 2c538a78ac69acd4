import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../helpers/server";
import { Caps, kv, TestAgent } from "../helpers/opamp-ws-client";
import { opampFixture, waitFor } from "./opamp-fixtures";

let server: TestServer;
let fx: ReturnType<typeof opampFixture>;
beforeAll(async () => {
  server = await startServer();
  fx = opampFixture(server);
});
afterAll(async () => {
  await server?.stop();
});

const description = {
  identifying_attributes: [kv("service.name", "otelcol-contrib"), kv("service.version", "0.130.0")],
  non_identifying_attributes: [kv("host.name", "health.example")],
};
const START = "1763900000000000000";
const healthReport = (exporterError: string | null, start = START) => ({
  healthy: true,
  start_time_unix_nano: start,
  status: "StatusOK",
  component_health_map: {
    "pipeline:traces": {
      healthy: exporterError === null,
      component_health_map: {
        "receiver:otlp": { healthy: true, status: "StatusOK" },
        "exporter:otlphttp": exporterError
          ? { healthy: false, status: "StatusRecoverableError", last_error: exporterError }
          : { healthy: true, status: "StatusOK" },
      },
    },
  },
});

type Item = { id: string; health: { status: string; health_reason: string | null }; drift: boolean };
async function listIds(query: string): Promise<string[]> {
  const r = await fx.api("GET", `/api/v1/gateways?${query}&limit=200`);
  expect(r.status).toBe(200);
  return (r.json.items as Item[]).map((i) => i.id);
}
async function history(id: string): Promise<{ id: string; kind: string; message: string }[]> {
  const r = await fx.api("GET", `/api/v1/gateways/${id}/events?limit=200`);
  expect(r.status).toBe(200);
  expect(r.json).toMatchObject({ page: 1, limit: 200, total: r.json.items.length });
  return r.json.items;
}

describe("health from the agent's own reports (real OpAMP WebSocket agent)", () => {
  it("turns an unhealthy component into status error, health unhealthy with the reason, and recovers", async () => {
    const gw = await fx.registerGateway("health-agent");
    const agent = await TestAgent.connect(fx.wsUrl, gw.opamp_token);
    const caps = Caps.ReportsStatus | Caps.ReportsHealth;
    await agent.request({ capabilities: caps, agent_description: description, health: healthReport(null) });
    let detail = await fx.gateway(gw.id);
    expect(detail).toMatchObject({ status: "active", health: { status: "healthy", health_reason: null } });

    await agent.request({ capabilities: caps, health: healthReport("connection refused: otlp.example:4318") });
    detail = await fx.gateway(gw.id);
    const reason = "pipeline:traces › exporter:otlphttp: connection refused: otlp.example:4318";
    expect(detail).toMatchObject({
      status: "error",
      health: { status: "unhealthy", health_score: 20, health_reason: reason },
    });
    expect((await fx.api("GET", `/api/v1/gateways/${gw.id}/health`)).json.health_reason).toBe(reason);
    // The health filter is SQL; it must agree with the computed health.
    expect(await listIds("health=unhealthy")).toContain(gw.id);
    expect(await listIds("health=healthy")).not.toContain(gw.id);
    expect(await listIds("status=error")).toContain(gw.id);
    const list = await fx.api("GET", `/api/v1/gateways?q=health-agent`);
    expect(list.json.items[0].health).toMatchObject({ status: "unhealthy", health_reason: reason });

    // A heartbeat without a health report keeps the reported state.
    await agent.request({ capabilities: caps });
    expect((await fx.gateway(gw.id)).health.status).toBe("unhealthy");

    await agent.request({ capabilities: caps, health: healthReport(null) });
    detail = await fx.gateway(gw.id);
    expect(detail).toMatchObject({ status: "active", health: { status: "healthy", health_reason: null } });
    expect(await listIds("health=healthy")).toContain(gw.id);
    expect(await listIds("health=unhealthy")).not.toContain(gw.id);

    // A new start time is a restart of the collector.
    await agent.request({ capabilities: caps, health: healthReport(null, "1763900999000000000") });
    await agent.disconnect();
    // The goodbye is answered first and written after (batched with other disconnects): wait for the write.
    detail = await waitFor(async () => {
      const d = await fx.gateway(gw.id);
      return d.status === "inactive" && d;
    }, 20_000);
    expect(detail).toMatchObject({ status: "inactive", health: { status: "offline" } });

    const events = await waitFor(async () => {
      const h = await history(gw.id);
      return h.some((e) => e.kind === "disconnected") && h;
    }, 20_000);
    expect(events.map((e) => e.message).reverse()).toEqual([
      "Registered by a registration token",
      "Connected over WebSocket",
      `Reported unhealthy: ${reason}`,
      "Reported healthy again",
      "The collector restarted",
      "Disconnected",
    ]);
  });

  it("keeps an agent that reconnects while unhealthy in status error (and offline while disconnected)", async () => {
    const gw = await fx.registerGateway("health-reconnect");
    const caps = Caps.ReportsStatus | Caps.ReportsHealth;
    const agent = await TestAgent.connect(fx.wsUrl, gw.opamp_token);
    await agent.request({ capabilities: caps, agent_description: description, health: healthReport("disk full") });
    agent.ws.terminate();
    await waitFor(async () => (await fx.gateway(gw.id)).health.status === "offline", 20_000);
    expect(await listIds("health=offline")).toContain(gw.id);
    expect(await listIds("health=unhealthy")).not.toContain(gw.id);

    const again = await TestAgent.connect(fx.wsUrl, gw.opamp_token, { uid: agent.uid, seq: agent.seq });
    await again.request({ capabilities: caps });
    await waitFor(async () => (await fx.gateway(gw.id)).connection_state === "connected", 20_000);
    expect((await fx.gateway(gw.id)).health).toMatchObject({ status: "unhealthy" });
    again.ws.close();
  });
});

describe("config drift (real OpAMP WebSocket agent)", () => {
  it("flags a gateway whose effective config differs from the desired one, keeps the failed apply's reason until a later apply succeeds", async () => {
    await fx.setBaseConfig("drift-base");
    const gw = await fx.registerGateway("drift-agent");
    const agent = await TestAgent.connect(fx.wsUrl, gw.opamp_token);
    const caps = Caps.ReportsStatus | Caps.AcceptsRemoteConfig | Caps.ReportsRemoteConfig | Caps.ReportsEffectiveConfig;
    const oldConfig = {
      config_map: { config_map: { "": { body: Buffer.from("receivers: {}\n"), content_type: "text/yaml" } } },
    };
    const first = await agent.request({
      capabilities: caps,
      agent_description: description,
      remote_config_status: {},
      effective_config: oldConfig,
    });
    const hash: Buffer = first.remote_config.config_hash;
    expect((await fx.gateway(gw.id)).drift).toBe(true); // running something else than desired

    await agent.request({
      capabilities: caps,
      remote_config_status: { last_remote_config_hash: hash, status: 3, error_message: "cannot bind 0.0.0.0:4318" },
    });
    let detail = await fx.gateway(gw.id);
    expect(detail).toMatchObject({
      drift: true,
      last_apply_error: { error_message: "cannot bind 0.0.0.0:4318", config_hash: hash.toString("hex") },
    });
    expect(await listIds("drift=true")).toContain(gw.id);
    expect(await listIds("drift=false")).not.toContain(gw.id);
    // Still applying a later attempt: the failure stays visible.
    await agent.request({ capabilities: caps, remote_config_status: { last_remote_config_hash: hash, status: 2 } });
    expect((await fx.gateway(gw.id)).last_apply_error).not.toBeNull();

    await agent.request({
      capabilities: caps,
      remote_config_status: { last_remote_config_hash: hash, status: 1 },
      effective_config: { config_map: first.remote_config.config },
    });
    detail = await fx.gateway(gw.id);
    expect(detail).toMatchObject({ drift: false, last_apply_error: null, current_config_version: 1 });
    expect(await listIds("drift=true")).not.toContain(gw.id);
    expect(await listIds("drift=false")).toContain(gw.id);

    // Someone edits the file on the host: the agent reports a different effective config.
    const edited = {
      config_map: { config_map: { "": { body: Buffer.from("receivers: {}\n# edited\n"), content_type: "text/yaml" } } },
    };
    await agent.request({ capabilities: caps, effective_config: edited });
    expect((await fx.gateway(gw.id)).drift).toBe(true);
    expect(await listIds("drift=true")).toContain(gw.id);
    expect((await fx.api("GET", "/api/v1/gateways?drift=maybe")).status).toBe(400);

    const messages = (await history(gw.id)).map((e) => e.message).reverse();
    const short = hash.toString("hex").slice(0, 12);
    expect(messages).toEqual([
      "Registered by a registration token",
      "Connected over WebSocket",
      `Config sent (hash ${short})`,
      `Config v1 failed to apply (hash ${short}): cannot bind 0.0.0.0:4318`,
      `Config v1 applied (hash ${short})`,
    ]);
    agent.ws.close();
  });

  it("pages the history", async () => {
    const gw = await fx.registerGateway("history-pages");
    for (let i = 0; i < 3; i++) {
      const agent = await TestAgent.connect(fx.wsUrl, gw.opamp_token);
      await agent.request({ capabilities: Caps.ReportsStatus, agent_description: description });
      await agent.disconnect();
    }
    const all = await waitFor(async () => {
      const h = await history(gw.id);
      return h.length === 7 && h;
    }, 20_000);
    const page2 = await fx.api("GET", `/api/v1/gateways/${gw.id}/events?limit=3&page=2`);
    expect(page2.json).toMatchObject({ total: 7, page: 2, limit: 3 });
    expect(page2.json.items.map((e: { id: string }) => e.id)).toEqual(all.slice(3, 6).map((e) => e.id));
    expect((await fx.api("GET", `/api/v1/gateways/${gw.id}/events?limit=500`)).status).toBe(400);
    expect((await fx.api("GET", `/api/v1/gateways/00000000-0000-4000-8000-000000000000/events`)).status).toBe(404);
  });
});
