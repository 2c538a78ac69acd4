import { gzipSync } from "node:zlib";
import path from "node:path";
import protobuf from "protobufjs";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../helpers/server";
import { Caps, kv, TestAgent, type ServerToAgent } from "../helpers/opamp-ws-client";
import { opampFixture, waitFor } from "./opamp-fixtures";

let server: TestServer;
let fx: ReturnType<typeof opampFixture>;
beforeAll(async () => {
  server = await startServer();
  fx = opampFixture(server);
  await fx.setBaseConfig("capture-base");
});
afterAll(async () => {
  await server?.stop();
});

const root = new protobuf.Root();
root.resolvePath = (_o, target) => path.join(path.resolve(import.meta.dirname, "../../proto"), target);
root.loadSync("opentelemetry/proto/collector/logs/v1/logs_service.proto");
const ExportLogs = root.lookupType("opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest");

/** OTLP protobuf logs, as a collector's otlphttp exporter sends them. */
function logsProto(bodies: string[], attrs: Record<string, string> = {}): Buffer {
  const logRecords = bodies.map((b) => ({
    timeUnixNano: "1763900000000000000",
    severityText: "INFO",
    body: { stringValue: b },
    attributes: Object.entries(attrs).map(([key, v]) => ({ key, value: { stringValue: v } })),
  }));
  const msg = ExportLogs.fromObject({
    resourceLogs: [
      {
        resource: { attributes: [{ key: "service.name", value: { stringValue: "checkout" } }] },
        scopeLogs: [{ logRecords }],
      },
    ],
  });
  return Buffer.from(ExportLogs.encode(msg).finish());
}

const CAPS = Caps.ReportsStatus | Caps.AcceptsRemoteConfig | Caps.ReportsRemoteConfig;

/** A gateway whose agent is connected over WebSocket and has applied its base config. */
async function connectedAgent(instanceId: string, capabilities = CAPS) {
  const gw = await fx.registerGateway(instanceId);
  const agent = await TestAgent.connect(fx.wsUrl, gw.opamp_token);
  const first = await agent.request({
    capabilities,
    agent_description: {
      identifying_attributes: [kv("service.name", "otelcol-flowgate")],
      non_identifying_attributes: [kv("host.name", instanceId)],
    },
  });
  let hash: Buffer | undefined;
  if (first.remote_config) {
    hash = first.remote_config.config_hash;
    await agent.request({ capabilities, remote_config_status: { last_remote_config_hash: hash, status: 1 } });
  }
  return { gw, agent, baseHash: hash };
}

function pushedYaml(msg: ServerToAgent) {
  const body = msg.remote_config?.config?.config_map?.[""]?.body;
  if (!body) throw new Error("no RemoteConfig in the message");
  return { yaml: parse(body.toString()) as any, hash: msg.remote_config.config_hash as Buffer };
}

