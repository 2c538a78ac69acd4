import net from "node:net";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../helpers/server";
import { Caps, TestAgent } from "../helpers/opamp-ws-client";
import { opampFixture, waitFor } from "./opamp-fixtures";

const MAX_PENDING = 3;
let server: TestServer;
let fx: ReturnType<typeof opampFixture>;
beforeAll(async () => {
  server = await startServer({ env: { FLOWGATE_OPAMP_MAX_PENDING_UPGRADES: String(MAX_PENDING) } });
  fx = opampFixture(server);
});
afterAll(async () => {
  await server?.stop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A WebSocket upgrade request for /v1/opamp, written by hand (RFC 6455 §4.1). */
function upgradeRequest(token: string): string {
  return [
    "GET /v1/opamp HTTP/1.1",
    `Host: localhost:${server.port}`,
    "Connection: Upgrade",
    "Upgrade: websocket",
    "Sec-WebSocket-Version: 13",
    `Sec-WebSocket-Key: ${randomBytes(16).toString("base64")}`,
    `Authorization: Bearer ${token}`,
    "",
    "",
  ].join("\r\n");
}

/**
 * A client whose handshake timed out: it sends the upgrade request and closes its socket, either before any answer
 * (the server finds it closed after the token check) or as the 101 arrives (too late: its timer already fired).
 */
function abandonedUpgrade(token: string, when: "before-answer" | "on-answer"): Promise<string> {
  return new Promise((resolve) => {
    let answer = "";
    const socket = net.connect(server.port, "127.0.0.1", () => {
      if (when === "before-answer") socket.end(upgradeRequest(token), () => socket.destroy());
      else socket.write(upgradeRequest(token));
    });
    socket.on("data", (d) => {
      answer += d.toString("latin1");
      socket.destroy();
    });
    socket.on("error", () => {});
    socket.on("close", () => resolve(answer));
  });
}

/** Sends an upgrade request on a raw socket and resolves with the server's whole answer once it closes. */
function rawUpgradeAnswer(token: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(server.port, "127.0.0.1", () => socket.write(upgradeRequest(token)));
    let answer = "";
    socket.on("data", (d) => (answer += d.toString("latin1")));
    socket.on("error", reject);
    socket.on("close", () => resolve(answer));
  });
}

const restartCaps = Caps.ReportsStatus | Caps.AcceptsRestartCommand;

async function liveAgent(instanceId: string) {
  const gw = await fx.registerGateway(instanceId);
  const agent = await TestAgent.connect(fx.wsUrl, gw.opamp_token);
  expect((await agent.request({ capabilities: restartCaps })).error_response).toBeUndefined();
  return { gw, agent };
}

async function expectStillLive(gw: { id: string }, agent: TestAgent) {
  expect(agent.ws.readyState).toBe(agent.ws.OPEN);
  expect((await fx.api("POST", `/api/v1/gateways/${gw.id}/restart`)).status).toBe(202);
  expect((await agent.next(3_000)).command).toEqual({}); // the hub still pushes to this connection
  expect((await agent.request({ capabilities: restartCaps })).error_response).toBeUndefined();
  expect((await fx.gateway(gw.id)).connection_state).toBe("connected");
}

