import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../helpers/server";
import { Caps, kv, TestAgent } from "../helpers/opamp-ws-client";
import { opampFixture, waitFor } from "./opamp-fixtures";
import { startReceiver } from "./alerts-receiver";

let server: TestServer;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let api: ReturnType<typeof opampFixture>["api"];
let fx: ReturnType<typeof opampFixture>;
const RETRY_BASE_MS = 1_000;

beforeAll(async () => {
  receiver = await startReceiver({ "/generic": 2 });
  server = await startServer({
    env: { FLOWGATE_ALERTS_TICK_MS: "200", FLOWGATE_ALERTS_RETRY_BASE_MS: String(RETRY_BASE_MS) },
  });
  fx = opampFixture(server);
  api = fx.api;
}, 120_000);
afterAll(async () => {
  await server?.stop();
  await receiver?.close();
});

async function channel(name: string, kind: "webhook" | "slack", path: string) {
  const r = await api("POST", "/api/v1/alerts/channels", { name, kind, url: receiver.url + path });
  expect(r.status).toBe(201);
  receiver.setSecret(path, r.json.secret);
  return r.json;
}

const CAPS = Caps.ReportsStatus | Caps.ReportsHeartbeat;
const hello = { capabilities: CAPS, agent_description: { identifying_attributes: [kv("service.name", "otelcol")] } };

describe("alert delivery through a real server", () => {
  it("answers the REST API with 400s, 404s and no secret after creation", async () => {
    expect(
      (await api("POST", "/api/v1/alerts/rules", { name: "x", kind: "gateway_down", params: { for_minutes: -1 } })).json
        .detail,
    ).toMatch(/for_minutes is at least 0/);
    expect((await api("POST", "/api/v1/alerts/channels", { name: "x", kind: "email", url: "http://x" })).status).toBe(
      400,
    );
    expect((await api("GET", `/api/v1/alerts/rules/${crypto.randomUUID()}`)).status).toBe(404);
    expect((await api("DELETE", `/api/v1/alerts/channels/${crypto.randomUUID()}`)).status).toBe(404);
    expect((await api("POST", `/api/v1/alerts/channels/nope/test`)).status).toBe(404);
  });

  it("sends a signed test notification on demand", async () => {
    const c = await channel("test-send", "webhook", "/test");
    const r = await api("POST", `/api/v1/alerts/channels/${c.id}/test`);
    expect(r).toMatchObject({ status: 200, json: { delivered: true, status: 200 } });
    const [got] = receiver.at("/test");
    expect(got.verified).toBe(true);
    expect(got.json).toMatchObject({ event: "firing", rule: { id: null, name: "Test notification" } });
    expect(JSON.stringify((await api("GET", "/api/v1/alerts/channels")).json)).not.toContain("fgwhsec_");
    expect((await api("DELETE", `/api/v1/alerts/channels/${c.id}`)).status).toBe(204);
  });

  it("fires when a gateway disconnects and resolves when it is back, retrying a failing webhook with backoff", async () => {
    await channel("generic", "webhook", "/generic");
    await channel("slack", "slack", "/slack");
    const rule = await api("POST", "/api/v1/alerts/rules", {
      name: "gateway down",
      kind: "gateway_down",
      params: { for_minutes: 0, health: ["offline"] },
    });
    expect(rule.status).toBe(201);
    const gw = await fx.registerGateway("alert-gw");
    const agent = await TestAgent.connect(fx.wsUrl, gw.opamp_token);
    await agent.request(hello);
    await agent.disconnect(); // the agent says goodbye: inactive, so offline

    const firing = await waitFor(
      async () => receiver.at("/generic").length >= 3 && receiver.at("/generic"),
      20_000,
      100,
    );
    expect(firing.map((r) => r.verified)).toEqual([true, true, true]);
    expect(firing.map((r) => r.body).every((b) => b === firing[0].body)).toBe(true);
    expect(firing[0].json).toMatchObject({
      event: "firing",
      rule: { id: rule.json.id, name: "gateway down", kind: "gateway_down" },
      subject: { id: `gateway:${gw.id}`, label: "alert-gw" },
    });
    // Backoff: base, then twice the base, between the three attempts.
    expect(firing[1].at - firing[0].at).toBeGreaterThanOrEqual(RETRY_BASE_MS);
    expect(firing[2].at - firing[1].at).toBeGreaterThanOrEqual(2 * RETRY_BASE_MS);
    const slack = await waitFor(async () => receiver.at("/slack")[0], 5_000);
    expect(slack.verified).toBe(true);
    expect(Object.keys(slack.json)).toEqual(["text"]);
    expect(slack.json.text).toMatch(/FIRING: gateway down \(alert-gw\)/);

    const list = (await api("GET", "/api/v1/alerts/notifications")).json.items;
    expect(list[0]).toMatchObject({ event: "firing", subject: { label: "alert-gw" } });
    expect(list[0].deliveries.find((d: { channel_name: string }) => d.channel_name === "generic")).toMatchObject({
      status: "delivered",
      attempts: 3,
      last_error: null,
    });

    const back = await TestAgent.connect(fx.wsUrl, gw.opamp_token, { uid: agent.uid, seq: agent.seq });
    await back.request(hello);
    const resolved = await waitFor(
      async () => receiver.at("/generic").find((r) => r.json.event === "resolved"),
      10_000,
      100,
    );
    expect(resolved).toMatchObject({
      verified: true,
      json: { event: "resolved", subject: { id: `gateway:${gw.id}` } },
    });
    await waitFor(async () => receiver.at("/slack").length >= 2, 5_000);
    expect(receiver.at("/slack")[1].json.text).toMatch(/RESOLVED: gateway down/);
    // Ticks go on: nothing more is sent.
    await new Promise((r) => setTimeout(r, 1_000));
    expect(receiver.at("/generic").map((r) => r.json.event)).toEqual(["firing", "firing", "firing", "resolved"]);
    expect(receiver.at("/slack")).toHaveLength(2);
    back.ws.close();
  }, 60_000);
});
