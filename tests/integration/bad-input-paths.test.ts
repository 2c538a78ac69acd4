import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../helpers/server";

// Malformed ids in the path are the caller's mistake: a JSON 400/404 on every id route, never Next's plain-text 500
// or HTML 404.
const ROOT = path.resolve(import.meta.dirname, "../..");
let server: TestServer;
let key: string;

beforeAll(async () => {
  server = await startServer();
  key = (await server.adminKey()).key;
});
afterAll(async () => {
  await server?.stop();
});

/** Every `app/api/v1/**` route file with a `[param]` segment, as a URL template and the methods it exports. */
function idRoutes(): Array<{ template: string; methods: string[] }> {
  const base = path.join(ROOT, "app/api/v1");
  const files = fs.readdirSync(base, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith("route.ts"));
  return files
    .filter((f) => /\[[^\]]+\]/.test(f))
    .map((f) => {
      const source = fs.readFileSync(path.join(base, f), "utf8");
      const methods = [...source.matchAll(/export (?:const|async function) (GET|POST|PUT|PATCH|DELETE)\b/g)].map(
        (m) => m[1],
      );
      return { template: "/api/v1/" + path.dirname(f).split(path.sep).join("/"), methods };
    });
}

/** A raw request: fetch would normalise `%2e%2e` away before sending. */
function raw(method: string, rawPath: string): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port: server.port,
        method,
        path: rawPath,
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      },
      (res) => {
        let body = "";
        res.on("data", (d) => (body += d));
        res.on("end", () => resolve({ status: res.statusCode!, type: res.headers["content-type"] ?? "", body }));
      },
    );
    req.on("error", reject);
    req.end(method === "GET" || method === "DELETE" ? undefined : "{}");
  });
}

describe("malformed path ids", () => {
  it("finds the id routes to probe", () => {
    expect(idRoutes().length).toBeGreaterThanOrEqual(18);
  });

  for (const [label, bad] of [
    ["a malformed percent-encoding", "%E0%A4%A"],
    ["a NUL", "a%00b"],
    ["a dot-dot segment", "%2e%2e"],
    ["a lone surrogate", "%ED%A0%80"],
  ]) {
    it(`answers ${label} with a JSON 400/404 on every id route and method`, async () => {
      const failures: string[] = [];
      for (const { template, methods } of idRoutes()) {
        // The first parameter gets the bad id, later ones (versions) a plausible value.
        let first = true;
        const url = template.replace(/\[[^\]]+\]/g, () => (first ? ((first = false), bad) : "1"));
        for (const method of methods) {
          const r = await raw(method, url);
          const json = /application\/json/.test(r.type) && typeof JSON.parse(r.body).detail === "string";
          if (![400, 404].includes(r.status) || !json) failures.push(`${method} ${url}: ${r.status} ${r.type}`);
        }
      }
      expect(failures).toEqual([]);
    });
  }

  it("logged no unhandled error for any of them", () => {
    expect(server.logs()).not.toMatch(/"level":"(error|fatal)"/);
  });
});
