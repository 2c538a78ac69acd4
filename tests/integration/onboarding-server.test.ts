import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let admin: { key: string; org_id: string };
let viewerKey: string;
let other: { key: string; org_id: string };

type Json = Record<string, any>;

async function call(method: string, path: string, opts: { token?: string; body?: unknown; raw?: string } = {}) {
  const headers: Record<string, string> = {};
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined || opts.raw !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(server.url + path, {
    method,
    headers,
    body: opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as Json };
}

const registrationBody = (instance_id = "gateway-1") => ({
  name: "FlowGate Gateway",
  instance_id,
  hostname: "gateway.example.com",
  ip_address: "192.168.1.100",
  metadata: {
    version: "1.0.0",
    otel_version: "0.88.0",
    capabilities: ["AcceptsRemoteConfig", "ReportsEffectiveConfig"],
  },
});

async function newToken(body: Json = { name: "Gateway Registration", expires_in_days: 30 }) {
  const res = await call("POST", `/api/v1/registration-tokens?org_id=${admin.org_id}`, { token: admin.key, body });
  expect(res.status).toBe(201);
  return res.body as { id: string; token: string };
}

beforeAll(async () => {
  server = await startServer();
  admin = await server.adminKey();
  const v = await call("POST", `/api/v1/api-keys?org_id=${admin.org_id}`, {
    token: admin.key,
    body: { name: "viewer", role: "viewer" },
  });
  viewerKey = v.body.key;
  const org = await server.cli(["org", "create", "second-org", "--json"]);
  const key = await server.cli([
    "api-key",
    "create",
    "--org",
    "second-org",
    "--role",
    "owner",
    "--name",
    "second",
    "--json",
  ]);
  expect(org.code + key.code).toBe(0);
  other = JSON.parse(key.stdout);
}, 120_000);
afterAll(async () => {
  await server?.stop();
});

describe("Initial Gateway Onboarding, end to end as docs/api/gateways.md describes it", () => {
  it("token → register → heartbeat → the gateway is listed healthy", async () => {
    const created = await call("POST", `/api/v1/registration-tokens?org_id=${admin.org_id}`, {
      token: admin.key,
      body: { name: "Gateway Registration", expires_in_days: 30 },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: "Gateway Registration",
      max_uses: 1,
      token: expect.stringMatching(/^[A-Za-z0-9_-]{64}$/),
    });

    const reg = await call("POST", "/api/v1/gateways", { token: created.body.token, body: registrationBody() });
    expect(reg.status).toBe(201);
    expect(reg.body).toEqual({
      id: expect.any(String),
      name: "FlowGate Gateway",
      instance_id: "gateway-1",
      org_id: admin.org_id,
      status: "registered",
      opamp_token: expect.any(String),
      opamp_endpoint: `ws://localhost:${server.port}/api/v1/opamp/v1/opamp`,
      created_at: expect.any(String),
    });

    const beat = await call("POST", "/api/v1/opamp/heartbeat/gateway-1", { token: reg.body.opamp_token });
    expect(beat).toEqual({ status: 200, body: { status: "ok", gateway_id: reg.body.id } });

    const status = await call("GET", `/api/v1/gateways/${reg.body.id}/status?org_id=${admin.org_id}`, {
      token: admin.key,
    });
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({
      gateway_id: reg.body.id,
      instance_id: "gateway-1",
      name: "FlowGate Gateway",
      health: {
        status: "healthy",
        health_score: 100,
        seconds_since_last_seen: expect.any(Number),
        uptime_seconds: expect.any(Number),
        last_seen: expect.any(String),
      },
      version: {
        agent_version: "1.0.0",
        otel_version: "0.88.0",
        capabilities: ["AcceptsRemoteConfig", "ReportsEffectiveConfig"],
      },
      config: { config_yaml: null },
      metrics: { logs_processed: null },
    });

    const list = await call("GET", `/api/v1/gateways?org_id=${admin.org_id}`, { token: admin.key });
    expect(list.body).toMatchObject({
      total: 1,
      page: 1,
      limit: 50,
      items: [{ id: reg.body.id, status: "active", health: { status: "healthy", health_score: 100 } }],
    });
    const tokens = await call("GET", `/api/v1/registration-tokens?org_id=${admin.org_id}`, { token: admin.key });
    expect(tokens.body).toMatchObject({ total: expect.any(Number), page: 1, limit: 50 });
    expect(tokens.body.items.find((t: Json) => t.id === created.body.id)).toMatchObject({
      status: "used_up",
      use_count: 1,
    });
    expect(JSON.stringify(tokens.body)).not.toContain(created.body.token);

    for (const part of ["health", "version", "metrics"]) {
      const res = await call("GET", `/api/v1/gateways/${reg.body.id}/${part}`, { token: admin.key });
      expect(res.body, part).toEqual(
        part === "health"
          ? { ...status.body.health, seconds_since_last_seen: expect.any(Number), uptime_seconds: expect.any(Number) }
          : status.body[part],
      );
    }
    const detail = await call("GET", `/api/v1/gateways/${reg.body.id}`, { token: admin.key });
    expect(detail.body).toMatchObject({
      id: reg.body.id,
      ip_address: "192.168.1.100",
      hostname: "gateway.example.com",
      tags: [],
    });
    const config = await call("GET", `/api/v1/gateways/${reg.body.id}/config`, { token: admin.key });
    expect(config).toEqual({ status: 404, body: { detail: "Gateway not found or no active config" } });
    const legacy = await call("GET", "/api/v1/opamp/config/gateway-1", { token: reg.body.opamp_token });
    expect(legacy).toEqual({ status: 404, body: { detail: "Gateway not found or no active config" } });
  });

  it("re-registering the same instance_id updates the gateway instead of duplicating it", async () => {
    const t = await newToken();
    const reg = await call("POST", "/api/v1/gateways", {
      token: t.token,
      body: { ...registrationBody(), name: "Renamed" },
    });
    expect(reg.status).toBe(201);
    const list = await call("GET", `/api/v1/gateways?org_id=${admin.org_id}&q=gateway-1`, { token: admin.key });
    expect(list.body.total).toBe(1);
    expect(list.body.items[0]).toMatchObject({ id: reg.body.id, name: "Renamed" });
  });

  it("lets only one of two simultaneous registrations use a single-use token", async () => {
    const t = await newToken();
    const [a, b] = await Promise.all([
      call("POST", "/api/v1/gateways", { token: t.token, body: registrationBody("race-a") }),
      call("POST", "/api/v1/gateways", { token: t.token, body: registrationBody("race-b") }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 401]);
    expect([a, b].find((r) => r.status === 401)!.body).toEqual({ detail: "Invalid or expired registration token" });
    const list = await call("GET", `/api/v1/gateways?org_id=${admin.org_id}&q=race-`, { token: admin.key });
    expect(list.body.total).toBe(1);
  });
});

describe("token lifecycle over HTTP", () => {
  it("rotate-token revokes the old OpAMP token; restart-registration re-issues one; delete removes the gateway", async () => {
    const t = await newToken({ name: "multi", expires_in_days: 1, max_uses: null });
    const reg = (await call("POST", "/api/v1/gateways", { token: t.token, body: registrationBody("life-1") })).body;
    const rotated = await call("POST", `/api/v1/gateways/${reg.id}/rotate-token?org_id=${admin.org_id}`, {
      token: admin.key,
    });
    expect(rotated.status).toBe(200);
    expect(rotated.body).toMatchObject({ gateway_id: reg.id, opamp_token: expect.any(String) });
    expect(await call("POST", "/api/v1/opamp/heartbeat/life-1", { token: reg.opamp_token })).toEqual({
      status: 401,
      body: { detail: "Invalid OpAMP token" },
    });
    expect((await call("POST", "/api/v1/opamp/heartbeat/life-1", { token: rotated.body.opamp_token })).status).toBe(
      200,
    );

    const restarted = await call("POST", `/api/v1/gateways/${reg.id}/restart-registration?org_id=${admin.org_id}`, {
      token: t.token,
    });
    expect(restarted.status).toBe(200);
    expect(restarted.body).toMatchObject({ id: reg.id, instance_id: "life-1", opamp_token: expect.any(String) });
    expect((await call("POST", "/api/v1/opamp/heartbeat/life-1", { token: rotated.body.opamp_token })).status).toBe(
      401,
    );
    expect(
      await call("POST", `/api/v1/gateways/${reg.id}/restart-registration?org_id=${other.org_id}`, { token: t.token }),
    ).toEqual({ status: 404, body: { detail: "Gateway not found" } });
    expect(await call("POST", `/api/v1/gateways/${reg.id}/restart-registration`, { token: "bad" })).toEqual({
      status: 401,
      body: { detail: "Invalid or expired registration token" },
    });

    expect(await call("POST", `/api/v1/gateways/${reg.id}/restart`, { token: admin.key })).toEqual({
      status: 409,
      body: { detail: "Agent does not accept restart commands" },
    });
    expect(
      (await call("DELETE", `/api/v1/gateways/${reg.id}?org_id=${admin.org_id}`, { token: admin.key })).status,
    ).toBe(204);
    expect(await call("POST", "/api/v1/opamp/heartbeat/life-1", { token: restarted.body.opamp_token })).toEqual({
      status: 401,
      body: { detail: "Invalid OpAMP token" },
    });
    expect(await call("GET", `/api/v1/gateways/${reg.id}`, { token: admin.key })).toEqual({
      status: 404,
      body: { detail: "Gateway not found" },
    });
    expect((await call("DELETE", `/api/v1/gateways/${reg.id}`, { token: admin.key })).status).toBe(404);
  });

  it("revokes registration tokens", async () => {
    const t = await newToken();
    expect((await call("DELETE", `/api/v1/registration-tokens/${t.id}`, { token: admin.key })).status).toBe(204);
    expect(await call("POST", "/api/v1/gateways", { token: t.token, body: registrationBody("revoked") })).toEqual({
      status: 401,
      body: { detail: "Invalid or expired registration token" },
    });
    expect(await call("DELETE", `/api/v1/registration-tokens/${t.id}`, { token: admin.key })).toEqual({
      status: 404,
      body: { detail: "Registration token not found" },
    });
    expect(await call("DELETE", "/api/v1/registration-tokens/not-a-uuid", { token: admin.key })).toEqual({
      status: 404,
      body: { detail: "Registration token not found" },
    });
    const page = await call("GET", "/api/v1/registration-tokens?limit=1&page=2", { token: admin.key });
    expect(page.body).toMatchObject({
      page: 2,
      limit: 1,
      items: [expect.objectContaining({ id: expect.any(String) })],
    });
    expect(page.body.total).toBeGreaterThanOrEqual(2);
    expect((await call("GET", "/api/v1/registration-tokens?limit=201", { token: admin.key })).status).toBe(400);
  });
});

describe("tags over HTTP", () => {
  it("replaces, bulk-edits, counts and filters by tags", async () => {
    const t = await newToken({ name: "tags", max_uses: null });
    const g1 = (await call("POST", "/api/v1/gateways", { token: t.token, body: registrationBody("tag-a") })).body;
    const g2 = (await call("POST", "/api/v1/gateways", { token: t.token, body: registrationBody("tag-b") })).body;
    const put = await call("PUT", `/api/v1/gateways/${g1.id}/tags`, {
      token: admin.key,
      body: { tags: { env: "prod", region: "eu" } },
    });
    expect(put).toEqual({
      status: 200,
      body: {
        gateway_id: g1.id,
        tags: [
          { key: "env", value: "prod" },
          { key: "region", value: "eu" },
        ],
      },
    });
    expect(
      await call("POST", "/api/v1/agent-tags", {
        token: admin.key,
        body: { gateway_ids: [g1.id, g2.id], tags: { team: "obs" } },
      }),
    ).toEqual({ status: 200, body: { updated: 2 } });
    expect(
      await call("DELETE", "/api/v1/agent-tags", {
        token: admin.key,
        body: { gateway_ids: [g1.id], keys: ["region"] },
      }),
    ).toEqual({ status: 200, body: { updated: 1 } });
    expect((await call("GET", `/api/v1/agent-tags?org_id=${admin.org_id}`, { token: admin.key })).body).toEqual({
      items: [
        { key: "env", value: "prod", count: 1 },
        { key: "team", value: "obs", count: 2 },
      ],
      total: 2,
      page: 1,
      limit: 500,
    });
    expect((await call("GET", "/api/v1/agent-tags?limit=1&page=2", { token: admin.key })).body).toEqual({
      items: [{ key: "team", value: "obs", count: 2 }],
      total: 2,
      page: 2,
      limit: 1,
    });
    const filtered = await call(
      "GET",
      `/api/v1/gateways?tag=${encodeURIComponent("team=obs")}&sort=instance_id&order=desc`,
      { token: admin.key },
    );
    expect(filtered.body.items.map((i: Json) => i.instance_id)).toEqual(["tag-b", "tag-a"]);
    expect(
      (await call("PUT", `/api/v1/gateways/${g1.id}/tags`, { token: admin.key, body: { tags: { "bad key": "x" } } }))
        .status,
    ).toBe(400);
    expect((await call("GET", `/api/v1/gateways?org_id=${other.org_id}`, { token: other.key })).body.total).toBe(0);
  });
});

describe("bad input and other callers", () => {
  it("answers registration errors with the notes' status and message, never a 500", async () => {
    const invalid = { status: 401, body: { detail: "Invalid or expired registration token" } };
    expect(await call("POST", "/api/v1/gateways", { body: registrationBody("x") })).toEqual(invalid);
    expect(await call("POST", "/api/v1/gateways", { token: "x".repeat(64), body: registrationBody("x") })).toEqual(
      invalid,
    );
    expect(await call("POST", "/api/v1/gateways", { token: admin.key, body: registrationBody("x") })).toEqual(invalid);
    expect(await call("POST", "/api/v1/gateways", { token: "bad", raw: "{not json" })).toEqual(invalid);
    const t = await newToken();
    expect(await call("POST", "/api/v1/gateways", { token: t.token, raw: "{not json" })).toEqual({
      status: 400,
      body: { detail: "Request body is not valid JSON" },
    });
    expect(
      (
        await call("POST", "/api/v1/gateways", {
          token: t.token,
          raw: JSON.stringify({ ...registrationBody("big"), metadata: { blob: "x".repeat(70_000) } }),
        })
      ).status,
    ).toBe(413);
    const bad = await call("POST", "/api/v1/gateways", { token: t.token, body: { instance_id: "has space" } });
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toMatch(/^instance_id: /);
    // None of that used the token up.
    expect(
      (await call("POST", "/api/v1/gateways", { token: t.token, body: registrationBody("after-errors") })).status,
    ).toBe(201);
  });

  it("answers heartbeat and status errors with the notes' messages", async () => {
    const t = await newToken();
    const reg = (await call("POST", "/api/v1/gateways", { token: t.token, body: registrationBody("hb-x") })).body;
    expect(await call("POST", "/api/v1/opamp/heartbeat/gateway-1", { token: reg.opamp_token })).toEqual({
      status: 403,
      body: { detail: "Instance ID does not match token" },
    });
    expect(await call("POST", "/api/v1/opamp/heartbeat/hb-x", {})).toEqual({
      status: 401,
      body: { detail: "Invalid OpAMP token" },
    });
    expect(await call("POST", "/api/v1/opamp/heartbeat/hb-x", { token: admin.key })).toEqual({
      status: 401,
      body: { detail: "Invalid OpAMP token" },
    });
    expect(await call("GET", "/api/v1/opamp/config/hb-x", { token: "nope" })).toEqual({
      status: 401,
      body: { detail: "Invalid OpAMP token" },
    });
    expect((await call("POST", "/api/v1/opamp/heartbeat/hb-x", { token: reg.opamp_token, raw: "{oops" })).status).toBe(
      400,
    );
    expect(
      (
        await call("POST", "/api/v1/opamp/heartbeat/hb-x", {
          token: reg.opamp_token,
          body: { metrics: { errors: "many" } },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await call("POST", "/api/v1/opamp/heartbeat/hb-x", {
          token: reg.opamp_token,
          raw: JSON.stringify({ pad: "x".repeat(20_000) }),
        })
      ).status,
    ).toBe(413);
    expect(
      await call("POST", "/api/v1/opamp/heartbeat/hb-x", {
        token: reg.opamp_token,
        body: { current_config_version: 2, metrics: { logs_processed: 5, errors: 0, latency_ms: 1.5 } },
      }),
    ).toEqual({ status: 200, body: { status: "ok", gateway_id: reg.id } });
    expect((await call("GET", `/api/v1/gateways/${reg.id}/metrics`, { token: admin.key })).body).toMatchObject({
      logs_processed: 5,
      errors: 0,
      latency_ms: 1.5,
    });
    expect(await call("GET", "/api/v1/gateways/not-a-uuid/status", { token: admin.key })).toEqual({
      status: 404,
      body: { detail: "Gateway not found" },
    });
    expect((await call("GET", "/api/v1/gateways?health=great", { token: admin.key })).status).toBe(400);
    expect((await call("GET", "/api/v1/gateways?limit=1000", { token: admin.key })).status).toBe(400);
    expect((await call("GET", "/api/v1/gateways")).status).toBe(401);
  });

  it("hides one org's gateways from another org's key (404), and refuses foreign org_ids (403)", async () => {
    const list = (await call("GET", `/api/v1/gateways?org_id=${admin.org_id}&limit=1`, { token: admin.key })).body;
    const id = list.items[0].id;
    for (const [m, p] of [
      ["GET", ""],
      ["GET", "/status"],
      ["GET", "/health"],
      ["DELETE", ""],
      ["POST", "/rotate-token"],
      ["POST", "/restart"],
    ]) {
      expect(await call(m, `/api/v1/gateways/${id}${p}`, { token: other.key }), `${m} ${p}`).toEqual({
        status: 404,
        body: { detail: "Gateway not found" },
      });
    }
    expect(
      (await call("PUT", `/api/v1/gateways/${id}/tags`, { token: other.key, body: { tags: { a: "b" } } })).status,
    ).toBe(404);
    expect(
      (await call("POST", "/api/v1/agent-tags", { token: other.key, body: { gateway_ids: [id], tags: { a: "b" } } }))
        .status,
    ).toBe(404);
    expect((await call("GET", `/api/v1/gateways?org_id=${admin.org_id}`, { token: other.key })).status).toBe(403);
    expect((await call("GET", `/api/v1/gateways/${id}?org_id=${admin.org_id}`, { token: admin.key })).status).toBe(200);
  });

  it("refuses a viewer key on every write", async () => {
    const id = (await call("GET", "/api/v1/gateways?limit=1", { token: admin.key })).body.items[0].id;
    const writes: [string, string, unknown?][] = [
      ["POST", "/api/v1/registration-tokens", { name: "v" }],
      ["DELETE", `/api/v1/registration-tokens/${(await newToken()).id}`],
      ["DELETE", `/api/v1/gateways/${id}`],
      ["POST", `/api/v1/gateways/${id}/rotate-token`],
      ["POST", `/api/v1/gateways/${id}/restart`],
      ["PUT", `/api/v1/gateways/${id}/tags`, { tags: { a: "b" } }],
      ["POST", "/api/v1/agent-tags", { gateway_ids: [id], tags: { a: "b" } }],
      ["DELETE", "/api/v1/agent-tags", { gateway_ids: [id], keys: ["a"] }],
    ];
    for (const [m, p, body] of writes) {
      const res = await call(m, p, { token: viewerKey, body });
      expect(res.status, `${m} ${p}`).toBe(403);
      expect(res.body.detail).toMatch(/requires the (admin|operator) role/);
    }
    expect((await call("GET", `/api/v1/gateways/${id}`, { token: viewerKey })).status).toBe(200);
    expect((await call("GET", "/api/v1/registration-tokens", { token: viewerKey })).status).toBe(200);
  });
});
