import { createHash, timingSafeEqual } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { metrics } from "./registry";

/**
 * Route templates for the HTTP duration histogram, read once from app/api's folders (`[gatewayId]` → one
 * segment), so a label never carries an id and the label set stays bounded.
 */
function loadTemplates(root: string): { template: string; re: RegExp }[] {
  const out: { template: string; re: RegExp }[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name === "route.ts") {
        const template = "/" + path.relative(path.join(root, "app"), dir).split(path.sep).join("/");
        const pattern = template
          .split("/")
          .map((seg) =>
            seg.startsWith("[...") ? ".+" : seg.startsWith("[") ? "[^/]+" : seg.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"),
          )
          .join("/");
        out.push({ template, re: new RegExp(`^${pattern}/?$`) });
      }
    }
  };
  walk(path.join(root, "app/api"));
  // Static segments win over parameters: `/gateways/preview` before `/gateways/[id]`.
  return out.sort((a, b) => (a.template.match(/\[/g)?.length ?? 0) - (b.template.match(/\[/g)?.length ?? 0));
}

let templates: { template: string; re: RegExp }[] | null = null;

export function routeLabel(pathname: string): string {
  if (pathname.startsWith("/api/")) {
    templates ??= loadTemplates(process.cwd());
    return templates.find((t) => t.re.test(pathname))?.template ?? "/api/other";
  }
  if (pathname.startsWith("/_next/")) return "/_next";
  if (pathname === "/v1/opamp" || pathname === "/metrics") return pathname;
  return "page";
}

/** Observes one HTTP request when its response has been sent. */
export function timeRequest(req: http.IncomingMessage, res: http.ServerResponse, pathname: string): void {
  const started = performance.now();
  res.once("finish", () => {
    metrics().httpDuration.observe(
      { route: routeLabel(pathname), method: req.method ?? "GET", status: String(res.statusCode) },
      (performance.now() - started) / 1000,
    );
  });
}

const digest = (s: string) => createHash("sha256").update(s).digest();

/** `/metrics` on the main port: only with `Authorization: Bearer $FLOWGATE_METRICS_TOKEN` (404 when no token is set). */
export function metricsAllowedOnMainPort(req: http.IncomingMessage, token: string | undefined): boolean {
  if (!token) return false;
  const given = req.headers.authorization?.match(/^Bearer\s+(.+)$/i)?.[1].trim() ?? "";
  return timingSafeEqual(digest(given), digest(token));
}

export async function writeMetrics(res: http.ServerResponse): Promise<void> {
  const { registry } = metrics();
  const body = await registry.metrics();
  res.writeHead(200, { "Content-Type": registry.contentType }).end(body);
}

/** A listener that serves only `/metrics`, without authentication, for scrapers inside the cluster network. */
export function startMetricsListener(port: number, hostname: string): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    if (new URL(req.url ?? "/", "http://localhost").pathname !== "/metrics") return void res.writeHead(404).end();
    writeMetrics(res).catch(() => res.writeHead(500).end());
  });
  return new Promise((resolve) => server.listen(port, hostname, () => resolve(server)));
}
