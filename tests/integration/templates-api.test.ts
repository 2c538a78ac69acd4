import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../helpers/server";

const CONFIG = `receivers:
  otlp:
    protocols:
      http:
        endpoint: 0.0.0.0:4318
exporters:
  otlphttp:
    endpoint: https://backend.example.com:4318
    headers:
      x-gateway: \${INSTANCE_ID}
service:
  pipelines:
    logs:
      receivers: [otlp]
      exporters: [otlphttp]
`;

let server: TestServer;
let owner: string;
let viewer: string;
beforeAll(async () => {
  server = await startServer();
  owner = (await server.adminKey()).key;
  const res = await call("POST", "/api/v1/api-keys", { name: "viewer", role: "viewer" });
  viewer = (await res.json()).key;
});
afterAll(async () => {
  await server?.stop();
});

function call(method: string, path: string, body?: unknown, key = owner, raw?: string) {
  return fetch(server.url + path, {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      ...(body !== undefined || raw ? { "content-type": "application/json" } : {}),
    },
    body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
  });
}

async function json(res: Response, status: number) {
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(status);
  return body;
}

describe("templates over HTTP", () => {
  it("creates, versions, diffs and marks the base config, with the documented status codes", async () => {
    const t = await json(
      await call("POST", "/api/v1/templates", { name: "http-1", content: CONFIG, message: "v1" }),
      201,
    );
    expect(t).toMatchObject({
      name: "http-1",
      latest_version: 1,
      is_base: false,
      version: { version: 1, message: "v1" },
    });
    const v2 = await json(
      await call("POST", `/api/v1/templates/${t.id}/versions`, {
        content: CONFIG.replace("backend.", "b2."),
        message: "b2",
        base_version: 1,
      }),
      201,
    );
    expect(v2).toMatchObject({ version: 2, message: "b2" });
    const stale = await json(
      await call("POST", `/api/v1/templates/${t.id}/versions`, {
        content: CONFIG.replace("backend.", "b3."),
        base_version: 1,
      }),
      409,
    );
    expect(stale).toEqual({ detail: "Template was changed by someone else (now at version 2)", latest_version: 2 });
    expect(await json(await call("GET", `/api/v1/templates/${t.id}`), 200)).toMatchObject({
      latest_version: 2,
      content: CONFIG.replace("backend.", "b2."),
    });
    expect(await json(await call("GET", `/api/v1/templates/${t.id}/versions?limit=1&page=2`), 200)).toMatchObject({
      total: 2,
      items: [{ version: 1 }],
    });
    expect((await json(await call("GET", `/api/v1/templates/${t.id}/versions/1`), 200)).content).toBe(CONFIG);
    const diff = await json(await call("GET", `/api/v1/templates/${t.id}/diff?from=1&to=2`), 200);
    expect(diff.diff).toContain(
      "-    endpoint: https://backend.example.com:4318\n+    endpoint: https://b2.example.com:4318\n",
    );
    expect(await json(await call("POST", `/api/v1/templates/${t.id}/base`), 200)).toMatchObject({ is_base: true });
    expect(
      await json(await call("PATCH", `/api/v1/templates/${t.id}`, { description: "logs to backend" }), 200),
    ).toMatchObject({ description: "logs to backend" });
    expect((await json(await call("GET", "/api/v1/templates?q=http-1"), 200)).items).toMatchObject([
      { id: t.id, is_base: true },
    ]);
    expect((await call("DELETE", `/api/v1/templates/${t.id}`)).status).toBe(204);
    expect(await json(await call("GET", `/api/v1/templates/${t.id}`), 404)).toEqual({ detail: "Template not found" });
  });

  it("answers 400 with the validation result for invalid YAML or components, and for bad bodies", async () => {
    const bad = await json(
      await call("POST", "/api/v1/templates", {
        name: "bad",
        content: CONFIG.replace("otlphttp:\n    endpoint", "kafka:\n    endpoint"),
      }),
      400,
    );
    expect(bad.detail).toMatch(/^The config is invalid \(\d errors?\); nothing was saved$/);
    expect(bad.validation.errors).toContainEqual(
      expect.objectContaining({ message: expect.stringMatching(/^Unsupported exporter "kafka"/), line: 7, column: 3 }),
    );
    const yaml = await json(await call("POST", "/api/v1/templates", { name: "bad", content: "receivers: [\n" }), 400);
    expect(yaml.validation.errors[0]).toMatchObject({ message: expect.stringMatching(/^YAML syntax error/), line: 2 });
    expect(await json(await call("POST", "/api/v1/templates", undefined, owner, "{oops"), 400)).toEqual({
      detail: "Request body is not valid JSON",
    });
    expect((await json(await call("POST", "/api/v1/templates", { name: "" }), 400)).detail).toMatch(/Name is required/);
    expect((await json(await call("GET", "/api/v1/templates/not-a-uuid/versions/x"), 400)).detail).toMatch(
      /version must be a number/,
    );
    expect((await json(await call("GET", "/api/v1/templates?limit=1000"), 400)).detail).toMatch(/limit/);
    expect(
      (await json(await call("GET", "/api/v1/templates"), 200)).items.map((t: { name: string }) => t.name),
    ).not.toContain("bad");
  });

  it("refuses a viewer key on every write, but lets it read and validate", async () => {
    const t = await json(await call("POST", "/api/v1/templates", { name: "ro", content: CONFIG }), 201);
    const writes: [string, string, unknown][] = [
      ["POST", "/api/v1/templates", { name: "v", content: CONFIG }],
      ["POST", `/api/v1/templates/${t.id}/versions`, { content: CONFIG + "\n", base_version: 1 }],
      ["PATCH", `/api/v1/templates/${t.id}`, { name: "renamed" }],
      ["POST", `/api/v1/templates/${t.id}/base`, undefined],
      ["DELETE", `/api/v1/templates/${t.id}`, undefined],
    ];
    for (const [method, path, body] of writes) {
      expect(await json(await call(method, path, body, viewer), 403)).toEqual({
        detail: "This action requires the operator role or higher (you are viewer)",
      });
    }
    expect(await json(await call("GET", `/api/v1/templates/${t.id}`, undefined, viewer), 200)).toMatchObject({
      name: "ro",
      latest_version: 1,
    });
    expect(await json(await call("POST", "/api/v1/validation", { config_yaml: CONFIG }, viewer), 200)).toEqual({
      valid: true,
      errors: [],
      warnings: [],
    });
  });

  it("keeps another org's templates invisible (404) and its org_id forbidden (403)", async () => {
    const other = await server.cli(["org", "create", "templates-other", "--json"]);
    const otherOrg = JSON.parse(other.stdout).id;
    const key = JSON.parse(
      (await server.cli(["api-key", "create", "--org", "templates-other", "--role", "owner", "--name", "o", "--json"]))
        .stdout,
    ).key;
    const mine = await json(await call("POST", "/api/v1/templates", { name: "mine", content: CONFIG }), 201);
    expect(await json(await call("GET", `/api/v1/templates/${mine.id}`, undefined, key), 404)).toEqual({
      detail: "Template not found",
    });
    expect(
      await json(
        await call("POST", `/api/v1/templates/${mine.id}/versions`, { content: CONFIG + "\n", base_version: 1 }, key),
        404,
      ),
    ).toEqual({ detail: "Template not found" });
    expect((await call("GET", `/api/v1/templates?org_id=${otherOrg}`)).status).toBe(403);
  });
});