describe("live capture through a real server and a WebSocket OpAMP agent", () => {
  it("pushes the capture pipeline, stores the posted records as a redacted sample at the cap, then restores the config", async () => {
    const { gw, agent, baseHash } = await connectedAgent("capture-roundtrip");
    expect(baseHash).toBeDefined();
    const start = await fx.api("POST", `/api/v1/gateways/${gw.id}/capture`, {
      signal: "logs",
      max_records: 3,
      duration_seconds: 120,
    });
    expect(start.status).toBe(202);
    expect(start.json).toMatchObject({
      signal: "logs",
      status: "pending",
      record_count: 0,
      max_records: 3,
      sample_id: null,
    });
    const captureId = start.json.id;

    // The agent gets the capture pipeline: same receivers as its logs pipeline, otlphttp to FlowGate with a capture token.
    const { yaml, hash } = pushedYaml(await agent.next(5_000));
    expect(hash.equals(baseHash!)).toBe(false);
    expect(yaml.service.pipelines["logs/fg_capture"]).toEqual({
      receivers: ["otlp"],
      processors: [],
      exporters: ["otlphttp/fg_capture"],
    });
    expect(yaml.service.pipelines.logs).toEqual({ receivers: ["otlp"], exporters: ["debug"] });
    const exporter = yaml.exporters["otlphttp/fg_capture"];
    expect(exporter.endpoint).toBe(`${server.url}/api/v1/otlp/capture/${captureId}`);
    const authorization: string = exporter.headers.authorization;
    expect(authorization).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    expect(authorization).not.toContain(gw.opamp_token);
    await agent.request({ capabilities: CAPS, remote_config_status: { last_remote_config_hash: hash, status: 1 } });

    // As the collector would: OTLP protobuf to <endpoint>/v1/logs.
    const post = (body: Buffer, auth = authorization) =>
      fetch(`${exporter.endpoint}/v1/logs`, {
        method: "POST",
        headers: { "content-type": "application/x-protobuf", authorization: auth },
        body: new Uint8Array(body),
      });
    expect((await post(logsProto(["x"]), `Bearer ${gw.opamp_token}`)).status).toBe(401);
    const first = await post(
      logsProto(["user alice@example.com logged in at 10:15:30", "cart updated"], { "client.ip": "203.0.113.9" }),
    );
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toBe("application/x-protobuf");
    expect((await fx.api("GET", `/api/v1/captures/${captureId}`)).json).toMatchObject({
      status: "active",
      record_count: 2,
    });

    // Two more: one fills the cap, one is accepted and dropped; the capture closes into a sample.
    expect((await post(logsProto(["third", "fourth"]))).status).toBe(200);
    const done = (await fx.api("GET", `/api/v1/captures/${captureId}`)).json;
    expect(done).toMatchObject({ status: "completed", record_count: 3 });
    expect(done.sample_id).toMatch(/^[0-9a-f-]{36}$/);

    const sample = await fx.api("GET", `/api/v1/samples/${done.sample_id}`);
    expect(sample.json).toMatchObject({
      source: "capture",
      signal: "logs",
      gateway_id: gw.id,
      capture_id: captureId,
      record_count: 3,
    });
    const records = sample.json.payload.resourceLogs.flatMap((r: any) => r.scopeLogs.flatMap((s: any) => s.logRecords));
    expect(records.map((r: any) => r.body.stringValue)).toEqual([
      "user **** logged in at 10:15:30",
      "cart updated",
      "third",
    ]);
    expect(records[0].attributes).toEqual([{ key: "client.ip", value: { stringValue: "****" } }]);
    expect(records[0].timeUnixNano).toBe("1763900000000000000");

    // The config goes back to what it was, without the capture pipeline.
    const restored = pushedYaml(await agent.next(5_000));
    expect(restored.hash.equals(baseHash!)).toBe(true);
    expect(restored.yaml.service.pipelines["logs/fg_capture"]).toBeUndefined();
    expect(restored.yaml.exporters["otlphttp/fg_capture"]).toBeUndefined();

    // Late batches are answered 200 and dropped.
    expect((await post(logsProto(["late"]))).status).toBe(200);
    expect((await fx.api("GET", `/api/v1/captures/${captureId}`)).json.record_count).toBe(3);
    agent.ws.close();
  });

  it("closes at the window's end with what arrived (OTLP/JSON, gzip, sampler), and refuses a second capture meanwhile", async () => {
    const { gw, agent } = await connectedAgent("capture-window");
    const start = await fx.api("POST", `/api/v1/gateways/${gw.id}/capture`, {
      signal: "logs",
      duration_seconds: 10,
      sampling_percentage: 50,
    });
    expect(start.status).toBe(202);
    const { yaml, hash } = pushedYaml(await agent.next(5_000));
    // Like a real agent: apply it and say so (else the server rightly sees no need to push the old config back).
    await agent.request({ capabilities: CAPS, remote_config_status: { last_remote_config_hash: hash, status: 1 } });
    expect(yaml.processors["probabilistic_sampler/fg_capture"]).toEqual({
      sampling_percentage: 50,
      fail_closed: false,
    });
    expect(yaml.service.pipelines["logs/fg_capture"].processors).toEqual(["probabilistic_sampler/fg_capture"]);

    const again = await fx.api("POST", `/api/v1/gateways/${gw.id}/capture`, { signal: "logs" });
    expect(again.status).toBe(409);
    expect(again.json.detail).toMatch(/already running/);

    const exporter = yaml.exporters["otlphttp/fg_capture"];
    const json = {
      resourceLogs: [
        {
          scopeLogs: [
            {
              logRecords: [
                { body: { stringValue: "card 4111 1111 1111 1111 ok" }, traceId: "5b8efff798038103d269b633813fc60c" },
              ],
            },
          ],
        },
      ],
    };
    const res = await fetch(`${exporter.endpoint}/v1/logs`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "content-encoding": "gzip",
        authorization: exporter.headers.authorization,
      },
      body: new Uint8Array(gzipSync(JSON.stringify(json))),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({});

    const done = await waitFor(
      async () => {
        const c = (await fx.api("GET", `/api/v1/captures/${start.json.id}`)).json;
        return c.status === "completed" ? c : null;
      },
      20_000,
      250,
    );
    expect(done.record_count).toBe(1);
    const sample = await fx.api("GET", `/api/v1/samples/${done.sample_id}`);
    const record = sample.json.payload.resourceLogs[0].scopeLogs[0].logRecords[0];
    expect(record).toMatchObject({
      body: { stringValue: "card **** ok" },
      traceId: "5b8efff798038103d269b633813fc60c",
    });
    const restored = pushedYaml(await agent.next(5_000));
    expect(restored.yaml.service.pipelines["logs/fg_capture"]).toBeUndefined();
    agent.ws.close();
  });

  it("refuses an offline gateway, one without AcceptsRemoteConfig, and a signal the gateway has no pipeline for", async () => {
    const offline = await fx.registerGateway("capture-offline");
    const r1 = await fx.api("POST", `/api/v1/gateways/${offline.id}/capture`, { signal: "logs" });
    expect(r1.status).toBe(409);
    expect(r1.json.detail).toMatch(/is offline/);

    const { gw, agent } = await connectedAgent("capture-nocap", Caps.ReportsStatus | Caps.ReportsRemoteConfig);
    await waitFor(async () => (await fx.gateway(gw.id)).connection_state === "connected");
    const r2 = await fx.api("POST", `/api/v1/gateways/${gw.id}/capture`, { signal: "logs" });
    expect(r2.status).toBe(409);
    expect(r2.json.detail).toMatch(/AcceptsRemoteConfig/);
    agent.ws.close();

    const { gw: gw3, agent: agent3 } = await connectedAgent("capture-nometrics");
    const r3 = await fx.api("POST", `/api/v1/gateways/${gw3.id}/capture`, { signal: "metrics" });
    expect(r3.status).toBe(409);
    expect(r3.json.detail).toMatch(/no metrics pipeline/);
    const r4 = await fx.api("POST", `/api/v1/gateways/${gw3.id}/capture`, { signal: "logs", max_records: 5000 });
    expect(r4.status).toBe(400);
    expect((await fx.api("GET", `/api/v1/captures/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
    agent3.ws.close();
  });
});
