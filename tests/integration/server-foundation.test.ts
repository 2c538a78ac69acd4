import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../helpers/server";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(server.url + path, { headers });

describe("one server process", () => {
  it("shares one database client between server.ts and the Next route handlers", async () => {
    const res = await get("/api/health");
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.status).toBe("ok");
    expect(body.database.instance).toBe(server.databaseInstance);
    expect(body.database.driver).toBe(server.databaseUrl ? "postgres" : "pglite");
  });

  it("answers readiness once migrations have run, without authentication", async () => {
    const res = await get("/api/ready");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ready" });
  });

  it("redirects pages to sign-in without a session and serves the sign-in page", async () => {
    const res = await fetch(server.url + "/agents", { redirect: "manual" });
    expect(res.status).toBe(307);
    expect(res.headers.get("location")).toContain("/sign-in");
    const page = await get("/sign-in");
    expect(await page.text()).toContain("Sign in to FlowGate");
  });

  it("rejects unknown WebSocket upgrade paths with 404", async () => {
    const { default: WebSocket } = await import("ws");
    const status = await new Promise<number>((resolve) => {
      const ws = new WebSocket(server.url.replace("http", "ws") + "/not-a-socket");
      ws.on("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
      ws.on("error", () => resolve(-1));
    });
    expect(status).toBe(404);
  });
});

describe("API authentication and authorization", () => {
  it("answers 401 JSON without credentials and with a bad key", async () => {
    const res = await get("/api/v1/api-keys");
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ detail: "Not authenticated" });
    const bad = await get("/api/v1/api-keys", { authorization: "Bearer fgk_nope" });
    expect(bad.status).toBe(401);
    expect((await bad.json()).detail).toBe("Invalid or revoked API key");
  });

  it("accepts a CLI-created key, scoped to its org; another org_id is 403", async () => {
    const { key, org_id } = await server.adminKey();
    const auth = { authorization: `Bearer ${key}` };
    const ok = await get(`/api/v1/api-keys?org_id=${org_id}`, auth);
    expect(ok.status).toBe(200);
    const list = await ok.json();
    expect(list).toMatchObject({ page: 1, limit: 50, total: list.items.length });
    expect(list.items.length).toBeGreaterThanOrEqual(1);
    expect(Object.keys(list.items[0]).sort()).toEqual([
      "created_at",
      "id",
      "last_used_at",
      "name",
      "prefix",
      "revoked_at",
      "role",
    ]);
    const other = await server.cli(["org", "create", "other-org", "--json"]);
    expect(other.code).toBe(0);
    const otherId = JSON.parse(other.stdout).id;
    const forbidden = await get(`/api/v1/api-keys?org_id=${otherId}`, auth);
    expect(forbidden.status).toBe(403);
    expect((await forbidden.json()).detail).toBe("You are not a member of this organization");
    expect((await get(`/api/v1/api-keys?org_id=not-a-uuid`, auth)).status).toBe(400);
  });

  it("refuses a viewer key on a write endpoint, rejects malformed JSON, and stops a revoked key", async () => {
    const { key } = await server.adminKey();
    const post = (k: string, body: string) =>
      fetch(server.url + "/api/v1/api-keys", {
        method: "POST",
        headers: { authorization: `Bearer ${k}`, "content-type": "application/json" },
        body,
      });
    const viewerRes = await post(key, JSON.stringify({ name: "viewer-key", role: "viewer" }));
    expect(viewerRes.status).toBe(201);
    const viewer = await viewerRes.json();
    const refused = await post(viewer.key, JSON.stringify({ name: "x", role: "viewer" }));
    expect(refused.status).toBe(403);
    expect((await refused.json()).detail).toMatch(/requires the admin role/);
    const malformed = await post(key, "{not json");
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).detail).toBe("Request body is not valid JSON");
    const invalid = await post(key, JSON.stringify({ name: "", role: "superuser" }));
    expect(invalid.status).toBe(400);
    const del = await fetch(`${server.url}/api/v1/api-keys/${viewer.id}`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${key}` },
    });
    expect(del.status).toBe(204);
    expect((await get("/api/v1/api-keys", { authorization: `Bearer ${viewer.key}` })).status).toBe(401);
    for (const id of [viewer.id, "not-a-uuid"]) {
      const gone = await fetch(`${server.url}/api/v1/api-keys/${id}`, {
        method: "DELETE",
        headers: { authorization: `Bearer ${key}` },
      });
      expect({ status: gone.status, body: await gone.json() }).toEqual({
        status: 404,
        body: { detail: "API key not found" },
      });
    }
  });
});

describe("flowgate CLI against the running server", () => {
  it("creates orgs and users, with clear errors and non-zero exits", async () => {
    const created = await server.cli([
      "user",
      "create",
      "--email",
      "ops@example.com",
      "--password",
      "long-enough",
      "--org",
      "default",
      "--role",
      "operator",
      "--json",
    ]);
    expect(created.code).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ email: "ops@example.com", role: "operator" });
    const dup = await server.cli([
      "user",
      "create",
      "--email",
      "ops@example.com",
      "--password",
      "long-enough",
      "--org",
      "default",
      "--role",
      "viewer",
    ]);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain("already exists");
    const unknownOrg = await server.cli(["api-key", "create", "--org", "nope", "--role", "admin", "--name", "x"]);
    expect(unknownOrg.code).toBe(1);
    expect(unknownOrg.stderr).toContain('Organization "nope" not found');
    const badRole = await server.cli(["api-key", "create", "--org", "default", "--role", "root", "--name", "x"]);
    expect(badRole.code).toBe(1);
    const list = await server.cli(["org", "list", "--json"]);
    expect(JSON.parse(list.stdout).map((o: { name: string }) => o.name)).toContain("default");
  });
});
