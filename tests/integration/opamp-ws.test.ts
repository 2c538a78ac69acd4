import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashConfigMap } from "@/lib/config-distribution/config-map";
import { startServer, type TestServer } from "../helpers/server";
import { Caps, kv, TestAgent, upgradeRefusal } from "../helpers/opamp-ws-client";
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

const description = (host: string) => ({
  identifying_attributes: [kv("service.name", "otelcol-contrib"), kv("service.version", "0.130.0")],
  non_identifying_attributes: [
    kv("host.name", host),
    kv("os.type", "linux"),
    kv("os.description", "Debian GNU/Linux 13"),
  ],
});
const effectiveConfig = (yaml: string) => ({
  config_map: { config_map: { "": { body: Buffer.from(yaml), content_type: "text/yaml" } } },
});
const big = (v: unknown) => BigInt((v as string | undefined) ?? 0);

async function connected(instanceId: string, capabilities: number, extra: Record<string, unknown> = {}) {
  const gw = await fx.registerGateway(instanceId);
  const agent = await TestAgent.connect(fx.wsUrl, gw.opamp_token);
  const first = await agent.request({
    capabilities,
    agent_description: description(`${instanceId}.example`),
    ...extra,
  });
  return { gw, agent, first };
}

describe("OpAMP over WebSocket (spec-written client, real server)", () => {
  it("frames every reply with the 0x00 header and puts the capabilities in the first reply only", async () => {
    const { agent, first } = await connected("ws-framing", Caps.ReportsStatus);
    expect(first.instance_uid.equals(agent.uid)).toBe(true);
    expect(first.error_response).toBeUndefined();
    const caps = big(first.capabilities);
    expect(caps & 0x1n).toBe(0x1n); // AcceptsStatus MUST be set
    expect(caps).toBe(0x1n | 0x2n | 0x4n | 0x20n);
    const second = await agent.request({ capabilities: Caps.ReportsStatus });
    expect(second.capabilities).toBeUndefined();
    expect(second.flags).toBeUndefined();
    expect(agent.headerBytes).toEqual([0, 0]);
    expect(agent.protocolErrors).toEqual([]);
    agent.ws.close();
  });

  it("asks an unknown agent for its full state, stores it, and asks again after a sequence gap", async () => {
    const gw = await fx.registerGateway("ws-fullstate");
    const agent = await TestAgent.connect(fx.wsUrl, gw.opamp_token);
    const caps = Caps.ReportsStatus | Caps.ReportsEffectiveConfig | Caps.ReportsHealth;
    const bare = await agent.request({ capabilities: caps });
    expect(big(bare.flags) & 0x1n).toBe(0x1n); // ReportFullState
    const full = await agent.request({
      capabilities: caps,
      agent_description: description("fs.example"),
      effective_config: effectiveConfig("receivers: {}\n"),
    });
    expect(big(full.flags) & 0x1n).toBe(0n);
    const health = {
      healthy: true,
      start_time_unix_nano: "1763900000000000000",
      status: "StatusOK",
      component_health_map: {
        "pipeline:logs": { healthy: false, last_error: "exporter failed", status: "StatusRecoverableError" },
      },
    };
    expect((await agent.request({ capabilities: caps, health })).flags).toBeUndefined();
    const detail = await fx.gateway(gw.id);
    expect(detail.version).toMatchObject({
      agent_version: "0.130.0",
      capabilities: ["ReportsStatus", "ReportsEffectiveConfig", "ReportsHealth"],
    });
    expect(detail.hostname).toBe("fs.example");
    expect(detail.effective_config_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(detail.component_health).toMatchObject({
      healthy: true,
      start_time_unix_nano: "1763900000000000000",
      component_health_map: { "pipeline:logs": { healthy: false, last_error: "exporter failed" } },
    });
    agent.seq += 5;
    const gap = await agent.request({ capabilities: caps });
    expect(big(gap.flags) & 0x1n).toBe(0x1n);
    agent.ws.close();
  });

  it("assigns a new instance_uid when asked (RequestInstanceUid) and when the uid belongs to another gateway", async () => {
    const { agent: first } = await connected("ws-uid-a", Caps.ReportsStatus);
    const gwB = await fx.registerGateway("ws-uid-b");
    const asking = await TestAgent.connect(fx.wsUrl, gwB.opamp_token);
    const temp = asking.uid;
    const reply = await asking.request({
      capabilities: Caps.ReportsStatus,
      flags: 1,
      agent_description: description("b"),
    });
    const assigned: Buffer = reply.agent_identification.new_instance_uid;
    expect(assigned.length).toBe(16);
    expect(reply.instance_uid.equals(temp)).toBe(true); // the reply still echoes the old uid
    asking.uid = assigned;
    const next = await asking.request({ capabilities: Caps.ReportsStatus });
    expect(next.instance_uid.equals(assigned)).toBe(true);
    expect(next.agent_identification).toBeUndefined();
    asking.ws.close();

    // gateway C's agent presents gateway A's uid: a duplicate, so C's agent is told to use a fresh one.
    const gwC = await fx.registerGateway("ws-uid-c");
    const clone = await TestAgent.connect(fx.wsUrl, gwC.opamp_token, { uid: first.uid });
    const dup = await clone.request({ capabilities: Caps.ReportsStatus, agent_description: description("c") });
    expect(dup.error_response).toBeUndefined();
    expect(dup.agent_identification.new_instance_uid.length).toBe(16);
    expect(dup.agent_identification.new_instance_uid.equals(first.uid)).toBe(false);
    expect((await first.request({ capabilities: Caps.ReportsStatus })).error_response).toBeUndefined();
    first.ws.close();
    clone.ws.close();
  });

  it("asks for the available components only when their hash is unknown", async () => {
    const caps = Caps.ReportsStatus | Caps.ReportsAvailableComponents;
    const hash = Buffer.alloc(32, 9);
    const { gw, agent, first } = await connected("ws-components", caps, { available_components: { hash } });
    expect(big(first.flags) & 0x2n).toBe(0x2n); // ReportAvailableComponents
    const components = {
      receivers: {
        sub_component_map: {
          otlp: { metadata: [kv("code.namespace", "go.opentelemetry.io/collector/receiver/otlpreceiver")] },
        },
      },
    };
    const full = await agent.request({ capabilities: caps, available_components: { hash, components } });
    expect(full.flags).toBeUndefined();
    expect((await agent.request({ capabilities: caps, available_components: { hash } })).flags).toBeUndefined();
    agent.ws.close();
    const again = await TestAgent.connect(fx.wsUrl, gw.opamp_token, { uid: agent.uid, seq: agent.seq });
    expect((await again.request({ capabilities: caps, available_components: { hash } })).flags).toBeUndefined();
    again.ws.close();
  });

  it("pushes the desired config, never in a loop, and stores RemoteConfigStatus", async () => {
    const caps = Caps.ReportsStatus | Caps.AcceptsRemoteConfig | Caps.ReportsRemoteConfig;
    const { gw, agent, first } = await connected("ws-config", caps, { remote_config_status: {} });
    expect(first.remote_config).toBeUndefined(); // nothing to offer yet
    await fx.setBaseConfig("ws-config-base");
    const push = await agent.next(2_000);
    const file = push.remote_config.config.config_map[""];
    expect(file.content_type).toBe("text/yaml");
    expect(file.body.toString()).toContain("# ws-config-base for ws-config\n");
    const hash: Buffer = push.remote_config.config_hash;
    expect(hash.length).toBe(32);
    const status = await fx.api("GET", `/api/v1/gateways/${gw.id}/status`);
    expect(hash.toString("hex")).toBe(status.json.config.config_hash);

    const applying = await agent.request({
      capabilities: caps,
      remote_config_status: { last_remote_config_hash: hash, status: 2 },
    });
    expect(applying.remote_config).toBeUndefined();
    await agent.request({ capabilities: caps, remote_config_status: { last_remote_config_hash: hash, status: 1 } });
    const detail = await fx.gateway(gw.id);
    expect(detail.remote_config_status).toMatchObject({
      status: "APPLIED",
      last_remote_config_hash: hash.toString("hex"),
    });
    expect(detail.current_config_version).toBe(1);
    expect(await agent.silentFor(300)).toBe(true);

    await agent.request({
      capabilities: caps,
      remote_config_status: { last_remote_config_hash: hash, status: 3, error_message: "cannot bind 0.0.0.0:4318" },
    });
    expect((await fx.gateway(gw.id)).remote_config_status).toMatchObject({
      status: "FAILED",
      error_message: "cannot bind 0.0.0.0:4318",
    });
    agent.ws.close();

    // A reconnecting agent that reports an older hash gets the config in its first reply.
    const again = await TestAgent.connect(fx.wsUrl, gw.opamp_token, { uid: agent.uid, seq: agent.seq });
    const reply = await again.request({
      capabilities: caps,
      remote_config_status: { last_remote_config_hash: Buffer.alloc(32, 1), status: 1 },
    });
    expect(reply.remote_config.config_hash.equals(hash)).toBe(true);
    again.ws.close();
  });

  it("offers the heartbeat interval and own-telemetry destinations, and re-offers a changed interval within a second", async () => {
    const caps = Caps.ReportsStatus | Caps.ReportsHeartbeat | Caps.ReportsOwnMetrics | Caps.ReportsOwnLogs;
    const { gw, agent, first } = await connected("ws-offers", caps);
    const offers = first.connection_settings;
    const auth = [{ key: "Authorization", value: `Bearer ${gw.opamp_token}` }];
    expect(offers.hash.length).toBe(32);
    expect(offers.opamp).toMatchObject({
      destination_endpoint: fx.wsUrl,
      heartbeat_interval_seconds: "30",
      headers: { headers: auth },
    });
    expect(offers.own_metrics).toMatchObject({
      destination_endpoint: `${server.url}/api/v1/otlp/v1/metrics`,
      headers: { headers: auth },
    });
    expect(offers.own_logs).toMatchObject({
      destination_endpoint: `${server.url}/api/v1/otlp/v1/logs`,
      headers: { headers: auth },
    });
    expect((await agent.request({ capabilities: caps })).connection_settings).toBeUndefined();

    expect((await fx.api("PUT", "/api/v1/settings", { "opamp.heartbeat_interval_seconds": 10 })).status).toBe(200);
    const push = await agent.next(2_000);
    expect(push.connection_settings.opamp.heartbeat_interval_seconds).toBe("10");
    expect(push.connection_settings.own_metrics).toBeUndefined(); // unchanged destinations are not resent
    expect(push.connection_settings.hash.equals(offers.hash)).toBe(false);
    await fx.api("PUT", "/api/v1/settings", { "opamp.heartbeat_interval_seconds": null });
    agent.ws.close();

    const { agent: quiet, first: noHeartbeat } = await connected("ws-offers-none", Caps.ReportsStatus);
    expect(noHeartbeat.connection_settings).toBeUndefined();
    quiet.ws.close();
  });

  it("sends the Restart command alone to agents that accept it", async () => {
    const { gw, agent } = await connected("ws-restart", Caps.ReportsStatus | Caps.AcceptsRestartCommand);
    expect((await fx.api("POST", `/api/v1/gateways/${gw.id}/restart`)).status).toBe(202);
    const cmd = await agent.next(2_000);
    expect(cmd.command).toEqual({}); // type Restart (0): a present, empty sub-message
    expect(Object.keys(cmd).sort()).toEqual(["command", "instance_uid"]);
    agent.ws.close();

    const { gw: other, agent: refuses } = await connected("ws-restart-no", Caps.ReportsStatus);
    expect((await fx.api("POST", `/api/v1/gateways/${other.id}/restart`)).status).toBe(409);
    refuses.ws.close();
  });

  it("marks the gateway disconnected on AgentDisconnect and on a dropped socket, and resumes on reconnect", async () => {
    const caps = Caps.ReportsStatus | Caps.ReportsHeartbeat;
    const { gw, agent } = await connected("ws-disconnect", caps);
    await waitFor(async () => (await fx.gateway(gw.id)).connection_state === "connected", 2_000);
    expect(await fx.gateway(gw.id)).toMatchObject({ status: "active", transport: "websocket" });
    const bye = await agent.disconnect();
    expect(bye.error_response).toBeUndefined();
    expect((await agent.closed).code).toBe(1000);
    await waitFor(async () => (await fx.gateway(gw.id)).connection_state === "disconnected", 1_000);

    const again = await TestAgent.connect(fx.wsUrl, gw.opamp_token, { uid: agent.uid, seq: agent.seq });
    const reply = await again.request({ capabilities: caps }); // opamp-go style: no full state, sequence continued
    expect(big(reply.capabilities) & 0x1n).toBe(0x1n);
    expect(reply.flags).toBeUndefined();
    await waitFor(async () => (await fx.gateway(gw.id)).connection_state === "connected", 2_000);
    again.ws.terminate();
    await waitFor(async () => (await fx.gateway(gw.id)).connection_state === "disconnected", 1_000);
  });

  it("lets an agent that reconnects before its old socket closed continue its sequence, and closes the old socket", async () => {
    const caps = Caps.ReportsStatus | Caps.ReportsHeartbeat;
    const { gw, agent } = await connected("ws-overlap", caps);
    // Heartbeats: their sequence numbers reach the database only with the next batched write.
    for (let i = 0; i < 3; i++) expect((await agent.request({ capabilities: caps })).flags).toBeUndefined();
    const again = await TestAgent.connect(fx.wsUrl, gw.opamp_token, { uid: agent.uid, seq: agent.seq });
    const reply = await again.request({ capabilities: caps });
    expect(reply.flags).toBeUndefined(); // no ReportFullState: the server knows the agent from the open socket
    expect(big(reply.capabilities) & 0x1n).toBe(0x1n);
    expect((await agent.closed).code).toBe(4002); // Replaced
    expect((await again.request({ capabilities: caps })).flags).toBeUndefined();
    again.ws.close();
  });

  it("closes the live socket when the token is rotated; the old token is then refused", async () => {
    const { gw, agent } = await connected("ws-rotate", Caps.ReportsStatus);
    const rotated = await fx.api("POST", `/api/v1/gateways/${gw.id}/rotate-token`);
    expect(rotated.status).toBe(200);
    const closed = await agent.closed;
    expect(closed.code).toBe(4001);
    expect((await upgradeRefusal(fx.wsUrl, { authorization: `Bearer ${gw.opamp_token}` })).status).toBe(401);
    const renewed = await TestAgent.connect(fx.wsUrl, rotated.json.opamp_token, { uid: agent.uid, seq: agent.seq });
    expect((await renewed.request({ capabilities: Caps.ReportsStatus })).error_response).toBeUndefined();
    renewed.ws.close();
  });
});

const MIB = 1024 * 1024;

/** A collector config of about `bytes` bytes, distinct per `tag`. */
function bigConfig(tag: string, bytes: number): string {
  const block = (i: number) => `  filelog/${tag}-${i}:\n    include: [/var/log/${tag}-${i}/*.log]\n`;
  let out = "receivers:\n";
  for (let i = 0; out.length < bytes; i++) out += block(i);
  return out;
}

const Reports = Caps.ReportsStatus | Caps.ReportsEffectiveConfig | Caps.ReportsHealth;

// The server above runs on the documented defaults: 4 MiB per message, 1 MiB effective config, 256 KiB health.
describe("OpAMP size limits: message, effective config, component health", () => {
  it("closes a socket with 1009 for a message over the 4 MiB default; its neighbour keeps its session", async () => {
    const [hugeGw, calmGw] = await Promise.all([fx.registerGateway("cap-huge"), fx.registerGateway("cap-calm")]);
    const calm = await TestAgent.connect(fx.wsUrl, calmGw.opamp_token);
    const huge = await TestAgent.connect(fx.wsUrl, hugeGw.opamp_token);
    huge.sendFrame(Buffer.concat([Buffer.from([0x00]), Buffer.alloc(4 * MIB + 1, 0x01)]));
    expect((await huge.closed).code).toBe(1009);
    expect((await calm.request({ capabilities: Caps.ReportsStatus })).error_response).toBeUndefined();
    calm.ws.close();
  });

  it("stores an effective config up to 1 MiB whole; a bigger one only by its hash, with a note in its place", async () => {
    const gw = await fx.registerGateway("cap-config");
    const agent = await TestAgent.connect(fx.wsUrl, gw.opamp_token);
    const small = bigConfig("small", 900 * 1024);
    expect(
      (await agent.request({ capabilities: Reports, effective_config: effectiveConfig(small) })).error_response,
    ).toBeUndefined();
    const stored = await waitFor(async () => {
      const r = await fx.api("GET", `/api/v1/gateways/${gw.id}/config`);
      return r.json?.effective_config_yaml === small && r.json;
    }, 15_000);
    expect(stored.effective_config_hash).toBe(hashConfigMap([{ name: "", contentType: "text/yaml", body: small }]));

    const big = bigConfig("big", 3 * MIB);
    const bigHash = hashConfigMap([{ name: "", contentType: "text/yaml", body: big }]);
    expect(
      (await agent.request({ capabilities: Reports, effective_config: effectiveConfig(big) })).error_response,
    ).toBeUndefined();
    const capped = await waitFor(async () => {
      const r = await fx.api("GET", `/api/v1/gateways/${gw.id}/config`);
      return r.json?.effective_config_hash === bigHash && r.json;
    }, 15_000);
    expect(capped.effective_config_yaml).toBe(
      `# Not stored by FlowGate: this effective config is ${Buffer.byteLength(big)} bytes, over the 1048576-byte limit (FLOWGATE_OPAMP_MAX_EFFECTIVE_CONFIG_BYTES).\n`,
    );
    agent.ws.close();
  });

  it("stores a component health over 256 KiB as its top level, counts what it left out, and still judges health", async () => {
    const gw = await fx.registerGateway("cap-health");
    const agent = await TestAgent.connect(fx.wsUrl, gw.opamp_token);
    const pipelines = Object.fromEntries(
      Array.from({ length: 400 }, (_, p) => [
        `pipeline:logs/${p}`,
        {
          healthy: p !== 7,
          status: p === 7 ? "StatusRecoverableError" : "StatusOK",
          component_health_map: Object.fromEntries(
            Array.from({ length: 4 }, (_, c) => [
              `exporter:otlphttp/${p}-${c}`,
              { healthy: !(p === 7 && c === 0), status: "StatusOK", last_error: "x".repeat(120) },
            ]),
          ),
        },
      ]),
    );
    const health = { healthy: false, status: "StatusRecoverableError", component_health_map: pipelines };
    expect((await agent.request({ capabilities: Reports, health })).error_response).toBeUndefined();
    const g = await waitFor(async () => {
      const r = await fx.gateway(gw.id);
      return r.component_health?.omitted_components && r;
    }, 15_000);
    expect(g.component_health).toMatchObject({
      healthy: false,
      status: "StatusRecoverableError",
      component_health_map: {},
      omitted_components: 400 * 5,
    });
    expect(g.health).toMatchObject({ status: "unhealthy", health_reason: expect.stringContaining("otlphttp/7-0") });

    // A small report is stored whole again.
    const ok = { healthy: true, status: "StatusOK", component_health_map: { "pipeline:logs": { healthy: true } } };
    expect((await agent.request({ capabilities: Reports, health: ok })).error_response).toBeUndefined();
    const back = await waitFor(async () => {
      const r = await fx.gateway(gw.id);
      return r.component_health?.component_health_map?.["pipeline:logs"] && r;
    }, 15_000);
    expect(back.component_health.omitted_components).toBeUndefined();
    agent.ws.close();
  });
});
