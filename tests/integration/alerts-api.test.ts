import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let key: string;
beforeAll(async () => {
  server = await startServer();
  key = (await server.adminKey()).key;
});
afterAll(async () => {
  await server?.stop();
});

async function call(method: string, path: string, body?: unknown) {
  const res = await fetch(server.url + path, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

describe("alert lists over HTTP", () => {
  it("pages rules and channels, newest first, with total, page and limit", async () => {
    const channels: string[] = [];
    const rules: string[] = [];
    for (const n of [1, 2, 3]) {
      const ch = await call("POST", "/api/v1/alerts/channels", {
        name: `ch-${n}`,
        kind: "webhook",
        url: "http://127.0.0.1:1/",
      });
      expect(ch.status).toBe(201);
      channels.unshift(ch.body.id);
      const rule = await call("POST", "/api/v1/alerts/rules", { name: `rule-${n}`, kind: "deployment_failed" });
      expect(rule.status).toBe(201);
      rules.unshift(rule.body.id);
    }
    for (const [path, ids] of [
      ["/api/v1/alerts/channels", channels],
      ["/api/v1/alerts/rules", rules],
    ] as const) {
      const all = await call("GET", path);
      expect(all.status).toBe(200);
      expect(all.body).toMatchObject({ total: 3, page: 1, limit: 50 });
      expect(all.body.items.map((x: { id: string }) => x.id)).toEqual(ids);
      const second = await call("GET", `${path}?page=2&limit=2`);
      expect(second.body).toMatchObject({ total: 3, page: 2, limit: 2 });
      expect(second.body.items.map((x: { id: string }) => x.id)).toEqual([ids[2]]);
      expect((await call("GET", `${path}?page=3&limit=2`)).body).toEqual({ items: [], total: 3, page: 3, limit: 2 });
    }
  });

  it("answers notifications as a page and refuses a bad page or limit with 400", async () => {
    expect((await call("GET", "/api/v1/alerts/notifications?limit=10")).body).toEqual({
      items: [],
      total: 0,
      page: 1,
      limit: 10,
    });
    for (const path of ["/api/v1/alerts/rules", "/api/v1/alerts/channels", "/api/v1/alerts/notifications"]) {
      const tooMany = await call("GET", `${path}?limit=201`);
      expect(tooMany.status).toBe(400);
      expect(tooMany.body.detail).toMatch(/limit.*at most 200/);
      expect((await call("GET", `${path}?page=0`)).status).toBe(400);
    }
  });
});
