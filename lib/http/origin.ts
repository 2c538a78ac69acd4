import { publicUrl } from "../config";
import { ForbiddenError } from "../errors";

const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** The host:port a browser origin names, or null for `null` / unparsable origins. */
function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/**
 * CSRF defence for cookie-authenticated REST writes: a browser always sends `Origin` on POST/PUT/PATCH/DELETE, so
 * one naming another site (or `null`) is refused. Bearer calls carry no ambient credential and are not checked;
 * a write without `Origin` is a non-browser client, unless Fetch metadata says the browser sent it cross-site.
 */
export function assertSameOriginWrite(req: Request): void {
  if (!WRITES.has(req.method) || req.headers.has("authorization")) return;
  const origin = req.headers.get("origin");
  if (origin === null) {
    const site = req.headers.get("sec-fetch-site");
    if (site && site !== "same-origin" && site !== "none") throw new ForbiddenError("Cross-site request refused");
    return;
  }
  const host = hostOf(origin);
  const allowed = [req.headers.get("x-forwarded-host"), req.headers.get("host"), hostOf(publicUrl())];
  if (!host || !allowed.includes(host))
    throw new ForbiddenError(`Cross-origin request refused: Origin ${origin} is not this server`);
}
