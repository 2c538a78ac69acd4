import http from "node:http";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../helpers/server";
import { Caps, encodeAgentToServer, newUid, TestAgent, upgradeRefusal } from "../helpers/opamp-ws-client";
import { opampFixture, waitFor } from "./opamp-fixtures";

let server: TestServer;
let fx: ReturnType<typeof opampFixture>;
beforeAll(async () => {
  server = await startServer({
    env: {
      FLOWGATE_OPAMP_MAX_CONNECTIONS: "2",
      FLOWGATE_OPAMP_MAX_HTTP_INFLIGHT: "1",
      FLOWGATE_OPAMP_PING_SECONDS: "1",
    },
  });
  fx = opampFixture(server);
});
afterAll(async () => {
  await server?.stop();
});

describe("OpAMP throttling, keepalive and shutdown", () => {
  it("answers upgrades over the connection limit with 503 + Retry-After, and admits again once a connection leaves", async () => {
    const gws = await Promise.all(["limit-a", "limit-b", "limit-c"].map((id) => fx.registerGateway(id)));
    const a = await TestAgent.connect(fx.wsUrl, gws[0].opamp_token);
    const b = await TestAgent.connect(fx.wsUrl, gws[1].opamp_token);
    const refused = await upgradeRefusal(fx.wsUrl, { authorization: `Bearer ${gws[2].opamp_token}` });
    expect(refused.status).toBe(503);
    expect(refused.headers["retry-after"]).toBe("30");
    expect((await a.request({ capabilities: Caps.ReportsStatus })).error_response).toBeUndefined();
    a.ws.close();
    const c = await waitFor(() => TestAgent.connect(fx.wsUrl, gws[2].opamp_token).catch(() => null), 3_000, 100);
    expect((await c.request({ capabilities: Caps.ReportsStatus })).error_response).toBeUndefined();
    b.ws.close();
    c.ws.close();
  });

  it("answers HTTP requests beyond the in-flight limit with 503 + Retry-After", async () => {
    const gw = await fx.registerGateway("limit-http");
    const body = encodeAgentToServer({ instance_uid: newUid(), sequence_num: 1, capabilities: Caps.ReportsStatus });
    const headers = { authorization: `Bearer ${gw.opamp_token}`, "content-type": "application/x-protobuf" };
    // A request whose body is still arriving stays in flight.
    const slow = http.request(fx.httpUrl, {
      method: "POST",
      headers: { ...headers, "content-length": String(body.length) },
    });
    const slowDone = new Promise<number>((resolve) =>
      slow.on("response", (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      }),
    );
    slow.write(body.subarray(0, 5));
    await new Promise((r) => setTimeout(r, 300));
    const busy = await fetch(fx.httpUrl, { method: "POST", headers, body: new Uint8Array(body) });
    expect(busy.status).toBe(503);
    expect(busy.headers.get("retry-after")).toBe("30");
    slow.end(body.subarray(5));
    expect(await slowDone).toBe(200);
    expect((await fetch(fx.httpUrl, { method: "POST", headers, body: new Uint8Array(body) })).status).toBe(200);
  });

  it("pings every connection and terminates one that stops answering pongs; a live one stays", async () => {
    const [deadGw, liveGw] = await Promise.all([fx.registerGateway("ping-dead"), fx.registerGateway("ping-live")]);
    const dead = new WebSocket(fx.wsUrl, {
      headers: { authorization: `Bearer ${deadGw.opamp_token}` },
      autoPong: false,
    });
    const deadClosed = new Promise<number>((resolve) => dead.on("close", (code) => resolve(code)));
    const live = await TestAgent.connect(fx.wsUrl, liveGw.opamp_token);
    expect(await deadClosed).toBe(1006); // terminated without a close frame, after one unanswered ping round
    expect((await live.request({ capabilities: Caps.ReportsStatus })).error_response).toBeUndefined();
    expect(live.ws.readyState).toBe(WebSocket.OPEN);
    live.ws.close();
  });

  it("does not ping an agent that spoke within the round; once it falls silent and ignores the ping, it is terminated", async () => {
    const gw = await fx.registerGateway("ping-talker");
    const agent = await TestAgent.connect(fx.wsUrl, gw.opamp_token, { autoPong: false });
    let pings = 0;
    agent.ws.on("ping", () => pings++);
    const talkUntil = Date.now() + 3_500; // three and a half 1 s ping rounds
    while (Date.now() < talkUntil) {
      expect((await agent.request({ capabilities: Caps.ReportsStatus })).error_response).toBeUndefined();
      await new Promise((r) => setTimeout(r, 300));
    }
    expect(pings).toBe(0);
    expect(agent.ws.readyState).toBe(WebSocket.OPEN);
    expect((await agent.closed).code).toBe(1006); // silent: pinged, no pong, terminated
    expect(pings).toBeGreaterThan(0);
  });

  it("closes agent sockets with 1001 Going Away on shutdown", async () => {
    const gw = await fx.registerGateway("shutdown");
    const agent = await TestAgent.connect(fx.wsUrl, gw.opamp_token);
    await agent.request({ capabilities: Caps.ReportsStatus });
    await server.stop();
    expect((await agent.closed).code).toBe(1001);
  });
});
