import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../helpers/server";
import { collectorConfig } from "./opamp-fixtures";

let server: TestServer;
let owner: string;
let viewer: string;
let otherOwner: string;
let otherGateway: { id: string; opamp_token: string };
const fleet: { id: string; opamp_token: string; instance_id: string }[] = [];
const N = 220;

async function api(method: string, path: string, body?: unknown, token = owner) {
  const res = await fetch(server.url + path, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body !== undefined ? { "content-type": "application/json" } : {}),
    },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}
const bulk = (body: Record<string, unknown>, token = owner) => api("POST", "/api/v1/gateways/bulk", body, token);

async function registerMany(token: string, prefix: string, n: number) {
  const rt = await api("POST", "/api/v1/registration-tokens", { name: prefix, max_uses: n }, token);
  expect(rt.status).toBe(201);
  const out: { id: string; opamp_token: string; instance_id: string }[] = [];
  for (let i = 0; i < n; i += 20) {
    const chunk = await Promise.all(
      Array.from({ length: Math.min(20, n - i) }, (_, j) => {
        const instance_id = `${prefix}-${String(i + j).padStart(4, "0")}`;
        return api("POST", "/api/v1/gateways", { instance_id, name: instance_id }, rt.json.token).then((r) => {
          expect(r.status).toBe(201);
          return { ...r.json, instance_id };
        });
      }),
    );
    out.push(...chunk);
  }
  return out;
}

const tagsOf = async (id: string, token = owner) =>
  (await api("GET", `/api/v1/gateways/${id}`, undefined, token)).json.tags;
const total = async (query: string) => (await api("GET", `/api/v1/gateways?${query}`)).json.total;

beforeAll(async () => {
  server = await startServer();
  owner = (await server.adminKey()).key;
  viewer = (await api("POST", "/api/v1/api-keys", { name: "viewer", role: "viewer" })).json.key;
  const org = await server.cli(["org", "create", "bulk-other", "--json"]);
  const key = await server.cli([
    "api-key",
    "create",
    "--org",
    "bulk-other",
    "--role",
    "owner",
    "--name",
    "o",
    "--json",
  ]);
  expect(org.code + key.code).toBe(0);
  otherOwner = JSON.parse(key.stdout).key;
  [otherGateway] = await registerMany(otherOwner, "bulk", 1);
  expect(
    (await api("PUT", `/api/v1/gateways/${otherGateway.id}/tags`, { tags: { wave: "1" } }, otherOwner)).status,
  ).toBe(200);
  fleet.push(...(await registerMany(owner, "bulk", N)));
}, 240_000);
afterAll(async () => {
  await server?.stop();
});

