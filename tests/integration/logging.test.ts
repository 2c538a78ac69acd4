import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_PASSWORD, startServer, type TestServer } from "../helpers/server";
import { Caps, TestAgent, upgradeRefusal } from "../helpers/opamp-ws-client";
import { opampFixture, waitFor } from "./opamp-fixtures";

type Line = Record<string, unknown> & { level: string; msg: string };

/** Next itself prints a line or two at start (`✓ Running next.config.mjs took 772ms`); everything else is JSON. */
const NEXT_OWN = /^[✓▲⚠○] /;

/** Every line the server wrote, each parsed as JSON (a line that is not JSON fails the test). */
const lines = (server: TestServer): Line[] =>
  server
    .logs()
    .split("\n")
    .filter((l) => l && !NEXT_OWN.test(l))
    .map((l) => JSON.parse(l) as Line);

/** Lines are written asynchronously: wait until one matches. */
const lineWhere = (server: TestServer, match: (l: Line) => boolean) => waitFor(async () => lines(server).find(match));

const listGateways = (server: TestServer, key: string, requestId?: string) =>
  fetch(`${server.url}/api/v1/gateways`, {
    headers: { authorization: `Bearer ${key}`, ...(requestId ? { "x-request-id": requestId } : {}) },
  });

describe("structured logs (LOG_LEVEL=info)", () => {
  let info: TestServer;
  let key: string;
  let opampToken: string;
  let gatewayId: string;

  beforeAll(async () => {
    info = await startServer({ env: { LOG_LEVEL: "info" } });
    key = (await info.adminKey()).key;
    const gw = await opampFixture(info).registerGateway("logging-ws");
    ({ opamp_token: opampToken, id: gatewayId } = gw);
  });
  afterAll(async () => {
    await info?.stop();
  });

  it("tags an HTTP request's lines with its x-request-id and echoes it", async () => {
    const ok = await listGateways(info, key, "test-req-1");
    expect(ok.status).toBe(200);
    expect(ok.headers.get("x-request-id")).toBe("test-req-1");
    const line = await lineWhere(info, (l) => l.req_id === "test-req-1");
    expect(line).toMatchObject({
      level: "info",
      component: "http",
      method: "GET",
      path: "/api/v1/gateways",
      status: 200,
    });

    const refused = await listGateways(info, `${key}x`, "test-req-2");
    expect(refused.status).toBe(401);
    expect(await lineWhere(info, (l) => l.req_id === "test-req-2")).toMatchObject({ status: 401 });
  });

  it("generates an id when the request has none or a strange one", async () => {
    const none = await listGateways(info, key);
    const strange = await listGateways(info, key, "x".repeat(200));
    const ids = [none.headers.get("x-request-id"), strange.headers.get("x-request-id")];
    for (const id of ids) expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(ids[0]).not.toBe(ids[1]);
    await lineWhere(info, (l) => l.req_id === ids[1]);
  });

  it("tags an OpAMP WebSocket's lines with its connection id, from connect to close", async () => {
    const agent = await TestAgent.connect(opampFixture(info).wsUrl, opampToken);
    expect((await agent.request({ capabilities: Caps.ReportsStatus })).error_response).toBeUndefined();
    agent.ws.close();
    const about = (l: Line) => l.component === "opamp" && l.msg.startsWith(`ws gateway=${gatewayId} `);
    const connected = await lineWhere(info, (l) => about(l) && l.msg.endsWith("connected"));
    const closed = await lineWhere(info, (l) => about(l) && l.msg.includes("closed"));
    expect(connected.conn_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(closed.conn_id).toBe(connected.conn_id);
  });

  it("never writes the API key, the OpAMP token or a password", async () => {
    await upgradeRefusal(opampFixture(info).wsUrl, { authorization: `Bearer ${opampToken}x` }); // a refused token is logged about
    await lineWhere(info, (l) => l.msg.includes("refused: Invalid OpAMP token"));
    const text = info.logs();
    for (const secret of [key, opampToken, ADMIN_PASSWORD]) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/Bearer /);
    expect(lines(info).length).toBeGreaterThan(5);
  });
});

describe("LOG_LEVEL=warn", () => {
  let warn: TestServer;
  beforeAll(async () => {
    warn = await startServer({ env: { LOG_LEVEL: "warn" } });
  });
  afterAll(async () => {
    await warn?.stop();
  });

  it("keeps warnings and drops info lines", async () => {
    const key = (await warn.adminKey()).key;
    expect((await listGateways(warn, key, "quiet-1")).status).toBe(200);
    const refused = await upgradeRefusal(opampFixture(warn).wsUrl, {
      authorization: "Bearer not-a-token",
      "x-request-id": "quiet-2",
    });
    expect(refused.status).toBe(401);
    expect(await lineWhere(warn, (l) => l.req_id === "quiet-2")).toMatchObject({ level: "warn", component: "opamp" });
    expect(lines(warn).filter((l) => l.level === "info" || l.level === "debug")).toEqual([]);
  });
});
