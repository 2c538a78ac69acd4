import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../helpers/server";
import { api, apiKeyWithRole } from "./telemetry-fixtures";

let server: TestServer;
let key: string;
let orgId: string;
beforeAll(async () => {
  server = await startServer();
  ({ key, org_id: orgId } = await server.adminKey());
});
afterAll(async () => {
  await server?.stop();
});

const otlpLogs = {
  resourceLogs: [{ scopeLogs: [{ logRecords: [{ body: { stringValue: "from 10.0.0.1" }, severityNumber: 9 }] }] }],
};

describe("REST /api/v1/samples", () => {
  it("creates, lists (paginated, no payload), gets (with payload) and deletes; viewers only read", async () => {
    const created = await api(server, key, "POST", "/api/v1/samples", {
      name: "pasted",
      signal: "logs",
      format: "lines",
      content: "a@b.io said hi\nbye",
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "pasted", source: "paste", record_count: 2 });
    const upload = await api(server, key, "POST", "/api/v1/samples", {
      name: "file",
      signal: "logs",
      format: "otlp_json",
      content: JSON.stringify(otlpLogs),
    });
    expect(upload.status).toBe(201);
    expect(upload.body.payload.resourceLogs[0].scopeLogs[0].logRecords[0]).toMatchObject({
      body: { stringValue: "from ****" },
      severityNumber: 9,
    });

    const viewer = await apiKeyWithRole(server, key, orgId, "viewer");
    const list = await api(server, viewer, "GET", "/api/v1/samples?limit=1&page=2");
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ total: 2, page: 2, limit: 1 });
    expect(list.body.items.map((i: any) => i.name)).toEqual(["pasted"]);
    expect(list.body.items[0].payload).toBeUndefined();
    const one = await api(server, viewer, "GET", `/api/v1/samples/${created.body.id}`);
    expect(one.body.payload.resourceLogs[0].scopeLogs[0].logRecords[0].body.stringValue).toBe("**** said hi");
    expect((await api(server, viewer, "DELETE", `/api/v1/samples/${created.body.id}`)).status).toBe(403);
    expect(
      (
        await api(server, viewer, "POST", "/api/v1/samples", {
          name: "x",
          signal: "logs",
          format: "lines",
          content: "x",
        })
      ).status,
    ).toBe(403);

    expect((await api(server, key, "DELETE", `/api/v1/samples/${created.body.id}`)).status).toBe(204);
    expect((await api(server, key, "GET", `/api/v1/samples/${created.body.id}`)).status).toBe(404);
    expect((await api(server, key, "GET", "/api/v1/samples/not-a-uuid")).status).toBe(404);
  });

  it("answers 400 naming what was expected, and 413 beyond 5 MiB", async () => {
    const notOtlp = await api(server, key, "POST", "/api/v1/samples", {
      name: "bad",
      signal: "logs",
      format: "otlp_json",
      content: "2026-12-01 INFO hello",
    });
    expect(notOtlp.status).toBe(400);
    expect(notOtlp.body.detail).toMatch(/ExportLogsServiceRequest object with a "resourceLogs" array/);
    const wrongSignal = await api(server, key, "POST", "/api/v1/samples", {
      name: "bad",
      signal: "metrics",
      format: "otlp_json",
      content: JSON.stringify(otlpLogs),
    });
    expect(wrongSignal.status).toBe(400);
    expect(wrongSignal.body.detail).toMatch(/OTLP\/JSON logs .* signal is metrics/);
    const badFormat = await api(server, key, "POST", "/api/v1/samples", {
      name: "bad",
      signal: "logs",
      format: "csv",
      content: "a",
    });
    expect(badFormat.status).toBe(400);
    expect(badFormat.body.detail).toMatch(/format must be lines, json or otlp_json/);

    const big = await api(server, key, "POST", "/api/v1/samples", {
      name: "big",
      signal: "logs",
      format: "lines",
      content: "x".repeat(5 * 1024 * 1024 + 10),
    });
    expect(big.status).toBe(413);
    expect(big.body.detail).toMatch(/limit is 5242880 bytes/);
    expect((await api(server, key, "GET", "/api/v1/samples")).body.total).toBe(1);
  });
});
