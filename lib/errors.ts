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
export class InvalidInputError extends DomainError {
  override readonly status = 400;
}
export class UnauthorizedError extends DomainError {
  override readonly status = 401;
}
export class ForbiddenError extends DomainError {
  override readonly status = 403;
}
export class NotFoundError extends DomainError {
  override readonly status = 404;
}
export class ConflictError extends DomainError {
  override readonly status = 409;
}
export class PayloadTooLargeError extends DomainError {
  override readonly status = 413;
}
export class UnsupportedMediaTypeError extends DomainError {
  override readonly status = 415;
}
/** The server cannot answer now (overloaded, database down); the caller should retry after `retryAfterSeconds`. */
export class ServiceUnavailableError extends DomainError {
  override readonly status = 503;
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    extra?: Record<string, unknown>,
  ) {
    super(message, extra);
  }
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
