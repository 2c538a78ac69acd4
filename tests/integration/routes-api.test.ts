import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let admin: { key: string; org_id: string };
let agentA: string, agentB: string, gatewayA: string;
let other: { key: string; org_id: string; agent: string };

type Json = Record<string, any>;
const call = async (method: string, path: string, token: string | null, body?: unknown) => {
  const res = await fetch(server.url + path, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), "content-type": "application/json" },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Json };
};
const post = (path: string, token: string | null, body: unknown) =>
  call("POST", `/api/v1/gateway/routes/${path}`, token, body);

/** Onboards a gateway the way a real one does (registration token → POST /api/v1/gateways) and returns its OpAMP token. */
async function onboard(key: string, orgId: string, instanceId: string) {
  const tok = await call("POST", `/api/v1/registration-tokens?org_id=${orgId}`, key, { name: `routes-${instanceId}` });
  expect(tok.status).toBe(201);
  const gw = await call("POST", "/api/v1/gateways", tok.body.token, {
    name: instanceId,
    instance_id: instanceId,
    hostname: `${instanceId}.local`,
  });
  expect(gw.status).toBe(201);
  return { id: gw.body.id as string, token: gw.body.opamp_token as string };
}

beforeAll(async () => {
  server = await startServer();
  admin = await server.adminKey();
  const a = await onboard(admin.key, admin.org_id, "agent-a");
  agentA = a.token;
  gatewayA = a.id;
  agentB = (await onboard(admin.key, admin.org_id, "agent-b")).token;
  const org = await server.cli(["org", "create", "routes-other", "--json"]);
  const key = await server.cli([
    "api-key",
    "create",
    "--org",
    "routes-other",
    "--role",
    "owner",
    "--name",
    "k",
    "--json",
  ]);
  expect(org.code + key.code).toBe(0);
  const otherKey = JSON.parse(key.stdout);
  other = { ...otherKey, agent: (await onboard(otherKey.key, otherKey.org_id, "agent-other")).token };
});
afterAll(async () => {
  await server?.stop();
});

const route = (over: Json = {}) => ({
  hostname: "app.example.com",
  cluster_uuid: "abc-123-def-456",
  namespace: "default",
  service_name: "my-app",
  service_port: 8080,
  ingress_name: "my-app-ingress",
  path: "/",
  path_type: "Prefix",
  tls: true,
  annotations: { "nginx.ingress.kubernetes.io/rewrite-target": "/" },
  public_endpoint: "203.0.113.45:80",
  routing_mode: "direct",
  ...over,
});
const ingress = (name: string, host: string, paths = ["/"]) => ({
  namespace: "default",
  ingress_name: name,
  annotations: {},
  rules: [
    {
      host,
      tls: false,
      paths: paths.map((p) => ({ path: p, path_type: "Prefix", service_name: name, service_port: 80 })),
    },
  ],
});
const sync = (cluster: string, ingresses: unknown[], over: Json = {}) => ({
  cluster_uuid: cluster,
  public_endpoint: "",
  routing_mode: "tunnel",
  ingresses,
  ...over,
});
const clusterHosts = async (cluster: string, token = admin.key) =>
  (await call("GET", `/api/v1/gateway/routes/cluster/${cluster}`, token)).body.routes.map(
    (r: Json) => `${r.hostname}${r.path}`,
  );

