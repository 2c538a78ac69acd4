import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashConfigMap } from "@/lib/config-distribution/config-map";
import { startServer, type TestServer } from "../helpers/server";
import { Caps, TestAgent } from "../helpers/opamp-ws-client";
import { opampFixture, waitFor } from "./opamp-fixtures";

const MIB = 1024 * 1024;
let server: TestServer;
let fx: ReturnType<typeof opampFixture>;
// The documented defaults, not overridden: 4 MiB per message, 1 MiB effective config, 256 KiB component health.
beforeAll(async () => {
  server = await startServer();
  fx = opampFixture(server);
});
afterAll(async () => {
  await server?.stop();
});

/** A collector config of about `bytes` bytes, distinct per `tag`. */
function bigConfig(tag: string, bytes: number): string {
  const block = (i: number) => `  filelog/${tag}-${i}:\n    include: [/var/log/${tag}-${i}/*.log]\n`;
  let out = "receivers:\n";
  for (let i = 0; out.length < bytes; i++) out += block(i);
  return out;
}

const effective = (body: string) => ({
  effective_config: { config_map: { config_map: { "": { body: Buffer.from(body), content_type: "text/yaml" } } } },
});
const Reports = Caps.ReportsStatus | Caps.ReportsEffectiveConfig | Caps.ReportsHealth;

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
    expect((await agent.request({ capabilities: Reports, ...effective(small) })).error_response).toBeUndefined();
    const stored = await waitFor(async () => {
      const r = await fx.api("GET", `/api/v1/gateways/${gw.id}/config`);
      return r.json?.effective_config_yaml === small && r.json;
    }, 15_000);
    expect(stored.effective_config_hash).toBe(hashConfigMap([{ name: "", contentType: "text/yaml", body: small }]));

    const big = bigConfig("big", 3 * MIB);
    const bigHash = hashConfigMap([{ name: "", contentType: "text/yaml", body: big }]);
    expect((await agent.request({ capabilities: Reports, ...effective(big) })).error_response).toBeUndefined();
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
