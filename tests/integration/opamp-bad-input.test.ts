import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { decodeJwt, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../helpers/server";
import {
  Caps,
  decodeServerToAgent,
  encodeAgentToServer,
  kv,
  newUid,
  TestAgent,
  upgradeRefusal,
} from "../helpers/opamp-ws-client";
import { opampFixture } from "./opamp-fixtures";

const LIMIT = 64 * 1024;
let server: TestServer;
let fx: ReturnType<typeof opampFixture>;
let healthy: TestAgent;
const tokens: string[] = [];

async function agentFor(instanceId: string, opts: { uid?: Buffer } = {}) {
  const gw = await fx.registerGateway(instanceId);
  tokens.push(gw.opamp_token);
  const agent = await TestAgent.connect(fx.wsUrl, gw.opamp_token, opts);
  const first = await agent.request({
    capabilities: Caps.ReportsStatus,
    agent_description: { identifying_attributes: [kv("service.name", instanceId)] },
  });
  expect(first.error_response).toBeUndefined();
  return { gw, agent };
}

const validBytes = (agent: TestAgent) =>
  encodeAgentToServer({ instance_uid: agent.uid, sequence_num: agent.seq, capabilities: Caps.ReportsStatus });

beforeAll(async () => {
  server = await startServer({ env: { FLOWGATE_OPAMP_MAX_MESSAGE_BYTES: String(LIMIT) } });
  fx = opampFixture(server);
  ({ agent: healthy } = await agentFor("healthy-neighbour"));
});
afterAll(async () => {
  await server?.stop();
});

describe("bad input over WebSocket: the spec's answer or a clean close, never a disturbed neighbour", () => {
  it("answers garbage, truncated protobuf, a wrong header, a text frame and a bad uid with BAD_REQUEST and keeps the session", async () => {
    const { agent } = await agentFor("bad-frames");
    const inputs: Array<[Buffer, boolean, RegExp]> = [
      [Buffer.from([0x00, 0xff, 0xff, 0xff, 0xff]), true, /undecodable AgentToServer/],
      [Buffer.concat([Buffer.from([0x00]), validBytes(agent).subarray(0, 10)]), true, /undecodable AgentToServer/],
      [Buffer.concat([Buffer.from([0x05]), validBytes(agent)]), true, /unsupported OpAMP header value 5/],
      [Buffer.from("hello"), false, /text frame/],
    ];
    for (const [frame, binary, message] of inputs) {
      agent.sendFrame(frame, binary);
      const reply = await agent.next();
      expect(reply.error_response).toMatchObject({ type: 1, error_message: expect.stringMatching(message) });
      expect(reply.instance_uid.equals(agent.uid)).toBe(true);
      expect(reply.remote_config).toBeUndefined();
    }
    const badUid = await agent.request({ instance_uid: Buffer.alloc(8, 1), capabilities: Caps.ReportsStatus });
    expect(badUid.error_response).toMatchObject({ type: 1, error_message: "instance_uid must be 16 bytes, got 8" });
    expect(badUid.instance_uid.length).toBe(8); // echoed as received
    expect((await agent.request({ capabilities: Caps.ReportsStatus })).error_response).toBeUndefined();
    expect(agent.protocolErrors).toEqual([]);
    agent.ws.close();
  });

  it("closes with 1008 after repeated garbage and with 1009 over the size limit", async () => {
    const { agent: noisy } = await agentFor("bad-noisy");
    for (let i = 0; i < 5; i++) noisy.sendFrame(Buffer.from([0x00, 0xff, 0xff]));
    expect((await noisy.closed).code).toBe(1008);
    const { agent: huge } = await agentFor("bad-huge");
    huge.sendFrame(Buffer.concat([Buffer.from([0x00]), Buffer.alloc(LIMIT + 100, 0x01)]));
    expect((await huge.closed).code).toBe(1009);
  });

  it("refuses a missing, wrong or expired token with 401 before upgrading", async () => {
    const gw = await fx.registerGateway("bad-token");
    tokens.push(gw.opamp_token);
    expect((await upgradeRefusal(fx.wsUrl, {})).status).toBe(401);
    expect((await upgradeRefusal(fx.wsUrl, { authorization: "Bearer not-a-jwt" })).status).toBe(401);
    // The same claims, correctly signed with the server's key, but expired.
    const { opampJwtSecret } = JSON.parse(fs.readFileSync(path.join(server.dataDir, "secrets.json"), "utf8"));
    const claims = decodeJwt(gw.opamp_token);
    const expired = await new SignJWT({ org_id: claims.org_id, type: claims.type })
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .setSubject(claims.sub!)
      .setJti(claims.jti!)
      .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
      .sign(new TextEncoder().encode(opampJwtSecret));
    tokens.push(expired);
    const refused = await upgradeRefusal(fx.wsUrl, { authorization: `Bearer ${expired}` });
    expect(refused.status).toBe(401);
  });

  it("lets the newer of two connections claiming one uid keep the gateway and closes the older with 4002", async () => {
    const { gw, agent: older } = await agentFor("bad-twins");
    const newer = await TestAgent.connect(fx.wsUrl, gw.opamp_token, { uid: older.uid, seq: older.seq });
    // The newer one takes over with its first message (a silent socket may be a client that already gave up).
    expect((await newer.request({ capabilities: Caps.ReportsStatus })).error_response).toBeUndefined();
    expect((await older.closed).code).toBe(4002);
    newer.ws.close();
  });

  it("kept the healthy neighbour's session through all of it, and logged without secrets", async () => {
    const reply = await healthy.request({ capabilities: Caps.ReportsStatus });
    expect(reply.error_response).toBeUndefined();
    expect(reply.flags).toBeUndefined(); // its sequence was never broken
    expect(healthy.ws.readyState).toBe(healthy.ws.OPEN);
    const logs = server.logs();
    expect(logs).toMatch(/malformed message: undecodable AgentToServer/);
    expect(logs).toMatch(/refused: Invalid OpAMP token/);
    for (const t of tokens) expect(logs).not.toContain(t);
    expect(logs).not.toMatch(/Bearer /);
  });
});

describe("bad input over plain HTTP", () => {
  const post = (body: Buffer, headers: Record<string, string>) =>
    fetch(fx.httpUrl, { method: "POST", body: new Uint8Array(body), headers });

  it("answers 401, 415, 413 and 400 as docs/api/opamp.md lists, and BAD_REQUEST in a 200 for a bad uid", async () => {
    const gw = await fx.registerGateway("http-bad");
    tokens.push(gw.opamp_token);
    const auth = { authorization: `Bearer ${gw.opamp_token}`, "content-type": "application/x-protobuf" };
    const ok = encodeAgentToServer({ instance_uid: newUid(), sequence_num: 1, capabilities: Caps.ReportsStatus });
    const noAuth = await post(ok, { "content-type": "application/x-protobuf" });
    expect(noAuth.status).toBe(401);
    expect(await noAuth.json()).toEqual({ detail: "Invalid OpAMP token" });
    expect((await post(ok, { ...auth, "content-type": "application/json" })).status).toBe(415);
    expect((await post(Buffer.alloc(LIMIT + 1, 1), auth)).status).toBe(413);
    // A small gzip body that inflates beyond the limit is refused too (the limit counts after decompression).
    expect((await post(gzipSync(Buffer.alloc(LIMIT * 4)), { ...auth, "content-encoding": "gzip" })).status).toBe(413);
    const garbage = await post(Buffer.from([0xff, 0xff, 0xff]), auth);
    expect(garbage.status).toBe(400);
    expect((await garbage.arrayBuffer()).byteLength).toBe(0);
    const badUid = await post(
      encodeAgentToServer({ instance_uid: Buffer.alloc(3), sequence_num: 1, capabilities: 1 }),
      auth,
    );
    expect(badUid.status).toBe(200);
    expect(badUid.headers.get("content-type")).toBe("application/x-protobuf");
    expect(decodeServerToAgent(Buffer.from(await badUid.arrayBuffer())).error_response).toMatchObject({ type: 1 });
  });

  it("accepts gzip requests and gzips the reply only when Accept-Encoding allows it", async () => {
    const gw = await fx.registerGateway("http-gzip");
    const uid = newUid();
    const body = encodeAgentToServer({ instance_uid: uid, sequence_num: 0, capabilities: Caps.ReportsStatus });
    const headers = {
      authorization: `Bearer ${gw.opamp_token}`,
      "content-type": "application/x-protobuf",
      "content-encoding": "gzip",
    };
    const plain = await post(gzipSync(body), { ...headers, "accept-encoding": "identity" });
    expect(plain.status).toBe(200);
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(decodeServerToAgent(Buffer.from(await plain.arrayBuffer())).instance_uid.equals(uid)).toBe(true);
    // fetch un-gzips transparently; the header proves the server compressed.
    const zipped = await post(gzipSync(body), { ...headers, "accept-encoding": "gzip;q=1" });
    expect(zipped.headers.get("content-encoding")).toBe("gzip");
    expect(decodeServerToAgent(Buffer.from(await zipped.arrayBuffer())).instance_uid.equals(uid)).toBe(true);
  });
});