describe("POST /api/v1/gateways/bulk (real server)", () => {
  it("refuses a viewer for every action and changes nothing", async () => {
    const ids = fleet.slice(0, 3).map((g) => g.id);
    for (const body of [
      { action: "add_tags", tags: { wave: "1" } },
      { action: "remove_tags", keys: ["wave"] },
      { action: "deploy", template_id: "00000000-0000-4000-8000-000000000000" },
      { action: "restart" },
      { action: "rotate_token" },
      { action: "delete" },
    ]) {
      const r = await bulk({ ...body, gateway_ids: ids }, viewer);
      expect([r.status, r.json.detail], body.action).toEqual([
        403,
        expect.stringMatching(/requires the operator role/),
      ]);
    }
    expect(await total("q=bulk-")).toBe(N);
    expect(await tagsOf(ids[0])).toEqual([]);
  });

  it("refuses a request that names both or neither selection", async () => {
    const both = await bulk({ action: "restart", gateway_ids: [fleet[0].id], filter: { q: "bulk" } });
    expect([both.status, both.json.detail]).toEqual([
      400,
      expect.stringMatching(/exactly one of gateway_ids or filter/),
    ]);
    expect((await bulk({ action: "restart" })).status).toBe(400);
    expect((await bulk({ action: "explode", gateway_ids: [fleet[0].id] })).status).toBe(400);
  });

  it("adds tags to all N matching a filter, in one request, leaving another org's gateway alone", async () => {
    const r = await bulk({ action: "add_tags", filter: { q: "bulk-" }, tags: { wave: "2", team: "sre" } });
    expect(r).toEqual({
      status: 200,
      json: { action: "add_tags", matched: N, changed: N, skipped: 0, errors: [], error_count: 0 },
    });
    expect(await total("tag=wave=2,team=sre")).toBe(N);
    expect(await tagsOf(otherGateway.id, otherOwner)).toEqual([{ key: "wave", value: "1" }]);
    // Already so: matched, nothing changed.
    const again = await bulk({ action: "add_tags", filter: { tag: "team=sre" }, tags: { team: "sre" } });
    expect(again.json).toMatchObject({ matched: N, changed: 0, skipped: N });
    const audit = await api("GET", "/api/v1/settings/audit-log?limit=10");
    expect(audit.json.items.map((e: { action: string }) => e.action)).toContain("gateway.bulk_add_tags");
  });

  it("removes tags by ids; another org's id is reported, not touched", async () => {
    const ids = [...fleet.slice(0, 50).map((g) => g.id), otherGateway.id];
    const r = await bulk({ action: "remove_tags", gateway_ids: ids, keys: ["team"] });
    expect(r.json).toEqual({
      action: "remove_tags",
      matched: 50,
      changed: 50,
      skipped: 0,
      errors: [{ gateway_id: otherGateway.id, detail: "Gateway not found" }],
      error_count: 1,
    });
    expect(await total("tag=team=sre")).toBe(N - 50);
    expect(await tagsOf(otherGateway.id, otherOwner)).toEqual([{ key: "wave", value: "1" }]);
  });

  it("deploys a template to the selection as one all-at-once deployment", async () => {
    const t = await api("POST", "/api/v1/templates", { name: "bulk-tpl", content: collectorConfig("bulk") });
    expect(t.status).toBe(201);
    const r = await bulk({ action: "deploy", filter: { tag: "wave=2" }, template_id: t.json.id });
    expect(r.json).toMatchObject({ action: "deploy", matched: N, changed: N, skipped: 0, error_count: 0 });
    const d = await api("GET", `/api/v1/deployments/${r.json.deployment_id}`);
    expect(d.status).toBe(200);
    expect(d.json).toMatchObject({ progress: { total: N }, strategy: { type: "all_at_once" } });
  });

  it("restarts only agents that accept the command, saying why for the others", async () => {
    const ids = fleet.slice(0, 5).map((g) => g.id);
    const r = await bulk({ action: "restart", gateway_ids: ids });
    // Registered over REST, none has reported AcceptsRestartCommand.
    expect(r.json).toMatchObject({ matched: 5, changed: 0, skipped: 5, error_count: 5 });
    expect(r.json.errors[0]).toEqual({
      gateway_id: expect.any(String),
      detail: "Agent does not accept restart commands",
    });
  });

  it("rotates tokens: the old ones stop working, another org's stays valid", async () => {
    const picked = fleet.slice(60, 70);
    const r = await bulk({ action: "rotate_token", gateway_ids: [...picked.map((g) => g.id), otherGateway.id] });
    expect(r.json).toMatchObject({ matched: 10, changed: 10, error_count: 1 });
    const beat = (g: { instance_id: string; opamp_token: string }) =>
      api("POST", `/api/v1/opamp/heartbeat/${g.instance_id}`, undefined, g.opamp_token);
    expect((await beat(picked[0])).status).toBe(401);
    expect((await beat(fleet[100])).status).toBe(200);
    expect((await beat({ instance_id: "bulk-0000", opamp_token: otherGateway.opamp_token })).status).toBe(200);
  });

  it("deletes the selection and only it", async () => {
    const picked = fleet.slice(200, 220).map((g) => g.id);
    const r = await bulk({ action: "delete", gateway_ids: [...picked, otherGateway.id] });
    expect(r.json).toMatchObject({ matched: 20, changed: 20, skipped: 0, error_count: 1 });
    expect(await total("q=bulk-")).toBe(N - 20);
    expect((await api("GET", `/api/v1/gateways/${picked[0]}`)).status).toBe(404);
    expect((await api("GET", `/api/v1/gateways/${otherGateway.id}`, undefined, otherOwner)).status).toBe(200);
  });
});
