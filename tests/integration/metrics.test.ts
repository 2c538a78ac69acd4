import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../helpers/server";
import { Caps, TestAgent } from "../helpers/opamp-ws-client";
import { opampFixture, waitFor } from "./opamp-fixtures";

const TOKEN = "metrics-test-token";
let server: TestServer;
let fx: ReturnType<typeof opampFixture>;
let metricsPort = 0;

/** A port that was free a moment ago, for the separate metrics listener (it cannot report port 0 back). */
const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });

beforeAll(async () => {
  metricsPort = await freePort();
  server = await startServer({ env: { FLOWGATE_METRICS_TOKEN: TOKEN, FLOWGATE_METRICS_PORT: String(metricsPort) } });
  fx = opampFixture(server);
});
afterAll(async () => {
  await server?.stop();
});

const scrape = async () => {
  const res = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("text/plain");
  return res.text();
};
/** The value of one sample line, e.g. `flowgate_opamp_messages_total{transport="websocket",result="ok"}`. */
const sample = (text: string, series: string) => {
  const line = text.split("\n").find((l) => l.startsWith(series + " "));
  return line ? Number(line.slice(series.length + 1)) : undefined;
};

describe("/metrics", () => {
  it("is 404 on the main port without the token or with a wrong one", async () => {
    expect((await fetch(`${server.url}/metrics`)).status).toBe(404);
    expect((await fetch(`${server.url}/metrics`, { headers: { authorization: "Bearer nope" } })).status).toBe(404);
  });

  it("counts real OpAMP traffic, connections, fleet gauges, HTTP routes and route registrations, without ids in labels", async () => {
    const gw = await fx.registerGateway("metrics-agent");
    const agent = await TestAgent.connect(fx.wsUrl, gw.opamp_token);
    for (let i = 0; i < 3; i++) await agent.request({ capabilities: Caps.ReportsStatus });
    agent.sendFrame(Buffer.from([0x00, 0xff, 0xff, 0xff]));
    await agent.next();
    const reg = await fetch(`${server.url}/api/v1/gateway/routes/register`, {
      method: "POST",
      headers: { authorization: `Bearer ${gw.opamp_token}`, "content-type": "application/json" },
      body: JSON.stringify({
        hostname: "metrics.example.com",
        cluster_uuid: "metrics-cluster",
        namespace: "default",
        service_name: "svc",
        service_port: 8080,
        ingress_name: "ing",
        path: "/",
        path_type: "Prefix",
        tls: true,
        annotations: {},
        public_endpoint: "203.0.113.45:80",
        routing_mode: "direct",
      }),
    });
    expect(reg.status, await reg.clone().text()).toBe(200);
    await fetch(`${server.url}/api/v1/gateways/${gw.id}`, {
      headers: { authorization: `Bearer ${(await server.adminKey()).key}` },
    });

    const text = await waitFor(async () => {
      const t = await scrape();
      return (sample(t, 'flowgate_opamp_messages_total{transport="websocket",result="ok"}') ?? 0) >= 3 ? t : null;
    });
    expect(sample(text, 'flowgate_opamp_messages_total{transport="websocket",result="malformed"}')).toBe(1);
    expect(sample(text, 'flowgate_opamp_connections{transport="websocket"}')).toBe(1);
    expect(sample(text, 'flowgate_opamp_message_duration_seconds_count{transport="websocket"}')).toBe(3);
    expect(sample(text, 'flowgate_gateways{status="active",health="healthy"}')).toBe(1);
    expect(sample(text, 'gateway_route_registrations_total{status="created"}')).toBe(1);
    expect(text).toMatch(
      /flowgate_http_request_duration_seconds_count\{route="\/api\/v1\/gateways\/\[gatewayId\]",method="GET",status="200"\} 1/,
    );
    expect(text).toMatch(/flowgate_state_write_batch_size_count \d+/);
    expect(text).toContain("process_cpu_seconds_total");
    expect(text).not.toContain(gw.id);
    agent.ws.close();
  });

  it("is served open on FLOWGATE_METRICS_PORT, and nothing else there", async () => {
    const res = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("flowgate_opamp_connections");
    expect((await fetch(`http://127.0.0.1:${metricsPort}/api/health`)).status).toBe(404);
  });
});
