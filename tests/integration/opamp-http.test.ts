import diagnostics from "node:diagnostics_channel";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AgentCapabilities,
  createOpAMPClient,
  DIAG_CH_SEND_FAIL,
  RemoteConfigStatuses,
} from "@elastic/opamp-client-node";
import { startServer, type TestServer } from "../helpers/server";
import { Caps, decodeServerToAgent, encodeAgentToServer, newUid } from "../helpers/opamp-ws-client";
import { opampFixture, waitFor } from "./opamp-fixtures";

let server: TestServer;
let fx: ReturnType<typeof opampFixture>;
beforeAll(async () => {
  // Liveness never assumes polls slower than 1 s here, so the silence sweep is observable in seconds.
  server = await startServer({ env: { FLOWGATE_OPAMP_MIN_POLL_SECONDS: "1" } });
  fx = opampFixture(server);
});
afterAll(async () => {
  await server?.stop();
});

describe("OpAMP over plain HTTP", () => {
  it("serves @elastic/opamp-client-node: it appears as its gateway, gets the config, reports APPLIED, and the status API shows it", async () => {
    await fx.setBaseConfig("http-elastic-base");
    const gw = await fx.registerGateway("elastic-1");
    const failures: unknown[] = [];
    const onFail = (m: unknown) => failures.push(m);
    diagnostics.subscribe(DIAG_CH_SEND_FAIL, onFail);
    const configs: Array<{ configHash: Uint8Array; config?: { configMap: Record<string, { body: Uint8Array }> } }> = [];
    const client = createOpAMPClient({
      endpoint: fx.httpUrl,
      headers: { authorization: `Bearer ${gw.opamp_token}` },
      capabilities:
        BigInt(AgentCapabilities.AgentCapabilities_AcceptsRemoteConfig) |
        BigInt(AgentCapabilities.AgentCapabilities_ReportsRemoteConfig),
      heartbeatIntervalSeconds: 0.3,
      diagEnabled: true,
      onMessage: ({ remoteConfig }) => {
        if (!remoteConfig) return;
        configs.push(remoteConfig);
        client.setRemoteConfigStatus({
          lastRemoteConfigHash: remoteConfig.configHash,
          status: RemoteConfigStatuses.RemoteConfigStatuses_APPLIED,
        });
      },
    });
    client.setAgentDescription({
      identifyingAttributes: { "service.name": "checkout", "service.version": "4.2.0" },
      nonIdentifyingAttributes: { "host.name": "elastic-host", "os.type": "linux" },
    });
    client.start();
    try {
      const detail = await waitFor(async () => {
        const d = await fx.gateway(gw.id);
        return d.remote_config_status?.status === "APPLIED" ? d : null;
      }, 10_000);
      const status = (await fx.api("GET", `/api/v1/gateways/${gw.id}/status`)).json;
      expect(detail).toMatchObject({
        transport: "http",
        connection_state: "connected",
        hostname: "elastic-host",
        status: "active",
      });
      expect(status.version.agent_version).toBe("4.2.0");
      expect(status.version.capabilities).toEqual([
        "ReportsStatus",
        "AcceptsRemoteConfig",
        "ReportsRemoteConfig",
        "ReportsHeartbeat",
      ]);
      expect(status.health.status).toBe("healthy");
      expect(detail.remote_config_status.last_remote_config_hash).toBe(status.config.config_hash);
      expect(status.config.config_version).toBe(1);
      expect(Buffer.from(configs[0].config!.configMap[""].body).toString()).toContain(
        "# http-elastic-base for elastic-1",
      );
      await new Promise((r) => setTimeout(r, 1_000)); // a few more polls: the config is not sent again
      expect(configs).toHaveLength(1);
      expect(failures).toEqual([]);
    } finally {
      diagnostics.unsubscribe(DIAG_CH_SEND_FAIL, onFail);
      await client.shutdown();
    }
  });

  const poll = (token: string, fields: Record<string, unknown>) =>
    fetch(fx.httpUrl, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/x-protobuf" },
      body: new Uint8Array(encodeAgentToServer(fields)),
    }).then(async (r) => ({
      status: r.status,
      type: r.headers.get("content-type"),
      msg: decodeServerToAgent(Buffer.from(await r.arrayBuffer())),
    }));

  it("puts capabilities in every reply and delivers a queued Restart command alone on the next poll", async () => {
    const gw = await fx.registerGateway("http-restart");
    const uid = newUid();
    const caps = Caps.ReportsStatus | Caps.AcceptsRestartCommand;
    const first = await poll(gw.opamp_token, {
      instance_uid: uid,
      sequence_num: 1,
      capabilities: caps,
      agent_description: {},
    });
    expect(first).toMatchObject({ status: 200, type: "application/x-protobuf" });
    expect(BigInt(first.msg.capabilities)).toBe(0x27n);
    expect(
      BigInt((await poll(gw.opamp_token, { instance_uid: uid, sequence_num: 2, capabilities: caps })).msg.capabilities),
    ).toBe(0x27n);
    expect((await fx.api("POST", `/api/v1/gateways/${gw.id}/restart`)).status).toBe(202);
    let seq = 3;
    // The event reaches the hub over LISTEN/NOTIFY; the command rides on the first poll after that.
    const withCommand = await waitFor(async () => {
      const { msg } = await poll(gw.opamp_token, { instance_uid: uid, sequence_num: seq++, capabilities: caps });
      return msg.command ? msg : null;
    }, 2_000);
    expect(withCommand.command).toEqual({});
    expect(Object.keys(withCommand).sort()).toEqual(["capabilities", "command", "instance_uid"]);
    expect(
      (await poll(gw.opamp_token, { instance_uid: uid, sequence_num: seq++, capabilities: caps })).msg.command,
    ).toBeUndefined();
  });

  it("marks a silent HTTP agent disconnected after three polling intervals, and an AgentDisconnect at once", async () => {
    expect((await fx.api("PUT", "/api/v1/settings", { "opamp.heartbeat_interval_seconds": 1 })).status).toBe(200);
    try {
      const gw = await fx.registerGateway("http-silent");
      const uid = newUid();
      await poll(gw.opamp_token, {
        instance_uid: uid,
        sequence_num: 1,
        capabilities: Caps.ReportsStatus | Caps.ReportsHeartbeat,
        agent_description: {},
      });
      await waitFor(async () => (await fx.gateway(gw.id)).connection_state === "connected", 2_000);
      const silentSince = Date.now();
      await waitFor(async () => (await fx.gateway(gw.id)).connection_state === "disconnected", 12_000, 200);
      expect(Date.now() - silentSince).toBeGreaterThanOrEqual(2_500);
      expect((await fx.gateway(gw.id)).status).toBe("inactive");

      const other = await fx.registerGateway("http-goodbye");
      const uid2 = newUid();
      await poll(other.opamp_token, {
        instance_uid: uid2,
        sequence_num: 1,
        capabilities: Caps.ReportsStatus,
        agent_description: {},
      });
      const bye = await poll(other.opamp_token, {
        instance_uid: uid2,
        sequence_num: 2,
        capabilities: Caps.ReportsStatus,
        agent_disconnect: {},
      });
      expect(bye.msg.error_response).toBeUndefined();
      expect((await fx.gateway(other.id)).connection_state).toBe("disconnected");
    } finally {
      await fx.api("PUT", "/api/v1/settings", { "opamp.heartbeat_interval_seconds": null });
    }
  });
});
