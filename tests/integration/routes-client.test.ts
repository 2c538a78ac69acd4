import { execFile } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../helpers/server";
import { ControllerClient, ControllerError, retryAfterMs } from "@/lib/ingress-routes/agent/client";

let server: TestServer;
let token: string;
let flaky: Awaited<ReturnType<typeof startFlaky>>;

type Step = { status: number; headers?: Record<string, string> } | "proxy" | "hang";

/**
 * A real HTTP server in front of the real FlowGate: it answers the scripted failures first, then proxies to
 * FlowGate. Each request's arrival time is recorded so the backoff can be measured.
 */
async function startFlaky() {
  const hits: { at: number; url: string }[] = [];
  let plan: Step[] = [];
  const srv = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    hits.push({ at: performance.now(), url: req.url ?? "" });
    const step = plan.shift() ?? "proxy";
    if (step === "hang") return;
    if (step === "proxy") {
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (req.headers.authorization) headers.authorization = req.headers.authorization;
      const r = await fetch(server.url + req.url, {
        method: req.method,
        headers,
        body: chunks.length ? Buffer.concat(chunks) : undefined,
      });
      res.writeHead(r.status, { "content-type": "application/json" }).end(Buffer.from(await r.arrayBuffer()));
      return;
    }
    res
      .writeHead(step.status, { "content-type": "application/json", ...step.headers })
      .end(JSON.stringify({ detail: `scripted ${step.status}` }));
  });
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(srv.address() as { port: number }).port}`,
    hits,
    script(steps: Step[]) {
      plan = steps;
      hits.length = 0;
    },
    gaps: () => hits.slice(1).map((h, i) => h.at - hits[i].at),
    close: () =>
      new Promise<void>((r) => {
        srv.closeAllConnections();
        srv.close(() => r());
      }),
  };
}

async function onboard() {
  const { key, org_id } = await server.adminKey();
  const post = (p: string, auth: string, body: unknown) =>
    fetch(server.url + p, {
      method: "POST",
      headers: { authorization: `Bearer ${auth}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    }).then((r) => r.json());
  const reg = await post(`/api/v1/registration-tokens?org_id=${org_id}`, key, { name: "routes-client" });
  return (
    await post("/api/v1/gateways", reg.token, {
      name: "client-agent",
      instance_id: "client-agent",
      hostname: "client.local",
    })
  ).opamp_token as string;
}

beforeAll(async () => {
  server = await startServer();
  token = await onboard();
  flaky = await startFlaky();
});
afterAll(async () => {
  await flaky?.close();
  await server?.stop();
});
afterEach(() => flaky.script([]));

