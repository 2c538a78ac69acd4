import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../helpers/server";
import { Caps, kv, TestAgent } from "../helpers/opamp-ws-client";
import { opampFixture } from "./opamp-fixtures";

let server: TestServer;
let fx: ReturnType<typeof opampFixture>;
beforeAll(async () => {
  server = await startServer();
  fx = opampFixture(server);
});
afterAll(async () => {
  await server?.stop();
});

const ACCEPTS_CONNECTION_SETTINGS_REQUEST = 0x40n;
// What opamp-go puts in every first message by default: a ConnectionSettingsRequest carrying a PEM CSR.
const csr = {
  opamp: {
    certificate_request: {
      csr: Buffer.from("-----BEGIN CERTIFICATE REQUEST-----\nMIIBfake\n-----END CERTIFICATE REQUEST-----\n"),
    },
  },
};

describe("OpAMP ConnectionSettingsRequest (CSR) over WebSocket", () => {
  it("answers a message carrying a CSR normally (capabilities, flags, config) and declines the CSR silently", async () => {
    await fx.setBaseConfig("csr-base");
    const gw = await fx.registerGateway("csr-agent");
    const agent = await TestAgent.connect(fx.wsUrl, gw.opamp_token);
    const caps = Caps.ReportsStatus | Caps.AcceptsRemoteConfig | Caps.ReportsRemoteConfig | Caps.ReportsHeartbeat;
    // A first message without agent_description: the server must ask for the full state in the same reply.
    const first = await agent.request({ capabilities: caps, connection_settings_request: csr });
    expect(first.error_response).toBeUndefined();
    expect(first.instance_uid.equals(agent.uid)).toBe(true);
    const serverCaps = BigInt(first.capabilities);
    expect(serverCaps & 0x1n).toBe(0x1n); // AcceptsStatus
    expect(serverCaps & ACCEPTS_CONNECTION_SETTINGS_REQUEST).toBe(0n); // not offered: the CSR is declined
    expect(BigInt(first.flags) & 0x1n).toBe(0x1n); // ReportFullState
    expect(first.remote_config.config.config_map[""].body.toString()).toContain("csr-base");
    expect(first.connection_settings?.opamp?.certificate).toBeUndefined();

    const full = await agent.request({
      capabilities: caps,
      agent_description: { identifying_attributes: [kv("service.name", "csr-agent")] },
      remote_config_status: { last_remote_config_hash: first.remote_config.config_hash, status: 1 },
      connection_settings_request: csr,
    });
    expect(full.error_response).toBeUndefined();
    expect(full.remote_config).toBeUndefined(); // applied: not sent again
    // The state it reported beside the CSR was stored.
    expect((await fx.gateway(gw.id)).remote_config_status).toMatchObject({
      last_remote_config_hash: first.remote_config.config_hash.toString("hex"),
    });
    expect(agent.protocolErrors).toEqual([]);
    agent.ws.close();
  });
});
