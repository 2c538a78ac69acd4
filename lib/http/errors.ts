import { DomainError, ServiceUnavailableError } from "../errors";
import { logger } from "../log/logger";

/** The single mapping from thrown errors to API responses: domain errors keep their message, others become 500. */
export function toErrorResponse(err: unknown): Response {
  if (err instanceof DomainError) {
    const headers =
      err instanceof ServiceUnavailableError ? { "Retry-After": String(err.retryAfterSeconds) } : undefined;
    return Response.json({ detail: err.message, ...err.extra }, { status: err.status, headers });
  }
  logger("api").error({ err }, "unhandled error");
  return Response.json({ detail: "Internal server error" }, { status: 500 });
}
