import { isDatabaseUnavailable } from "../db/client";
import { DomainError, retryAfterHeader, ServiceUnavailableError } from "../errors";
import { logger } from "../log/logger";

/** As /api/health answers while the database is down. */
const DATABASE_RETRY_AFTER_SECONDS = 5;

/**
 * The single mapping from thrown errors to API responses: domain errors keep their message, a database that cannot
 * be reached is 503 + Retry-After, others become 500.
 */
export function toErrorResponse(err: unknown): Response {
  if (!(err instanceof DomainError) && isDatabaseUnavailable(err)) {
    logger("api").warn({ err }, "database unavailable");
    return toErrorResponse(new ServiceUnavailableError("Database unavailable", DATABASE_RETRY_AFTER_SECONDS));
  }
  if (err instanceof DomainError) {
    return Response.json({ detail: err.message, ...err.extra }, { status: err.status, headers: retryAfterHeader(err) });
  }
  logger("api").error({ err }, "unhandled error");
  return Response.json({ detail: "Internal server error" }, { status: 500 });
}