describe("validation and dry run over HTTP", () => {
  it("answers 200 with the result even when the config is invalid, 400 only for a bad body", async () => {
    const r = await json(
      await call("POST", "/api/v1/validation", { config_yaml: "receivers:\n  otlp:\n    protocols: {}\n" }),
      200,
    );
    expect(r.valid).toBe(false);
    expect(r.errors).toContainEqual(
      expect.objectContaining({ message: expect.stringMatching(/at least one protocol/), line: 3 }),
    );
    expect((await json(await call("POST", "/api/v1/validation", { yaml: "x" }), 400)).detail).toMatch(/config_yaml/);
  });

  it("renders what a registered gateway would receive", async () => {
    const token = (
      await json(await call("POST", "/api/v1/registration-tokens", { name: "dry", expires_in_days: 1 }), 201)
    ).token;
    const gw = await json(
      await fetch(`${server.url}/api/v1/gateways`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ name: "dry-gw", instance_id: "dry-gw-1" }),
      }),
      201,
    );
    const t = await json(await call("POST", "/api/v1/templates", { name: "dry", content: CONFIG }), 201);
    const r = await json(
      await call("POST", "/api/v1/validation/dry-run", { template_id: t.id, gateway_id: gw.id }, viewer),
      200,
    );
    expect(r.agent_config_map.config_map[""]).toEqual({
      body: CONFIG.replace("${INSTANCE_ID}", "dry-gw-1"),
      content_type: "text/yaml",
    });
    expect(r).toMatchObject({
      config_hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      validation: { valid: true },
      source: { version: 1 },
    });
    expect(r.diff).toContain("+      x-gateway: dry-gw-1\n");
    expect(
      await json(await call("POST", "/api/v1/validation/dry-run", { config_yaml: CONFIG, gateway_id: t.id }), 404),
    ).toEqual({ detail: "Gateway not found" });
    expect((await json(await call("POST", "/api/v1/validation/dry-run", { gateway_id: gw.id }), 400)).detail).toMatch(
      /either template_id/,
    );
  });
});
