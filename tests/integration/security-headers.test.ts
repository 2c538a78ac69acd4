import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_EMAIL, ADMIN_PASSWORD, startServer, type TestServer } from "../helpers/server";
import { signInWithPassword } from "../helpers/sign-in";

let server: TestServer;
let cookie: string;
beforeAll(async () => {
  server = await startServer();
  const session = await signInWithPassword(server.url, ADMIN_EMAIL, ADMIN_PASSWORD);
  expect(session.signedIn).toBe(true);
  cookie = session.cookie;
});
afterAll(async () => {
  await server?.stop();
});

describe("security headers", () => {
  it("sends CSP with frame-ancestors, X-Frame-Options, nosniff and Referrer-Policy on pages and the API", async () => {
    for (const path of ["/sign-in", "/api/health"]) {
      const res = await fetch(server.url + path);
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toContain("default-src 'self'");
      expect(csp, path).toContain("object-src 'none'");
      expect(res.headers.get("x-frame-options"), path).toBe("DENY");
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(res.headers.get("referrer-policy"), path).toBe("strict-origin-when-cross-origin");
      await res.body?.cancel();
    }
  });

  it("sends HSTS only when the request came over HTTPS", async () => {
    const plain = await fetch(server.url + "/sign-in");
    expect(plain.headers.get("strict-transport-security")).toBeNull();
    const https = await fetch(server.url + "/sign-in", { headers: { "x-forwarded-proto": "https" } });
    expect(https.headers.get("strict-transport-security")).toMatch(/^max-age=\d{7,}/);
    await Promise.all([plain.body?.cancel(), https.body?.cancel()]);
  });
});

describe("Origin check on cookie-authenticated writes", () => {
  const createKey = (headers: Record<string, string>) =>
    fetch(server.url + "/api/v1/api-keys", {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ name: `k-${Math.random()}`, role: "viewer" }),
    });

  it("refuses a session-cookie write from another origin (or a cross-site one without Origin) with 403", async () => {
    const evil = await createKey({ cookie, origin: "https://evil.example" });
    expect(evil.status).toBe(403);
    expect((await evil.json()).detail).toMatch(/Cross-origin/);
    const nullOrigin = await createKey({ cookie, origin: "null" });
    expect(nullOrigin.status).toBe(403);
    const crossSite = await createKey({ cookie, "sec-fetch-site": "cross-site" });
    expect(crossSite.status).toBe(403);
    const keys = await (await fetch(server.url + "/api/v1/api-keys", { headers: { cookie } })).json();
    expect(keys.total).toBe(0);
  });

  it("accepts the same write from this origin, and reads from any origin", async () => {
    const own = await createKey({ cookie, origin: server.url });
    expect(own.status).toBe(201);
    const read = await fetch(server.url + "/api/v1/api-keys", {
      headers: { cookie, origin: "https://evil.example" },
    });
    expect(read.status).toBe(200);
  });

  it("does not apply to Bearer API keys, which carry no ambient credential", async () => {
    const { key } = await server.adminKey();
    const res = await createKey({ authorization: `Bearer ${key}`, origin: "https://evil.example" });
    expect(res.status).toBe(201);
  });
});