describe("authentication", () => {
  it("refuses missing and bad tokens with 401 JSON", async () => {
    expect(await post("register", null, route())).toEqual({ status: 401, body: { detail: "Not authenticated" } });
    expect(await post("register", "not-a-jwt", route())).toEqual({
      status: 401,
      body: { detail: "Invalid OpAMP token" },
    });
    expect(await post("sync", "fgk_nope", sync("c", []))).toEqual({
      status: 401,
      body: { detail: "Invalid or revoked API key" },
    });
  });

  it("API keys: any role reads, operator or higher writes, a viewer key is refused with 403", async () => {
    const viewer = await call("POST", "/api/v1/api-keys", admin.key, { name: "routes-viewer", role: "viewer" });
    const operator = await call("POST", "/api/v1/api-keys", admin.key, { name: "routes-operator", role: "operator" });
    const refused = await post("register", viewer.body.key, route({ cluster_uuid: "keys" }));
    expect(refused).toEqual({
      status: 403,
      body: { detail: "This action requires the operator role or higher (you are viewer)" },
    });
    expect((await post("sync", viewer.body.key, sync("keys", []))).status).toBe(403);
    expect((await post("unregister", viewer.body.key, { hostname: "x.example.com" })).status).toBe(403);
    const written = await post(
      "register",
      operator.body.key,
      route({ hostname: "by-key.example.com", cluster_uuid: "keys" }),
    );
    expect(written).toMatchObject({ status: 200, body: { result: "created", route: { gateway_id: null } } });
    expect((await call("GET", "/api/v1/gateway/routes?cluster_uuid=keys", viewer.body.key)).body.total).toBe(1);
    expect((await call("GET", `/api/v1/gateway/routes?org_id=${other.org_id}`, viewer.body.key)).status).toBe(403);
  });
});

describe("register", () => {
  it("is idempotent: the same request twice answers 200 and leaves one route", async () => {
    const first = await post("register", agentA, route());
    expect(first).toMatchObject({
      status: 200,
      body: { result: "created", route: { hostname: "app.example.com", gateway_id: gatewayA } },
    });
    const again = await post("register", agentA, route());
    expect(again).toMatchObject({ status: 200, body: { result: "unchanged", route: { id: first.body.route.id } } });
    expect(await clusterHosts("abc-123-def-456", agentA)).toEqual(["app.example.com/"]);
  });

  it("shows the cluster's route count and routing mode in the reporting gateway's metadata", async () => {
    const gw = await call("GET", `/api/v1/gateways/${gatewayA}?org_id=${admin.org_id}`, admin.key);
    expect(gw.status).toBe(200);
    expect(gw.body.metadata.routes).toMatchObject({
      cluster_uuid: "abc-123-def-456",
      route_count: 1,
      routing_mode: "direct",
      public_endpoint: "203.0.113.45:80",
    });
  });

  it("answers 409 naming the other cluster when it holds the hostname", async () => {
    const res = await post("register", agentB, route({ cluster_uuid: "cluster-b", path: "/b" }));
    expect(res.status).toBe(409);
    expect(res.body.detail).toBe(
      'Hostname "app.example.com" is already registered by cluster "abc-123-def-456" in this organization; unregister it there first',
    );
    expect(res.body.conflicts).toEqual([{ hostname: "app.example.com", cluster_uuid: "abc-123-def-456" }]);
    expect(await clusterHosts("cluster-b")).toEqual([]);
  });
});

