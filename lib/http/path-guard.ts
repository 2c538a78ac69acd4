import type http from "node:http";
import { isStorableText } from "../text";

/**
 * Why a raw request path cannot name an API resource, or null: a malformed percent-encoding (Next answers it with a
 * plain-text 500), a dot segment (the URL parser resolves `%2e%2e` to a parent and Next answers an HTML 404), or a
 * NUL or unpaired surrogate (PostgreSQL refuses them).
 */
export function badPathReason(rawPath: string): string | null {
  for (const segment of rawPath.split("/")) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return "The path has a malformed percent-encoding";
    }
    if (decoded === "." || decoded === "..") return "The path has a dot segment";
    if (!isStorableText(decoded)) return "The path contains a NUL character or an unpaired surrogate";
  }
  return null;
}

/** Answers a bad `/api/` path with a JSON 400 before Next sees it; true when it did. */
export function refuseBadApiPath(req: http.IncomingMessage, res: http.ServerResponse): boolean {
  const rawPath = (req.url ?? "/").split("?")[0];
  if (!rawPath.toLowerCase().startsWith("/api/")) return false;
  const reason = badPathReason(rawPath);
  if (!reason) return false;
  const body = JSON.stringify({ detail: reason });
  res.writeHead(400, { "Content-Type": "application/json", "Content-Length": String(Buffer.byteLength(body)) });
  res.end(body);
  return true;
}
