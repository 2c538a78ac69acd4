import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let owner: string;
const keys: Record<string, string> = {};
beforeAll(async () => {
  server = await startServer({ env: { FLOWGATE_PUBLIC_URL: "https://fg.example.com" } });
  owner = (await server.adminKey()).key;
  for (const role of ["admin", "operator", "viewer"]) {
    const res = await call("POST", "/api/v1/api-keys", { name: role, role });
    keys[role] = (await res.json()).key;
  }
});
afterAll(async () => {
  await server?.stop();
});

function call(method: string, path: string, body?: unknown, key = owner) {
  return fetch(server.url + path, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function json(res: Response, status: number) {
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(status);
  return body;
}

describe("settings over HTTP", () => {
  it("reads defaults, lets an admin change them, and refuses operators and viewers", async () => {
    expect(await json(await call("GET", "/api/v1/settings", undefined, keys.viewer), 200)).toMatchObject({
      "opamp.heartbeat_interval_seconds": 30,
      "deployments.apply_timeout_seconds": 300,
      "components.allow_list": { exporters: ["otlp", "otlphttp", "debug"], extensions: ["opamp", "health_check"] },
    });
    const updated = await json(
      await call("PUT", "/api/v1/settings", { "opamp.heartbeat_interval_seconds": 20 }, keys.admin),
      200,
    );
    expect(updated["opamp.heartbeat_interval_seconds"]).toBe(20);
    for (const role of ["operator", "viewer"]) {
      expect(
        await json(await call("PUT", "/api/v1/settings", { "opamp.heartbeat_interval_seconds": 5 }, keys[role]), 403),
      ).toEqual({ detail: `This action requires the admin role or higher (you are ${role})` });
    }
    expect((await json(await call("GET", "/api/v1/settings"), 200))["opamp.heartbeat_interval_seconds"]).toBe(20);
  });

  it("answers 400 with a clear message for bad values and unknown keys", async () => {
    expect(
      (await json(await call("PUT", "/api/v1/settings", { "opamp.heartbeat_interval_seconds": -1 }), 400)).detail,
    ).toBe("opamp.heartbeat_interval_seconds: must be 0 (off) to 3600");
    expect((await json(await call("PUT", "/api/v1/settings", { "opamp.typo": 1 }), 400)).detail).toMatch(
      /Unrecognized key.*opamp\.typo/,
    );
  });

  it("narrows the allow-list, and validation follows it at once", async () => {
    const config =
      "receivers:\n  prometheus:\n    config:\n      scrape_configs: [{job_name: a}]\nexporters:\n  debug:\nservice:\n  pipelines:\n    metrics:\n      receivers: [prometheus]\n      exporters: [debug]\n";
    expect((await json(await call("POST", "/api/v1/validation", { config_yaml: config }), 200)).valid).toBe(true);
    await json(await call("PUT", "/api/v1/settings", { "components.allow_list": { receivers: ["otlp"] } }), 200);
    const r = await json(await call("POST", "/api/v1/validation", { config_yaml: config }), 200);
    expect(r.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/^Unsupported receiver "prometheus".*supported receivers: otlp\)/),
        line: 2,
      }),
    ]);
    await json(await call("PUT", "/api/v1/settings", { "components.allow_list": null }), 200);
  });
});

describe("OpAMP view and audit log over HTTP", () => {
  it("derives OpAMP endpoints from the public URL", async () => {
    expect(await json(await call("GET", "/api/v1/opamp-config", undefined, keys.viewer), 200)).toMatchObject({
      opamp_endpoint: "wss://fg.example.com/api/v1/opamp/v1/opamp",
      opamp_http_endpoint: "https://fg.example.com/api/v1/opamp/v1/opamp",
      heartbeat_interval_seconds: 20,
      max_message_bytes: 4 * 1024 * 1024,
      server_capabilities: { value: 39 },
    });
    expect((await fetch(`${server.url}/api/v1/opamp-config`)).status).toBe(401);
  });

  it("lists audit rows newest first with readable actors", async () => {
    const page = await json(await call("GET", "/api/v1/settings/audit-log?limit=2", undefined, keys.viewer), 200);
    expect(page).toMatchObject({ page: 1, limit: 2 });
    expect(page.total).toBeGreaterThanOrEqual(4);
    expect(page.items[0]).toMatchObject({ action: "settings.update", target_type: "settings" });
    expect(page.items.every((i: { actor_label: string }) => i.actor_label.startsWith('API key "'))).toBe(true);
  });
});