describe("validation: every rule is a 400 with a clear message, and nothing is written", () => {
  const cases: [string, Json, string][] = [
    [
      "hostname RFC 1123",
      { hostname: "my_app.example.com" },
      'hostname: label "my_app" may contain only lowercase letters, digits and "-"',
    ],
    ["hostname length", { hostname: "a".repeat(64) + ".example.com" }, "hostname: label"],
    [
      "hostname wildcard placement",
      { hostname: "app.*.example.com" },
      'hostname: may contain a wildcard only as the whole leftmost label, like "*.example.com"',
    ],
    ["hostname not an IP", { hostname: "10.1.2.3" }, "hostname: must be a DNS name, not an IP address"],
    ["port too low", { service_port: 0 }, "service_port: must be an integer from 1 to 65535"],
    ["port too high", { service_port: 65536 }, "service_port: must be an integer from 1 to 65535"],
    ["port type", { service_port: "http" }, "service_port: must be a number"],
    ["path_type", { path_type: "Regex" }, "path_type: must be one of Prefix, Exact, ImplementationSpecific"],
    ["path", { path: "api" }, 'path: must start with "/"'],
    ["routing_mode", { routing_mode: "vpn" }, 'routing_mode: must be "direct" or "tunnel"'],
    ["direct needs an endpoint", { public_endpoint: "" }, 'public_endpoint: is required when routing_mode is "direct"'],
    ["tunnel has none", { routing_mode: "tunnel" }, 'public_endpoint: must be empty when routing_mode is "tunnel"'],
    [
      "endpoint format",
      { public_endpoint: "203.0.113.45:99999" },
      "public_endpoint: port 99999 is out of range (1–65535)",
    ],
    ["namespace", { namespace: "Default" }, "namespace: must be a Kubernetes name"],
    ["cluster_uuid", { cluster_uuid: "" }, "cluster_uuid: must be 1–128 letters"],
    [
      "annotations size",
      { annotations: { big: "x".repeat(17_000) } },
      "annotations: must be at most 16384 bytes as JSON",
    ],
    ["required fields", { service_name: undefined }, "service_name: is required"],
  ];
  it.each(cases)("%s", async (_name, over, message) => {
    const res = await post(
      "register",
      agentA,
      route({ hostname: "valid.example.com", cluster_uuid: "validation", ...over }),
    );
    expect(res.status).toBe(400);
    expect(res.body.detail).toContain(message);
    expect(await clusterHosts("validation")).toEqual([]);
  });

  it("sync: limits, duplicates, malformed JSON and oversized bodies", async () => {
    const many = Array.from({ length: 1001 }, (_, i) => ingress(`i${i}`, `h${i}.example.com`));
    expect((await post("sync", agentA, sync("validation", many))).body.detail).toBe(
      "ingresses: must list at most 1000 ingresses per sync",
    );
    const dup = await post(
      "sync",
      agentA,
      sync("validation", [ingress("a", "x.example.com"), ingress("b", "x.example.com")]),
    );
    expect(dup).toEqual({
      status: 400,
      body: expect.objectContaining({
        detail: 'ingresses.1.rules.0.paths.0: host "x.example.com" path "/" is listed twice (default/a and default/b)',
      }),
    });
    expect((await post("sync", agentA, { cluster_uuid: "validation", routing_mode: "tunnel" })).body.detail).toBe(
      "ingresses: is required (send [] to remove every route of the cluster)",
    );
    expect(await post("sync", agentA, "{not json")).toEqual({
      status: 400,
      body: { detail: "Request body is not valid JSON" },
    });
    const huge = await post(
      "register",
      agentA,
      route({ annotations: Object.fromEntries(Array.from({ length: 700 }, (_, i) => [`k${i}`, "v".repeat(100)])) }),
    );
    expect(huge).toEqual({ status: 413, body: { detail: "Request body exceeds 65536 bytes" } });
    expect(await clusterHosts("validation")).toEqual([]);
  });
});

