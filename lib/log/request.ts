import { randomUUID } from "node:crypto";
import type http from "node:http";
import { withLogContext } from "./context";
import { logger } from "./logger";

/** An incoming id is kept when it is a short token (what proxies and tracing tools send); anything else is replaced. */
const SANE_ID = /^[\w.:@/+=-]{1,128}$/;

export function requestId(req: http.IncomingMessage): string {
  const given = req.headers["x-request-id"];
  return typeof given === "string" && SANE_ID.test(given) ? given : randomUUID();
}

/** Paths polled often enough that their access lines are debug: Next's assets, probes, scrapes, OpAMP polls. */
const quiet = (pathname: string) =>
  pathname.startsWith("/_next/") ||
  pathname === "/metrics" ||
  pathname === "/api/health" ||
  pathname === "/api/ready" ||
  pathname === "/v1/opamp" ||
  pathname.startsWith("/api/v1/opamp/");

/**
 * Runs one HTTP request's handling with its request id as the log context, echoes the id in `x-request-id`, and
 * writes one access line when the response ends. The path only: query strings may carry secrets.
 */
export function handleWithRequestId(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  pathname: string,
  handle: () => void,
): void {
  const id = requestId(req);
  res.setHeader("x-request-id", id);
  const started = performance.now();
  res.once("close", () => {
    const line = {
      req_id: id,
      method: req.method,
      path: pathname,
      status: res.statusCode,
      ms: Math.round(performance.now() - started),
    };
    const log = logger("http");
    if (quiet(pathname)) log.debug(line, "request");
    else log.info(line, "request");
  });
  withLogContext({ req_id: id }, handle);
}