const route = (hostname: string, over: Record<string, unknown> = {}) => ({
  hostname,
  cluster_uuid: "client-cluster",
  namespace: "default",
  service_name: "web",
  service_port: 80,
  ingress_name: "web",
  path: "/",
  path_type: "Prefix" as const,
  tls: false,
  annotations: {},
  public_endpoint: "",
  routing_mode: "tunnel" as const,
  ...over,
});
const ingress = (host: string) => ({
  namespace: "default",
  ingress_name: host.split(".")[0],
  annotations: {},
  rules: [
    { host, tls: true, paths: [{ path: "/", path_type: "Prefix" as const, service_name: "web", service_port: 80 }] },
  ],
});
const clusterHosts = async (cluster: string) => {
  const r = await fetch(`${server.url}/api/v1/gateway/routes/cluster/${cluster}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return ((await r.json()).routes as { hostname: string }[]).map((x) => x.hostname);
};
const logs: string[] = [];
const client = (over: Partial<ConstructorParameters<typeof ControllerClient>[0]> = {}) =>
  new ControllerClient({ baseUrl: flaky.url, token, backoffMs: 100, logger: { warn: (m) => logs.push(m) }, ...over });

describe("ControllerClient retries", () => {
  it("retries 503 twice with growing, jittered backoff, then succeeds against the real server", async () => {
    logs.length = 0;
    flaky.script([{ status: 503 }, { status: 503 }]);
    const res = await client().registerRoute(route("retry.example.com"));
    expect(res.result).toBe("created");
    expect(flaky.hits).toHaveLength(3);
    const [g1, g2] = flaky.gaps();
    // backoff 100 ms · 2^attempt, half fixed and half random: [50, 100] then [100, 200] ms
    expect(g1).toBeGreaterThanOrEqual(45);
    expect(g2).toBeGreaterThanOrEqual(95);
    expect(logs).toHaveLength(2);
    expect(logs[0]).toMatch(
      /^POST \/api\/v1\/gateway\/routes\/register failed with status 503: scripted 503; retry 1\/3 in \d+ ms$/,
    );
    expect(logs.join("\n")).not.toContain(token);
    expect(await clusterHosts("client-cluster")).toContain("retry.example.com");
  });

  it("honours Retry-After on 429 and 503", async () => {
    flaky.script([
      { status: 429, headers: { "retry-after": "1" } },
      { status: 503, headers: { "retry-after": "0" } },
    ]);
    await client({ backoffMs: 10 }).registerRoute(route("retry.example.com"));
    expect(flaky.hits).toHaveLength(3);
    expect(flaky.gaps()[0]).toBeGreaterThanOrEqual(950);
    expect(retryAfterMs(new Date(Date.now() + 5000).toUTCString())).toBeGreaterThan(3000);
    expect(retryAfterMs("soon")).toBeNull();
  });

  it("never retries a 4xx: bad input, conflict and a bad token each take one request", async () => {
    flaky.script([]);
    const bad = await client()
      .registerRoute(route("retry.example.com", { service_port: 0 }))
      .catch((e) => e);
    expect(bad).toBeInstanceOf(ControllerError);
    expect(bad).toMatchObject({ status: 400, attempts: 1, detail: "service_port: must be an integer from 1 to 65535" });
    const conflict = await client()
      .registerRoute(route("retry.example.com", { cluster_uuid: "elsewhere" }))
      .catch((e) => e);
    expect(conflict).toMatchObject({ status: 409, attempts: 1 });
    const unauthorized = await client({ token: "wrong-token" })
      .syncIngresses({ cluster_uuid: "x", routing_mode: "tunnel", ingresses: [] })
      .catch((e) => e);
    expect(unauthorized).toMatchObject({ status: 401, detail: "Invalid OpAMP token" });
    expect(flaky.hits).toHaveLength(3);
  });

  it("gives up after the configured retries on a persistent 5xx", async () => {
    flaky.script([{ status: 500 }, { status: 502 }, { status: 500 }, "proxy"]);
    const err = await client({ retries: 2, backoffMs: 10 })
      .unregisterRoute("retry.example.com")
      .catch((e) => e);
    expect(err).toMatchObject({ status: 500, attempts: 3 });
    expect(flaky.hits).toHaveLength(3);
  });

  it("retries network errors and reports them without a status", async () => {
    logs.length = 0;
    const err = await client({ baseUrl: "http://127.0.0.1:59998", retries: 2, backoffMs: 10 })
      .registerRoute(route("x.example.com"))
      .catch((e) => e);
    expect(err).toMatchObject({ status: null, attempts: 3 });
    expect(err.message).toMatch(/ECONNREFUSED/);
    expect(logs).toHaveLength(2);
  });

  it("times out a request that gets no answer", async () => {
    flaky.script(["hang"]);
    const t0 = performance.now();
    const err = await client({ timeoutMs: 300, retries: 0 })
      .registerRoute(route("x.example.com"))
      .catch((e) => e);
    expect(err).toMatchObject({
      status: null,
      message: "POST /api/v1/gateway/routes/register failed: timed out after 300 ms",
    });
    expect(performance.now() - t0).toBeGreaterThanOrEqual(290);
  });
});

describe("health check and periodic re-sync", () => {
  it("healthCheck answers from /api/health, once, without retries", async () => {
    expect(await new ControllerClient({ baseUrl: server.url, token }).healthCheck()).toMatchObject({ status: "ok" });
    flaky.script([{ status: 503 }]);
    expect(
      await client()
        .healthCheck()
        .catch((e) => e),
    ).toMatchObject({ status: 503 });
    expect(flaky.hits).toHaveLength(1);
  });

  it("re-syncs on an interval, survives a failing round, and stops", async () => {
    let round = 0;
    const errors: unknown[] = [];
    const results: number[] = [];
    const loop = client().startPeriodicSync(
      async () => {
        round++;
        if (round === 2) throw new Error("kubernetes API unavailable");
        return {
          cluster_uuid: "periodic",
          routing_mode: "tunnel",
          ingresses: Array.from({ length: round }, (_, i) => ingress(`p${i}.example.com`)),
        };
      },
      { intervalMs: 150, onError: (e) => errors.push(e), onResult: (r) => results.push(r.route_count) },
    );
    await expect.poll(() => results.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
    await loop.stop();
    const seen = flaky.hits.length;
    expect(errors).toHaveLength(1);
    expect(results.slice(0, 3)).toEqual([1, 3, 4]);
    await new Promise((r) => setTimeout(r, 400));
    expect(flaky.hits.length).toBe(seen);
    expect((await clusterHosts("periodic")).length).toBe(results.at(-1));
  });
});

const BIN = path.resolve(import.meta.dirname, "../../bin/flowgate.mjs");
function cli(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, [BIN, "routes", ...args], { env: { ...process.env, ...env } }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe("flowgate routes CLI against the real server", () => {
  it("sync --file replaces the cluster's routes; --json prints the result", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "routes-cli-"));
    const file = path.join(dir, "ingresses.json");
    fs.writeFileSync(
      file,
      JSON.stringify({
        cluster_uuid: "cli-cluster",
        public_endpoint: "203.0.113.7:80",
        routing_mode: "direct",
        ingresses: [ingress("one.example.com"), ingress("two.example.com")],
      }),
    );
    const first = await cli(["sync", "--file", file, "--url", server.url, "--token", token]);
    expect(first).toMatchObject({
      code: 0,
      stdout: "Synced cluster cli-cluster: 2 routes (2 created, 0 updated, 0 removed, 0 unchanged).\n",
    });
    fs.writeFileSync(
      file,
      JSON.stringify({
        cluster_uuid: "cli-cluster",
        public_endpoint: "203.0.113.7:80",
        routing_mode: "direct",
        ingresses: [ingress("two.example.com")],
      }),
    );
    flaky.script([{ status: 503 }]);
    const second = await cli(["sync", "--file", file, "--url", flaky.url, "--json"], { FLOWGATE_AGENT_TOKEN: token });
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ route_count: 1, removed: 1, unchanged: 1 });
    expect(second.stderr).toContain("failed with status 503");
    expect(second.stderr).not.toContain(token);
    expect(await clusterHosts("cli-cluster")).toEqual(["two.example.com"]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("register, list and unregister; failures exit non-zero with the server's message", async () => {
    const base = ["--url", server.url, "--token", token];
    const reg = await cli([
      "register",
      "--hostname",
      "cli.example.com",
      "--cluster-uuid",
      "cli-cluster",
      "--namespace",
      "shop",
      "--service",
      "api",
      "--port",
      "8080",
      "--path",
      "/v1",
      "--tls",
      "--routing-mode",
      "direct",
      "--public-endpoint",
      "203.0.113.7:80",
      ...base,
    ]);
    expect(reg).toMatchObject({ code: 0, stdout: "Route cli.example.com/v1 created (cluster cli-cluster).\n" });
    const list = await cli(["list", "--cluster-uuid", "cli-cluster", "--json", ...base]);
    expect(JSON.parse(list.stdout).items.map((r: { hostname: string }) => r.hostname)).toEqual([
      "cli.example.com",
      "two.example.com",
    ]);
    const conflict = await cli([
      "register",
      "--hostname",
      "cli.example.com",
      "--cluster-uuid",
      "other",
      "--namespace",
      "shop",
      "--service",
      "api",
      "--port",
      "8080",
      "--json",
      ...base,
    ]);
    expect(conflict.code).toBe(1);
    expect(JSON.parse(conflict.stderr)).toEqual({
      error: expect.stringContaining('already registered by cluster "cli-cluster"'),
      status: 409,
    });
    expect(await cli(["unregister", "--hostname", "cli.example.com", ...base])).toMatchObject({
      code: 0,
      stdout: "Unregistered cli.example.com: 1 route(s) removed.\n",
    });
    expect((await cli(["unregister", "--hostname", "cli.example.com", ...base])).code).toBe(1);
    expect((await cli(["register", "--hostname", "x.example.com", ...base])).stderr).toContain(
      "Missing --cluster-uuid, --namespace, --service, --port",
    );
    expect((await cli(["list", "--url", server.url], { FLOWGATE_AGENT_TOKEN: "" })).code).toBe(2);
  });
});