describe("connect storms: stale sockets", () => {
  it("never lets an upgrade whose client already gave up replace the live connection of its gateway", async () => {
    const { gw, agent } = await liveAgent("storm-stale");
    // Abandoned handshakes, as opamp-go retries after its handshake timeout during a storm (one at a time, so
    // none is refused by the pending-handshake limit and each reaches the token check and the upgrade).
    for (let i = 0; i < 5; i++) {
      expect(await abandonedUpgrade(gw.opamp_token, "before-answer")).toBe("");
      expect(await abandonedUpgrade(gw.opamp_token, "on-answer")).toMatch(/^HTTP\/1\.1 101 /);
    }
    await sleep(500); // time for the server to finish authenticating and upgrading what it received
    expect(await Promise.race([agent.closed, sleep(200).then(() => "open")])).toBe("open"); // not 4002 Replaced
    await expectStillLive(gw, agent);
    agent.ws.close();
  });

  it("replaces the older connection only once the newer one sends its first AgentToServer", async () => {
    const { gw, agent: older } = await liveAgent("storm-newer");
    const newer = await TestAgent.connect(fx.wsUrl, gw.opamp_token, { uid: older.uid, seq: older.seq });
    await sleep(300);
    await expectStillLive(gw, older); // upgraded but silent: not yet proved alive
    expect((await newer.request({ capabilities: restartCaps })).error_response).toBeUndefined();
    expect((await older.closed).code).toBe(4002);
    expect((await fx.api("POST", `/api/v1/gateways/${gw.id}/restart`)).status).toBe(202);
    expect((await newer.next(3_000)).command).toEqual({});
    newer.ws.close();
  });

  it("closes a silent new connection whose token is rotated before its first message", async () => {
    const { gw, agent: older } = await liveAgent("storm-revoked");
    const newer = await TestAgent.connect(fx.wsUrl, gw.opamp_token, { uid: older.uid, seq: older.seq });
    expect((await fx.api("POST", `/api/v1/gateways/${gw.id}/rotate-token`)).status).toBe(200);
    expect((await newer.closed).code).toBe(4001);
    expect((await older.closed).code).toBe(4001);
  });
});

describe("connect storms: admission control", () => {
  it(`answers upgrades beyond ${MAX_PENDING} pending handshakes with 503 + Retry-After; the admitted ones work`, async () => {
    const gws = await Promise.all(
      Array.from({ length: MAX_PENDING + 1 }, (_, i) => fx.registerGateway(`storm-cap-${i}`)),
    );
    // Upgraded but silent: each holds a handshake slot until its first message.
    const admitted = await Promise.all(
      gws.slice(0, MAX_PENDING).map((g) => TestAgent.connect(fx.wsUrl, g.opamp_token)),
    );
    const answer = await rawUpgradeAnswer(gws[MAX_PENDING].opamp_token);
    expect(answer).toMatch(/^HTTP\/1\.1 503 /);
    const retryAfter = Number(/\r\nRetry-After: (\d+)\r\n/i.exec(answer)?.[1]);
    expect(retryAfter).toBeGreaterThanOrEqual(30); // the spec's minimum recommended retry interval
    expect(retryAfter).toBeLessThanOrEqual(45); // spread over half of it again
    for (const a of admitted)
      expect((await a.request({ capabilities: Caps.ReportsStatus })).error_response).toBeUndefined();
    // Their handshakes are complete: the refused agent gets in on its retry.
    const late = await waitFor(
      () => TestAgent.connect(fx.wsUrl, gws[MAX_PENDING].opamp_token).catch(() => null),
      3_000,
      100,
    );
    expect((await late.request({ capabilities: Caps.ReportsStatus })).error_response).toBeUndefined();
    for (const a of [...admitted, late]) a.ws.close();
  });

  it("frees the slot of a handshake whose client leaves without a first message", async () => {
    const gws = await Promise.all(
      Array.from({ length: MAX_PENDING }, (_, i) => fx.registerGateway(`storm-leave-${i}`)),
    );
    const silent = await Promise.all(gws.map((g) => TestAgent.connect(fx.wsUrl, g.opamp_token)));
    expect(await rawUpgradeAnswer(gws[0].opamp_token)).toMatch(/^HTTP\/1\.1 503 /);
    silent[0].ws.terminate();
    const again = await waitFor(() => TestAgent.connect(fx.wsUrl, gws[0].opamp_token).catch(() => null), 3_000, 100);
    expect((await again.request({ capabilities: Caps.ReportsStatus })).error_response).toBeUndefined();
    for (const a of [...silent, again]) a.ws.close();
  });
});
