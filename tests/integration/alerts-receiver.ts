import http from "node:http";
import { createHmac, timingSafeEqual } from "node:crypto";
import type { AddressInfo } from "node:net";

export type Received = { path: string; at: number; body: string; json: any; verified: boolean };

/**
 * A webhook receiver as a user would write one (docs/api/alerts.md): it checks the HMAC of `<timestamp>.<body>`
 * with the channel's secret. `failFirst[path]` requests to a path are answered 500 before it accepts.
 */
export async function startReceiver(failFirst: Record<string, number> = {}) {
  const received: Received[] = [];
  const secrets = new Map<string, string>();
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const path = req.url ?? "/";
      const ts = String(req.headers["x-flowgate-timestamp"] ?? "");
      const sig = String(req.headers["x-flowgate-signature"] ?? "");
      const secret = secrets.get(path) ?? "";
      const expected = `sha256=${createHmac("sha256", secret).update(`${ts}.${body}`).digest("hex")}`;
      const verified = sig.length === expected.length && timingSafeEqual(Buffer.from(sig), Buffer.from(expected));
      received.push({ path, at: Date.now(), body, json: JSON.parse(body), verified });
      const failures = failFirst[path] ?? 0;
      const n = received.filter((r) => r.path === path).length;
      res.statusCode = n <= failures ? 500 : 200;
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    received,
    at: (path: string) => received.filter((r) => r.path === path),
    /** The secret the channel at `path` was created with (shown once by the API). */
    setSecret: (path: string, secret: string) => secrets.set(path, secret),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
