import { createHash, timingSafeEqual } from "node:crypto";

/** 48 random bytes in url-safe base64: exactly 64 characters of [A-Za-z0-9_-]. */
export const REGISTRATION_TOKEN_RE = /^[A-Za-z0-9_-]{64}$/;

export function hashRegistrationToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Constant-time comparison of two hex digests of equal length. */
export function digestsEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, "hex");
  const y = Buffer.from(b, "hex");
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}