describe("sync", () => {
  it("replaces the cluster's set: stale routes removed, others kept, in one call", async () => {
    const first = await post(
      "sync",
      agentA,
      sync("cluster-s", [
        ingress("a", "a.example.com", ["/", "/api"]),
        ingress("b", "b.example.com"),
        ingress("c", "c.example.com"),
      ]),
    );
    expect(first).toMatchObject({ status: 200, body: { route_count: 4, created: 4 } });
    const second = await post(
      "sync",
      agentA,
      sync("cluster-s", [ingress("a", "a.example.com"), ingress("d", "d.example.com")]),
    );
    expect(second).toMatchObject({ status: 200, body: { route_count: 2, created: 1, removed: 3, unchanged: 1 } });
    expect(await clusterHosts("cluster-s")).toEqual(["a.example.com/", "d.example.com/"]);
    expect(await clusterHosts("abc-123-def-456")).toEqual(["app.example.com/"]);
  });

  it("fails whole with 409 when a hostname belongs to another cluster, changing nothing", async () => {
    const res = await post(
      "sync",
      agentB,
      sync("cluster-t", [ingress("new", "new.example.com"), ingress("steal", "a.example.com")]),
    );
    expect(res.status).toBe(409);
    expect(res.body.detail).toContain('"a.example.com" is already registered by cluster "cluster-s"');
    expect(await clusterHosts("cluster-t")).toEqual([]);
    expect(await clusterHosts("cluster-s")).toEqual(["a.example.com/", "d.example.com/"]);
  });

  it("syncs 50 ingresses at once: creates, updates and removes them all", async () => {
    const set = (v: number) =>
      Array.from({ length: 50 }, (_, i) => ({
        ...ingress(`perf-${i}`, `perf${i}.example.com`),
        annotations: { v: String(v) },
      }));
    expect((await post("sync", agentB, sync("cluster-perf", set(0)))).body).toMatchObject({
      route_count: 50,
      created: 50,
    });
    for (const v of [1, 2, 3]) {
      expect((await post("sync", agentB, sync("cluster-perf", set(v)))).body).toMatchObject({
        route_count: 50,
        updated: 50,
      });
    }
    expect((await post("sync", agentB, sync("cluster-perf", []))).body).toMatchObject({ route_count: 0, removed: 50 });
    expect(await clusterHosts("cluster-perf")).toEqual([]);
    expect((await post("sync", agentB, sync("cluster-perf", set(4)))).body.created).toBe(50);
  });
});

describe("unregister, reads and isolation", () => {
  it("unregisters within the caller's clusters only; unknown hostnames are 404", async () => {
    const notMine = await post("unregister", agentB, { hostname: "d.example.com" });
    expect(notMine).toEqual({
      status: 404,
      body: { detail: `No route for hostname "d.example.com" is registered in this gateway's clusters` },
    });
    expect(await post("unregister", agentA, { hostname: "d.example.com" })).toEqual({
      status: 200,
      body: { hostname: "d.example.com", removed: 1, cluster_uuids: ["cluster-s"] },
    });
    expect((await post("unregister", agentA, { hostname: "d.example.com" })).status).toBe(404);
    expect((await post("unregister", agentA, { hostname: "not a host" })).status).toBe(400);
  });

  it("lists with search, filters and pagination; the agent token may read its org", async () => {
    const page = await call("GET", "/api/v1/gateway/routes?cluster_uuid=cluster-perf&q=perf1&page=2&limit=5", agentA);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ total: 11, page: 2, limit: 5 }); // perf1, perf10..perf19
    expect(page.body.items).toHaveLength(5);
    expect(
      (await call("GET", "/api/v1/gateway/routes?routing_mode=direct", admin.key)).body.items.every(
        (r: Json) => r.routing_mode === "direct",
      ),
    ).toBe(true);
    expect(await call("GET", "/api/v1/gateway/routes?limit=0", admin.key)).toEqual({
      status: 400,
      body: expect.objectContaining({ detail: "limit: must be at least 1" }),
    });
    expect((await call("GET", "/api/v1/gateway/routes/cluster/bad%20cluster", admin.key)).status).toBe(400);
  });

  it("keeps organizations apart: same hostname allowed, nothing visible or removable across orgs", async () => {
    expect((await post("register", other.agent, route({ cluster_uuid: "other-cluster" }))).body.result).toBe("created");
    expect(
      (await call("GET", "/api/v1/gateway/routes", other.agent)).body.items.map((r: Json) => r.cluster_uuid),
    ).toEqual(["other-cluster"]);
    expect(await clusterHosts("cluster-s", other.agent)).toEqual([]);
    expect((await post("unregister", other.key, { hostname: "a.example.com" })).status).toBe(404);
    expect(await call("GET", `/api/v1/gateway/routes?org_id=${admin.org_id}`, other.agent)).toEqual({
      status: 403,
      body: { detail: "This gateway's token belongs to another organization" },
    });
    expect(await clusterHosts("cluster-s")).toEqual(["a.example.com/"]);
    expect(await clusterHosts("abc-123-def-456")).toEqual(["app.example.com/"]);
  });
});
