/** Domain errors: thrown by verbs, mapped to HTTP status + {"detail"} in one place (lib/http/errors.ts). */
export class DomainError extends Error {
  readonly status: number = 500;
  constructor(
    message: string,
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A DomainError subclass answering `status`: each error stays its own class, so `instanceof` tells them apart. */
function withStatus(status: number) {
  return class extends DomainError {
    override readonly status = status;
  };
}
export class InvalidInputError extends withStatus(400) {}
export class UnauthorizedError extends withStatus(401) {}
export class ForbiddenError extends withStatus(403) {}
export class NotFoundError extends withStatus(404) {}
export class ConflictError extends withStatus(409) {}
export class PayloadTooLargeError extends withStatus(413) {}
export class UnsupportedMediaTypeError extends withStatus(415) {}
/** The server cannot answer now (overloaded, database down); the caller should retry after `retryAfterSeconds`. */
export class ServiceUnavailableError extends withStatus(503) {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    extra?: Record<string, unknown>,
  ) {
    super(message, extra);
  }
}

/** Over a rate limit; the caller may try again after `retryAfterSeconds`. */
export class TooManyRequestsError extends withStatus(429) {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/** `Retry-After` for the errors that carry one (503, 429), for every transport's error mapper. */
export function retryAfterHeader(err: DomainError): Record<string, string> | undefined {
  return err instanceof ServiceUnavailableError || err instanceof TooManyRequestsError
    ? { "Retry-After": String(err.retryAfterSeconds) }
    : undefined;
}

/** PostgreSQL unique_violation, from either driver. */
export function isUniqueViolation(err: unknown): boolean {
  let e: unknown = err;
  for (let i = 0; i < 4 && e; i++) {
    if ((e as { code?: string }).code === "23505") return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
