import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../helpers/server";
import { Caps, decodeServerToAgent, encodeAgentToServer, kv, newUid, TestAgent } from "../helpers/opamp-ws-client";
import { opampFixture, waitFor } from "./opamp-fixtures";

// Text PostgreSQL cannot store (NUL, unpaired surrogates) is bad input: REST refuses it with a 400 naming the field,
// OpAMP stores display-only strings with U+FFFD instead. Neither may answer 500 or "retry later".
let server: TestServer;
let fx: ReturnType<typeof opampFixture>;

beforeAll(async () => {
  server = await startServer();
  fx = opampFixture(server);
});
afterAll(async () => {
  await server?.stop();
});

/** POSTs a JSON text as is (JSON.stringify escapes a lone surrogate as `\ud800`, which is what a client sends). */
async function postJson(path: string, body: unknown, token?: string) {
  const key = token ?? (await server.adminKey()).key;
  const res = await fetch(server.url + path, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

describe("REST: NUL and unpaired surrogates are a 400 naming the field", () => {
  it("refuses them in names, descriptions, hostnames, metadata and route annotations", async () => {
    const template = { name: "nul-template", content: "receivers: {}\n", description: "a\u0000b" };
    const rt = await postJson("/api/v1/registration-tokens", { name: "nul-rt" });
    expect(rt.status).toBe(201);
    const cases: Array<[string, unknown, string | undefined, string]> = [
      ["/api/v1/registration-tokens", { name: "x\u0000y" }, undefined, "name"],
      ["/api/v1/registration-tokens", { name: "\ud800" }, undefined, "name"],
      ["/api/v1/templates", template, undefined, "description"],
      ["/api/v1/gateways", { instance_id: "nul-gw", hostname: "h\u0000" }, rt.json.token, "hostname"],
      [
        "/api/v1/gateways",
        { instance_id: "nul-gw", metadata: { env: { deep: ["ok", "\u0000"] } } },
        rt.json.token,
        "metadata.env.deep.1",
      ],
      ["/api/v1/gateways", { instance_id: "nul-gw", metadata: { "k\u0000": 1 } }, rt.json.token, "metadata"],
      [
        "/api/v1/gateway/routes/register",
        { hostname: "a.example.com", cluster_uuid: "c1", annotations: { note: "\udfff" } },
        undefined,
        "annotations.note",
      ],
    ];
    for (const [path, body, token, field] of cases) {
      const r = await postJson(path, body, token);
      expect({ path, field, status: r.status }).toEqual({ path, field, status: 400 });
      expect(r.json.detail).toContain(`${field}:`);
    }
  });

  it("refuses them in query strings and path ids", async () => {
    const { key } = await server.adminKey();
    const headers = { authorization: `Bearer ${key}` };
    const list = await fetch(`${server.url}/api/v1/gateways?q=%00`, { headers });
    expect(list.status).toBe(400);
    expect((await list.json()).detail).toContain("q:");
    const agent = await fetch(`${server.url}/api/v1/supervisor/agents/a%00b`, { headers });
    expect(agent.status).toBe(400);
    expect(agent.headers.get("content-type")).toMatch(/application\/json/);
  });

  it("still accepts the same requests without the bad characters, and U+FFFD itself", async () => {
    const r = await postJson("/api/v1/registration-tokens", { name: "fine \ufffd \ud83d\ude00" });
    expect(r.status).toBe(201);
    expect(r.json.name).toBe("fine \ufffd \ud83d\ude00");
  });
});

// (An unpaired surrogate cannot arrive over OpAMP: it is not valid UTF-8, and the codec refuses the message.)
describe("OpAMP: display-only strings are stored with U+FFFD, capabilities are masked", () => {
  const hostile = (uid: Buffer, seq: number) => ({
    instance_uid: uid,
    sequence_num: seq,
    capabilities: "18446744073709551615", // 2^64 - 1
    agent_description: {
      identifying_attributes: [kv("service.name", "nul\u0000agent")],
      non_identifying_attributes: [kv("host.name", "host\u0000name"), kv("os.\u0000type", "\u0000")],
    },
    health: { healthy: false, last_error: "boom\u0000", component_health_map: { "p\u0000": { healthy: true } } },
  });

  it("over WebSocket: no error reply, the gateway shows the text with U+FFFD", async () => {
    const gw = await fx.registerGateway("nul-ws");
    const agent = await TestAgent.connect(fx.wsUrl, gw.opamp_token);
    const reply = await agent.request(hostile(agent.uid, agent.seq));
    expect(reply.error_response).toBeUndefined();
    const detail = await waitFor(async () => {
      const g = await fx.gateway(gw.id);
      return g.hostname ? g : null;
    });
    expect(detail.hostname).toBe("host\ufffdname");
    expect(JSON.stringify(detail)).not.toContain("\\u0000");
    expect(detail.capabilities_bits).toBe(0xffff); // the 16 bits the spec defines; the rest cannot be stored
    expect((await agent.request({ capabilities: Caps.ReportsStatus })).error_response).toBeUndefined();
    agent.ws.close();
  });

  it("over plain HTTP: 200 with a ServerToAgent, never 503", async () => {
    const gw = await fx.registerGateway("nul-http");
    const res = await fetch(fx.httpUrl, {
      method: "POST",
      headers: { authorization: `Bearer ${gw.opamp_token}`, "content-type": "application/x-protobuf" },
      body: new Uint8Array(encodeAgentToServer(hostile(newUid(), 1))),
    });
    expect(res.status).toBe(200);
    const reply = decodeServerToAgent(Buffer.from(await res.arrayBuffer()));
    expect(reply.error_response).toBeUndefined();
    expect((await fx.gateway(gw.id)).hostname).toBe("host\ufffdname");
  });

  it("logged no 5xx and no database error for any of it", () => {
    const lines = server.logs().split("\n").filter(Boolean);
    expect(lines.filter((l) => /"level":"(error|fatal)"/.test(l))).toEqual([]);
    expect(server.logs()).not.toContain("\u0000");
  });
});
