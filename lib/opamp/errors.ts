import { DomainError, InvalidInputError, ServiceUnavailableError, UnauthorizedError } from "../errors";
import type { ServerToAgent } from "./types";
import { ErrorType } from "./types";

/**
 * OpAMP's two error mappers, from the same error classes as REST: an HTTP status for the plain-HTTP transport
 * and the WebSocket upgrade, and a ServerErrorResponse for a message the server could not take.
 */
export function toOpampHttpError(err: unknown): { status: number; detail: string; headers: Record<string, string> } {
  if (!(err instanceof DomainError)) return { status: 500, detail: "Internal server error", headers: {} };
  const headers: Record<string, string> = {};
  if (err instanceof UnauthorizedError) headers["WWW-Authenticate"] = "Bearer";
  if (err instanceof ServiceUnavailableError) headers["Retry-After"] = String(err.retryAfterSeconds);
  return { status: err.status, detail: err.message, headers };
}

/** BAD_REQUEST for bad input, UNAVAILABLE (with its retry delay) when the server cannot answer now. */
export function toServerErrorResponse(uid: Uint8Array, err: DomainError): ServerToAgent {
  const type =
    err instanceof InvalidInputError
      ? ErrorType.BadRequest
      : err instanceof ServiceUnavailableError
        ? ErrorType.Unavailable
        : ErrorType.Unknown;
  const retryAfterSeconds = err instanceof ServiceUnavailableError ? err.retryAfterSeconds : 0;
  return {
    instanceUid: Buffer.from(uid),
    errorResponse: {
      type,
      errorMessage: err.message,
      ...(retryAfterSeconds
        ? { retryInfo: { retryAfterNanoseconds: BigInt(retryAfterSeconds) * 1_000_000_000n } }
        : {}),
    },
  };
}
